package com.clicktocall.templatetests;

import com.clicktocall.testsupport.CloudFormationYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/** template.yaml, read once, with the few navigation helpers the checks share. */
final class SamTemplate {

    /** The repository root: the module runs with template-tests/ as its working directory. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static SamTemplate loaded;

    final Map<String, Object> document;

    private SamTemplate(Map<String, Object> document) {
        this.document = document;
    }

    static synchronized SamTemplate load() {
        if (loaded == null) {
            try {
                loaded = new SamTemplate(CloudFormationYaml.read(ROOT.resolve("template.yaml")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    static String read(String relativePath) {
        try {
            return Files.readString(ROOT.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> section(String name) {
        return map(document.get(name));
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    Map<String, Object> resource(String logicalId) {
        return map(resources().get(logicalId));
    }

    String type(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    /** Logical ids of the resources of this type, in template order. */
    List<String> ofType(String type) {
        return resources().keySet().stream().filter(id -> type.equals(type(id))).toList();
    }

    List<String> functions() {
        return ofType("AWS::Serverless::Function");
    }

    Map<String, Object> functionGlobals() {
        return map(section("Globals").get("Function"));
    }

    /** A function property, falling back to Globals.Function as SAM does. */
    Optional<Object> functionProperty(String function, String name) {
        Object own = properties(function).get(name);
        return Optional.ofNullable(own != null ? own : functionGlobals().get(name));
    }

    /** The function's environment variables, Globals merged under its own (as SAM merges them). */
    Map<String, Object> environment(String function) {
        Map<String, Object> merged = new LinkedHashMap<>(variables(functionGlobals()));
        merged.putAll(variables(properties(function)));
        return merged;
    }

    /** The module a function is built from: the first segment of its CodeUri. */
    String module(String function) {
        String codeUri = (String) properties(function).get("CodeUri");
        return codeUri.substring(0, codeUri.indexOf('/'));
    }

    /** Calls {@code visitor} for every map and list node below {@code node}, depth first. */
    static void walk(Object node, BiConsumer<Object, List<Object>> visitor) {
        walk(node, visitor, new java.util.ArrayList<>());
    }

    private static void walk(Object node, BiConsumer<Object, List<Object>> visitor, List<Object> path) {
        visitor.accept(node, path);
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                path.add(key);
                walk(value, visitor, path);
                path.removeLast();
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                path.add(i);
                walk(list.get(i), visitor, path);
                path.removeLast();
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static Map<String, Object> variables(Map<String, Object> functionProperties) {
        return map(map(functionProperties.get("Environment")).get("Variables"));
    }
}
