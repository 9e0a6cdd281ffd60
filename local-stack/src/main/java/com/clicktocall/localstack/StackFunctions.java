package com.clicktocall.localstack;

import com.clicktocall.localstack.apigateway.SamTemplate;
import com.clicktocall.localstack.lambda.FunctionSpec;
import com.clicktocall.localstack.lambda.LambdaService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's functions as the stack registers them with its Lambda: each one's packaged artifact (or the one
 * {@link StackConfig#withFunction} gives), its timeout and memory from template.yaml, and its environment: the
 * template's variables (those docs/CONFIGURATION.md names pointed at this stack, the rest as the template writes
 * them), the AWS SDK's endpoints of the stack, and the {@code --function-env} pairs.
 */
final class StackFunctions {

    private final StackConfig config;
    private final SamTemplate template;
    private final Path root;

    StackFunctions(StackConfig config, SamTemplate template, Path root) {
        this.config = config;
        this.template = template;
        this.root = root;
    }

    /**
     * Registers every function of {@link StackConfig#FUNCTIONS} that has an artifact, and says which have none. A module whose
     * artifact several template functions share (one {@code CodeUri}, a handler each through their environment) is registered
     * once per function.
     *
     * @param webOrigin the stack's page, the one origin the functions allow
     */
    void register(LambdaService lambda, String webOrigin, String chimeUrl, String ledgerEndpoint) {
        Map<String, String> stackValues = functionVariables(webOrigin, chimeUrl);
        for (String module : StackConfig.FUNCTIONS) {
            String[] moduleOverride = config.functionOverrides().get(module);
            Path moduleArtifact = moduleOverride != null ? Path.of(moduleOverride[0]) : root.resolve(module).resolve("target/function.zip");
            List<String> names = functionNames(module);
            for (String name : names) {
                String[] override = config.functionOverrides().getOrDefault(name, moduleOverride);
                Path artifact = config.functionOverrides().containsKey(name) ? Path.of(override[0]) : moduleArtifact;
                if (!Files.exists(artifact)) {
                    Console.line("lambda", name + ": no artifact at " + root.relativize(artifact.toAbsolutePath())
                            + " (build it: ./mvnw -B -pl " + module + " -am -DskipTests package); requests for it will fail");
                    continue;
                }
                Optional<SamTemplate.Function> fromTemplate = template.function(name);
                Map<String, String> env = environment(name, fromTemplate, stackValues);
                env.put("AWS_ENDPOINT_URL_CHIME_SDK_MEETINGS", chimeUrl);
                env.put("AWS_ENDPOINT_URL_CHIME_SDK_VOICE", chimeUrl);
                env.put("CLICKTOCALL_LEDGER_ENDPOINT", ledgerEndpoint);
                // like the ledger's: the template leaves it out (AWS's endpoint), the stack's functions need its own
                env.put("CLICKTOCALL_CHIME_ENDPOINT", chimeUrl);
                testOverrides().forEach(env::put);
                env.putAll(config.pairs("function-env"));
                Duration timeout = fromTemplate.flatMap(SamTemplate.Function::timeoutSeconds).map(Duration::ofSeconds)
                        .orElse(FunctionSpec.DEFAULT_TIMEOUT);
                int memory = fromTemplate.flatMap(SamTemplate.Function::memoryMb).orElse(FunctionSpec.DEFAULT_MEMORY_MB);
                String handler = override != null ? override[1] : FunctionSpec.QUARKUS_HANDLER;
                lambda.register(new FunctionSpec(name, artifact, handler, env, timeout, memory));
            }
        }
    }

    /** The template's functions of {@code module}; without them, the module's own name (or its shared artifact's functions). */
    List<String> functionNames(String module) {
        List<String> fromTemplate = template.functionsOf(module).stream().map(SamTemplate.Function::name).toList();
        if (!fromTemplate.isEmpty()) {
            return fromTemplate;
        }
        return StackConfig.SHARED_ARTIFACTS.getOrDefault(module, List.of(module));
    }

    private Map<String, String> environment(String name, Optional<SamTemplate.Function> fromTemplate, Map<String, String> stackValues) {
        Map<String, String> env = new LinkedHashMap<>();
        if (fromTemplate.isEmpty()) {
            env.putAll(stackValues);
            if (StackConfig.SHARED_ARTIFACTS.values().stream().anyMatch(names -> names.contains(name))) {
                env.put("QUARKUS_LAMBDA_HANDLER", name);
            }
            return env;
        }
        List<String> unresolved = new ArrayList<>();
        fromTemplate.get().environment().forEach((variable, value) -> {
            if (stackValues.containsKey(variable)) {
                env.put(variable, stackValues.get(variable));
            } else {
                template.plainValue(value, StackConfig.REGION).ifPresentOrElse(v -> env.put(variable, v), () -> unresolved.add(variable));
            }
        });
        if (!unresolved.isEmpty()) {
            Console.line("lambda", name + ": left unset (computed by CloudFormation in the template): " + unresolved);
        }
        return env;
    }

    /** What the test-sized options set, for every function (each reads only its own): given ones only. */
    private Map<String, String> testOverrides() {
        Map<String, String> v = new LinkedHashMap<>();
        config.optionalInteger("caller-join-timeout-seconds").ifPresent(s -> v.put(CALLER_JOIN_TIMEOUT, Integer.toString(s)));
        config.optionalInteger("caller-rejoin-seconds").ifPresent(s -> v.put("CLICKTOCALL_CALLER_REJOIN_SECONDS", Integer.toString(s)));
        config.optionalInteger("max-call-seconds").ifPresent(s -> v.put("CLICKTOCALL_MAX_CALL_SECONDS", Integer.toString(s)));
        return v;
    }

    static final String CALLER_JOIN_TIMEOUT = "CLICKTOCALL_CALLER_JOIN_TIMEOUT_SECONDS";

    /**
     * How long the SMA handler waits for the caller ({@code callerJoinTimeoutSeconds} of config.json): the option, else the
     * template's value for the SMA handler, else {@value StackConfig#DEFAULT_CALLER_JOIN_TIMEOUT_SECONDS}.
     */
    int callerJoinTimeoutSeconds() {
        Optional<Integer> option = config.optionalInteger("caller-join-timeout-seconds");
        if (option.isPresent()) {
            return option.get();
        }
        return template.function("sma-handler").map(f -> f.environment().get(CALLER_JOIN_TIMEOUT))
                .flatMap(value -> template.plainValue(value, StackConfig.REGION)).flatMap(StackFunctions::parse)
                .orElse(StackConfig.DEFAULT_CALLER_JOIN_TIMEOUT_SECONDS);
    }

    private static Optional<Integer> parse(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The values docs/CONFIGURATION.md names, pointed at this stack. */
    private Map<String, String> functionVariables(String webOrigin, String chimeUrl) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("CLICKTOCALL_SMA_ID", StackConfig.SMA_ID);
        v.put("CLICKTOCALL_SMA_PHONE_NUMBER", StackConfig.SMA_PHONE_NUMBER);
        v.put("CLICKTOCALL_VOICE_CONNECTOR_PHONE_NUMBER", StackConfig.VOICE_CONNECTOR_PHONE_NUMBER);
        v.put("CLICKTOCALL_VOICE_CONNECTOR_ARN", StackConfig.VOICE_CONNECTOR_ARN);
        v.put("CLICKTOCALL_MEETING_CONTROL_REGION", StackConfig.REGION);
        v.put("CLICKTOCALL_PSTN_CONTROL_REGION", StackConfig.REGION);
        v.put("CLICKTOCALL_MEDIA_REGION", StackConfig.REGION);
        v.put("CLICKTOCALL_CALL_TIMEOUT_SECONDS", config.text("call-timeout-seconds"));
        v.put("CLICKTOCALL_ALLOWED_ORIGIN", webOrigin);
        v.put("CLICKTOCALL_CHIME_ENDPOINT", chimeUrl);
        v.put("CLICKTOCALL_ALLOWED_EMAIL_DOMAIN", config.text("allowed-email-domain"));
        v.put("CLICKTOCALL_LEDGER_TABLE", StackConfig.LEDGER_TABLE);
        v.put("CLICKTOCALL_LEDGER_REGION", StackConfig.REGION);
        return v;
    }
}
