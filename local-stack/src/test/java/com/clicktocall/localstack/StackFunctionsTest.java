package com.clicktocall.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.apigateway.SamTemplate;
import com.clicktocall.localstack.lambda.LambdaService;
import com.clicktocall.localstack.lambda.LambdaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the stack registers the template's functions: one artifact shared by two handlers, and the guards' test options. */
class StackFunctionsTest {

    static final String TEMPLATE = """
            Parameters:
              CallerJoinTimeoutSeconds:
                Type: Number
                Default: 20
            Resources:
              SmaHandlerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: sma-handler
                  Environment:
                    Variables:
                      CLICKTOCALL_CALLER_JOIN_TIMEOUT_SECONDS: !Ref CallerJoinTimeoutSeconds
              MeetingEventsFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: call-guards
                  Environment:
                    Variables:
                      QUARKUS_LAMBDA_HANDLER: meeting-events
                      CLICKTOCALL_CHIME_ENDPOINT: ''
                      CLICKTOCALL_CALLER_REJOIN_SECONDS: 15
              CallSweeperFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: call-guards
                  Timeout: 30
                  Environment:
                    Variables:
                      QUARKUS_LAMBDA_HANDLER: call-sweeper
                      CLICKTOCALL_MAX_CALL_MINUTES: 60
            """;

    @TempDir
    Path root;

    LambdaService register(StackConfig config) throws Exception {
        Files.writeString(root.resolve("template.yaml"), TEMPLATE);
        Path code = Files.createDirectories(root.resolve("code"));
        config.with("repo-root", root).withFunction("call-guards", code, "handler").withFunction("sma-handler", code, "handler");
        LambdaService lambda = new LambdaService(new LambdaSettings(root.resolve("ric"), "java", List.of(), root.resolve("run"), 1, false,
                "us-east-1", "111122223333"));
        StackFunctions functions = new StackFunctions(config, SamTemplate.load(root.resolve("template.yaml")), root);
        functions.register(lambda, "http://127.0.0.1:8080", "http://127.0.0.1:8082", "http://127.0.0.1:8000");
        return lambda;
    }

    @Test
    void twoFunctionsOfOneArtifact_eachWithItsHandlerAndEnvironment() throws Exception {
        try (LambdaService lambda = register(StackConfig.defaults())) {
            assertThat(lambda.names()).containsExactlyInAnyOrder("sma-handler", "meeting-events", "call-sweeper");
            Map<String, String> events = lambda.spec("meeting-events").environment();
            assertThat(events).containsEntry("QUARKUS_LAMBDA_HANDLER", "meeting-events")
                    .containsEntry("CLICKTOCALL_CHIME_ENDPOINT", "http://127.0.0.1:8082")
                    .containsEntry("CLICKTOCALL_CALLER_REJOIN_SECONDS", "15")
                    .doesNotContainKey("CLICKTOCALL_MAX_CALL_SECONDS");
            assertThat(lambda.spec("call-sweeper").environment()).containsEntry("QUARKUS_LAMBDA_HANDLER", "call-sweeper")
                    .containsEntry("CLICKTOCALL_MAX_CALL_MINUTES", "60");
            assertThat(lambda.spec("call-sweeper").timeout()).hasSeconds(30);
            assertThat(lambda.spec("sma-handler").environment()).containsEntry("CLICKTOCALL_CALLER_JOIN_TIMEOUT_SECONDS", "20");
        }
    }

    @Test
    void theGuardsTestOptions_reachEveryFunction_andConfigJson() throws Exception {
        StackConfig config = StackConfig.defaults().with("caller-join-timeout-seconds", 4).with("caller-rejoin-seconds", 2)
                .with("max-call-seconds", 12);
        try (LambdaService lambda = register(config)) {
            for (String name : List.of("sma-handler", "meeting-events", "call-sweeper")) {
                assertThat(lambda.spec(name).environment()).as(name).containsEntry("CLICKTOCALL_CALLER_JOIN_TIMEOUT_SECONDS", "4")
                        .containsEntry("CLICKTOCALL_CALLER_REJOIN_SECONDS", "2").containsEntry("CLICKTOCALL_MAX_CALL_SECONDS", "12");
            }
        }
        Files.writeString(root.resolve("template.yaml"), TEMPLATE);
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        assertThat(new StackFunctions(config, template, root).callerJoinTimeoutSeconds()).isEqualTo(4);
        assertThat(new StackFunctions(StackConfig.defaults(), template, root).callerJoinTimeoutSeconds()).isEqualTo(20);
    }
}
