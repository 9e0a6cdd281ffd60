package com.clicktocall.localstack.apigateway;

import com.clicktocall.localstack.Console;
import com.clicktocall.model.api.ApiRoutes;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What the local stack reads from the SAM template ({@code template.yaml}): each
 * {@code AWS::Serverless::Function}'s API events (routes), environment variable names, timeout and
 * memory. CloudFormation tags ({@code !Ref}, {@code !Sub}, ...) are read as {@code {"Ref": ...}} maps.
 */
public final class SamTemplate {

    /**
     * One function of the template.
     *
     * @param name      its local name: the module of its {@code CodeUri}, or, when several functions share that module (one artifact,
     *                  several handlers), its logical id in kebab case without {@code Function}
     * @param module    the module whose {@code target/function.zip} it runs
     * @param eventRules its {@code EventBridgeRule} (or {@code CloudWatchEvent}) events
     * @param schedules  its {@code Schedule} (or {@code ScheduleV2}) events
     */
    public record Function(String logicalId, String name, String module, Map<String, Object> environment, Optional<Integer> timeoutSeconds,
            Optional<Integer> memoryMb, List<EventRule> eventRules, List<ScheduleRule> schedules) {

        public Function {
            eventRules = List.copyOf(eventRules);
            schedules = List.copyOf(schedules);
        }
    }

    /** An EventBridge rule that targets a function: its event pattern, as written. */
    public record EventRule(String eventId, Map<String, Object> pattern) {
    }

    /** A schedule that targets a function: its expression ({@code rate(1 minute)}, {@code cron(...)}), enabled or not. */
    public record ScheduleRule(String eventId, String expression, boolean enabled) {
    }

    private final List<Function> functions;
    private final List<ApiRoute> routes;
    private final Map<String, String> parameterDefaults;
    private final boolean fromTemplate;

    private SamTemplate(List<Function> functions, List<ApiRoute> routes, Map<String, String> parameterDefaults, boolean fromTemplate) {
        this.functions = functions;
        this.routes = routes;
        this.parameterDefaults = parameterDefaults;
        this.fromTemplate = fromTemplate;
    }

    /** The template at {@code path}, or, when there is none, the routes of {@link ApiRoutes} (said so in the console). */
    public static SamTemplate load(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            Console.line("api", "no " + path + ": routes taken from ApiRoutes (POST " + ApiRoutes.DIAL + " → call-control, POST "
                    + ApiRoutes.UPDATE + " → update-call)");
            return fallback();
        }
        try (Reader reader = Files.newBufferedReader(path)) {
            Object root = new Yaml(new CloudFormationConstructor()).load(reader);
            return parse(root);
        }
    }

    public static SamTemplate fallback() {
        return new SamTemplate(List.of(), List.of(new ApiRoute("POST", ApiRoutes.DIAL, "call-control", true),
                new ApiRoute("POST", ApiRoutes.UPDATE, "update-call", true)), Map.of(), false);
    }

    @SuppressWarnings("unchecked")
    static SamTemplate parse(Object root) {
        Map<String, Object> template = root instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        Map<String, Object> globalEnv = map(map(globals.get("Environment")).get("Variables"));
        List<Function> functions = new ArrayList<>();
        List<ApiRoute> routes = new ArrayList<>();
        Map<String, Integer> functionsPerModule = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((logicalId, value) -> {
            Map<String, Object> resource = map(value);
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                functionsPerModule.merge(functionName(logicalId, map(resource.get("Properties"))), 1, Integer::sum);
            }
        });
        map(template.get("Resources")).forEach((logicalId, value) -> {
            Map<String, Object> resource = map(value);
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> properties = map(resource.get("Properties"));
            String module = functionName(logicalId, properties);
            // one artifact with several handlers: each function is named after its logical id
            String name = functionsPerModule.getOrDefault(module, 0) > 1 ? kebab(logicalId) : module;
            Map<String, Object> env = new LinkedHashMap<>(globalEnv);
            env.putAll(map(map(properties.get("Environment")).get("Variables")));
            Optional<Integer> timeout = integer(properties.getOrDefault("Timeout", globals.get("Timeout")));
            Optional<Integer> memory = integer(properties.getOrDefault("MemorySize", globals.get("MemorySize")));
            List<EventRule> eventRules = new ArrayList<>();
            List<ScheduleRule> schedules = new ArrayList<>();
            map(properties.get("Events")).forEach((eventId, eventValue) -> {
                Map<String, Object> event = map(eventValue);
                Map<String, Object> eventProperties = map(event.get("Properties"));
                Object type = event.get("Type");
                if ("EventBridgeRule".equals(type) || "CloudWatchEvent".equals(type)) {
                    eventRules.add(new EventRule(eventId, map(eventProperties.get("Pattern"))));
                } else if (("Schedule".equals(type) || "ScheduleV2".equals(type))
                        && eventProperties.get(type.equals("Schedule") ? "Schedule" : "ScheduleExpression") instanceof String expression) {
                    Object enabled = eventProperties.getOrDefault("Enabled", true);
                    Object state = eventProperties.get("State");
                    schedules.add(new ScheduleRule(eventId, expression.strip(),
                            !"false".equalsIgnoreCase(String.valueOf(enabled)) && (state == null || "ENABLED".equals(state))));
                }
            });
            functions.add(new Function(logicalId, name, module, env, timeout, memory, eventRules, schedules));
            map(properties.get("Events")).forEach((eventId, eventValue) -> {
                Map<String, Object> event = map(eventValue);
                if (!"Api".equals(event.get("Type"))) {
                    return;
                }
                Map<String, Object> eventProperties = map(event.get("Properties"));
                Object path = eventProperties.get("Path");
                Object method = eventProperties.get("Method");
                if (path instanceof String p && method instanceof String m) {
                    Object authorizer = map(eventProperties.get("Auth")).get("Authorizer");
                    boolean open = "NONE".equals(authorizer) || "OPTIONS".equalsIgnoreCase(m);
                    routes.add(new ApiRoute(m, p, name, !open));
                }
            });
        });
        Map<String, String> defaults = new LinkedHashMap<>();
        map(template.get("Parameters")).forEach((name, parameter) -> {
            Object value = map(parameter).get("Default");
            if (value != null) {
                defaults.put(name, String.valueOf(value));
            }
        });
        return new SamTemplate(functions, routes, defaults, true);
    }

    /**
     * The local name of a function: the module its {@code CodeUri} points into ({@code call-control/target/function.zip}
     * → {@code call-control}), else its logical id in kebab case without {@code Function}.
     */
    static String functionName(String logicalId, Map<String, Object> properties) {
        if (properties.get("CodeUri") instanceof String codeUri && !codeUri.isBlank()) {
            String first = codeUri.replace('\\', '/').replaceFirst("^\\./", "").split("/")[0];
            if (!first.isBlank() && !first.endsWith(".zip") && !first.equals("..")) {
                return first;
            }
        }
        return kebab(logicalId);
    }

    /** {@code MeetingEventsFunction} → {@code meeting-events}. */
    public static String kebab(String logicalId) {
        String base = logicalId.endsWith("Function") ? logicalId.substring(0, logicalId.length() - "Function".length()) : logicalId;
        return base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    public List<Function> functions() {
        return functions;
    }

    public Optional<Function> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The functions that run {@code module}'s artifact: one, or several sharing it with different handlers. */
    public List<Function> functionsOf(String module) {
        return functions.stream().filter(f -> f.module().equals(module)).toList();
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    /**
     * A plain value of an environment variable: a scalar, or a {@code !Ref} to a parameter with a default
     * (its default) or to {@code AWS::Region} ({@code region}); empty for anything CloudFormation computes.
     */
    public Optional<String> plainValue(Object value, String region) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(String.valueOf(value));
        }
        Object ref = map(value).get("Ref");
        if ("AWS::Region".equals(ref)) {
            return Optional.of(region);
        }
        return Optional.ofNullable(parameterDefaults.get(String.valueOf(ref)));
    }

    public boolean fromTemplate() {
        return fromTemplate;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Optional<Integer> integer(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.intValue());
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Integer.parseInt(s.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Reads every CloudFormation short-form tag ({@code !Ref x}) as a one-entry map ({@code {"Ref": "x"}}). */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String key = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    return Map.of(key, value);
                }
            });
        }
    }
}
