package com.clicktocall.templatetests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the function modules themselves say, read from their classes on the test classpath (they are
 * test dependencies of this module) and from their sources: configuration mappings, JAX-RS resources.
 */
final class FunctionModules {

    private static final Pattern PROJECT_DEPENDENCY =
            Pattern.compile("<groupId>com\\.clicktocall</groupId>\\s*<artifactId>([^<]+)</artifactId>");

    /**
     * Modules the template already names whose code is written on another branch: until one is merged
     * here, the checks that read a module's classes or sources skip it (and say so) instead of failing.
     * Once its {@code pom.xml} exists they run, and fail until template-tests depends on it: add it to
     * this module's pom.xml, then drop it from this set.
     */
    static final Set<String> NOT_YET_MERGED = Set.of("call-guards");

    /**
     * Variables the template already sets for a module whose code that reads them comes with the
     * {@link #NOT_YET_MERGED} modules (the same branch): not required to be read until those are here.
     */
    private static final java.util.Map<String, Set<String>> READ_ON_ANOTHER_BRANCH = java.util.Map.of(
            "sma-handler", Set.of("CLICKTOCALL_CALLER_JOIN_TIMEOUT_SECONDS"));

    private FunctionModules() {
    }

    /** The variables of {@code module} whose reading is still on another branch; none once that branch is merged. */
    static Set<String> readOnAnotherBranch(String module) {
        boolean merged = NOT_YET_MERGED.stream().allMatch(FunctionModules::inThisBuild);
        return merged ? Set.of() : READ_ON_ANOTHER_BRANCH.getOrDefault(module, Set.of());
    }

    /** Whether the module is in this working tree. */
    static boolean inThisBuild(String module) {
        return Files.isRegularFile(SamTemplate.ROOT.resolve(module).resolve("pom.xml"));
    }

    /** Skips the calling check for a module of {@link #NOT_YET_MERGED} that is not in this tree yet; any other module must be. */
    static void assumeInThisBuild(String module) {
        Assumptions.assumeTrue(inThisBuild(module) || !NOT_YET_MERGED.contains(module),
                module + " is not merged into this branch yet (FunctionModules.NOT_YET_MERGED)");
    }

    /** The module and the project modules it depends on (e.g. api-support), whose classes it runs too. */
    static List<String> withProjectDependencies(String module) {
        List<String> modules = new ArrayList<>(List.of(module));
        Matcher matcher = PROJECT_DEPENDENCY.matcher(SamTemplate.read(module + "/pom.xml"));
        while (matcher.find()) {
            if (!matcher.group(1).equals("test-support")) {
                modules.add(matcher.group(1));
            }
        }
        return modules;
    }

    /** Every class of the module and its project dependencies found on the test classpath. */
    static List<Class<?>> classes(String module) {
        List<Class<?>> classes = new ArrayList<>();
        for (String each : withProjectDependencies(module)) {
            for (Path entry : classpathEntries(each)) {
                for (String name : classNames(entry)) {
                    try {
                        classes.add(Class.forName(name, false, FunctionModules.class.getClassLoader()));
                    } catch (ClassNotFoundException | LinkageError e) {
                        // A class whose optional dependencies are absent here cannot be a config mapping we need.
                    }
                }
            }
        }
        return classes;
    }

    /** Whether the module's classes are on the test classpath at all. */
    static boolean onClasspath(String module) {
        return !classpathEntries(module).isEmpty();
    }

    /** The {@code @ConfigMapping} interfaces among the module's classes. */
    static List<Class<?>> configMappings(String module) {
        return classes(module).stream()
                .filter(Class::isInterface)
                .filter(c -> annotation(c, "io.smallrye.config.ConfigMapping").isPresent())
                .toList();
    }

    /** A configuration property: its environment variable name and whether the function refuses to start without it. */
    record Property(String environmentVariable, boolean required, String declaredBy) {
    }

    /** The properties a mapping reads, named as environment variables the way SmallRye Config maps them. */
    static List<Property> properties(Class<?> mapping) {
        String prefix = annotationValue(annotation(mapping, "io.smallrye.config.ConfigMapping").orElseThrow(), "prefix");
        List<Property> properties = new ArrayList<>();
        collect(mapping, prefix, mapping.getSimpleName(), properties);
        return properties;
    }

    private static void collect(Class<?> group, String prefix, String owner, List<Property> into) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = annotation(method, "io.smallrye.config.WithName").map(a -> annotationValue(a, "value"))
                    .orElseGet(() -> kebab(method.getName()));
            String property = prefix.isEmpty() ? name : prefix + "." + name;
            Class<?> type = method.getReturnType();
            if (isGroup(type)) {
                collect(type, property, owner + "." + method.getName(), into);
                continue;
            }
            boolean optional = annotation(method, "io.smallrye.config.WithDefault").isPresent()
                    || type == Optional.class || type == OptionalInt.class || type == OptionalLong.class
                    || type == OptionalDouble.class;
            into.add(new Property(environmentVariable(property), !optional, owner + "." + method.getName() + "()"));
        }
    }

    /** {@code clicktocall.sma-id} → {@code CLICKTOCALL_SMA_ID}. */
    static String environmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** JAX-RS resources: (HTTP method, path) pairs, class path joined with method path. */
    static Set<String> jaxRsRoutes(String module) {
        Set<String> routes = new LinkedHashSet<>();
        for (Class<?> type : classes(module)) {
            Optional<Annotation> classPath = annotation(type, "jakarta.ws.rs.Path");
            if (classPath.isEmpty()) {
                continue;
            }
            String base = annotationValue(classPath.get(), "value");
            for (Method method : type.getDeclaredMethods()) {
                for (String verb : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                    if (annotation(method, "jakarta.ws.rs." + verb).isPresent()) {
                        String sub = annotation(method, "jakarta.ws.rs.Path").map(a -> annotationValue(a, "value")).orElse("");
                        routes.add(verb + " " + join(base, sub));
                    }
                }
            }
        }
        return routes;
    }

    /** The module's main Java sources, concatenated (with those of its project dependencies). */
    static String sources(String module) {
        StringBuilder text = new StringBuilder();
        for (String each : withProjectDependencies(module)) {
            Path root = SamTemplate.ROOT.resolve(each).resolve("src/main/java");
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    text.append(Files.readString(file)).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.") && !type.getName().startsWith("javax.");
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Optional<Annotation> annotation(java.lang.reflect.AnnotatedElement element, String type) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().equals(type)) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    private static String annotationValue(Annotation annotation, String attribute) {
        try {
            return String.valueOf(annotation.annotationType().getMethod(attribute).invoke(annotation));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> classpathEntries(String module) {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String normalised = path.toAbsolutePath().normalize().toString().replace(File.separatorChar, '/');
            boolean reactorBuild = normalised.contains("/" + module + "/target/");
            boolean installed = path.getFileName() != null
                    && path.getFileName().toString().matches(Pattern.quote(module) + "-\\d.*\\.jar");
            if (reactorBuild || installed) {
                entries.add(path);
            }
        }
        return entries;
    }

    private static List<String> classNames(Path entry) {
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .map(f -> entry.relativize(f).toString().replace(File.separatorChar, '/'))
                            .forEach(n -> names.add(toClassName(n)));
                }
            } else if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    jar.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                            .forEach(n -> names.add(toClassName(n)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names.stream().filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info")).toList();
    }

    private static String toClassName(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
