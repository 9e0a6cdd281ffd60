package com.clicktocall.localstack.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.TestPaths;
import com.clicktocall.localstack.http.LoopbackServer;
import com.clicktocall.localstack.testfunctions.EchoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import com.clicktocall.localstack.http.Exchange;
import org.junit.jupiter.api.Assumptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaServiceTest {

    private static final String HANDLER = EchoHandler.class.getName() + "::handleRequest";

    @TempDir
    static Path runs;

    static LambdaService lambda;
    static LoopbackServer invokeApi;

    @BeforeAll
    static void start() {
        Console.quiet(true);
        lambda = new LambdaService(new LambdaSettings(TestPaths.runtimeInterfaceClient(), TestPaths.javaCommand(),
                LambdaSettings.DEFAULT_JVM_OPTIONS, runs.resolve("run"), 2, false, "us-east-1", "111122223333"));
        lambda.register(new FunctionSpec("echo", TestPaths.testFunctions(), HANDLER, Map.of("GREETING", "hello"),
                Duration.ofSeconds(3), 256));
        invokeApi = LoopbackServer.start("invoke", "127.0.0.1", 0, new InvokeApi(lambda));
    }

    @AfterAll
    static void stop() {
        invokeApi.close();
        lambda.close();
    }

    @Test
    void invocation_runsTheArtifactThroughTheRuntimeApi_andRecordsTheColdStart() throws Exception {
        InvocationResult result = lambda.invoke("echo", "{\"n\":1}".getBytes(StandardCharsets.UTF_8)).get(60, TimeUnit.SECONDS);

        assertThat(result.failed()).isFalse();
        assertThat(result.payloadText()).contains("\"echo\":{\"n\":1}").contains("\"function\":\"echo\"");
        // The entry is written once the instance has finished the invocation, just after the caller has its answer.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (lambda.invocationLog().entries().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lambda.invocationLog().entries()).anySatisfy(e -> {
            assertThat(e.function()).isEqualTo("echo");
            assertThat(e.coldStart()).isTrue();
            assertThat(e.initDurationMs()).isPositive();
        });
    }

    @Test
    void processThatExitsDuringAnInvocation_failsIt_andTheNextInvocationGetsANewProcess() throws Exception {
        lambda.invoke("echo", "{}".getBytes()).get(60, TimeUnit.SECONDS);

        InvocationResult crashed = lambda.invoke("echo", "{\"do\":\"exit\"}".getBytes()).get(60, TimeUnit.SECONDS);
        InvocationResult after = lambda.invoke("echo", "{\"n\":2}".getBytes()).get(60, TimeUnit.SECONDS);

        assertThat(crashed.functionError()).isEqualTo(InvocationResult.UNHANDLED);
        assertThat(crashed.payloadText()).contains("Runtime.ExitError").contains("Runtime exited with error: exit status");
        assertThat(after.failed()).isFalse();
        assertThat(after.payloadText()).contains("\"n\":2");
    }

    @Test
    void handlerException_isAnUnhandledFunctionError() throws Exception {
        InvocationResult result = lambda.invoke("echo", "{\"do\":\"throw\"}".getBytes()).get(60, TimeUnit.SECONDS);

        assertThat(result.functionError()).isEqualTo(InvocationResult.UNHANDLED);
        assertThat(result.payloadText()).contains("asked to fail");
    }

    @Test
    void invocationLongerThanTheFunctionTimeout_isStopped() throws Exception {
        InvocationResult result = lambda.invoke("echo", "{\"do\":\"sleep:20000\"}".getBytes()).get(60, TimeUnit.SECONDS);

        assertThat(result.functionError()).isEqualTo(InvocationResult.UNHANDLED);
        assertThat(result.payloadText()).contains("Task timed out after 3");
        assertThat(lambda.invoke("echo", "{\"n\":3}".getBytes()).get(60, TimeUnit.SECONDS).failed()).isFalse();
    }

    @Test
    void concurrentInvocations_allAnswered_byAtMostTheConfiguredInstances() throws Exception {
        List<CompletableFuture<InvocationResult>> futures = IntStream.range(0, 20)
                .mapToObj(i -> lambda.invoke("echo", ("{\"i\":" + i + "}").getBytes())).toList();

        List<String> payloads = futures.stream().map(f -> f.join().payloadText()).toList();

        assertThat(payloads).hasSize(20).allSatisfy(p -> assertThat(p).contains("\"echo\":{\"i\":"));
        assertThat(payloads.stream().map(p -> p.substring(p.indexOf("\"pid\":"))).distinct().count()).isBetween(1L, 2L);
    }

    @Test
    void artifactWithABootstrap_runsItDirectly_asACustomRuntime(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is needed by the test's bootstrap");
        // AWS's documented shell custom runtime: poll, answer, repeat
        String bootstrap = """
                #!/bin/sh
                set -eu
                api="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation"
                while true; do
                  headers=$(mktemp)
                  event=$(curl -sS -D "$headers" "$api/next")
                  id=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$headers" | tr -d '[:space:]' | cut -d: -f2)
                  curl -sS -X POST "$api/$id/response" -d "{\\"bootstrap\\":\\"$_HANDLER\\",\\"event\\":$event}" > /dev/null
                  rm -f "$headers"
                done
                """;
        Path zip = dir.resolve("function.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("bootstrap"));
            out.write(bootstrap.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        lambda.register(new FunctionSpec("custom", zip, "custom.handler", Map.of(), Duration.ofSeconds(5), 128));

        InvocationResult result = lambda.invoke("custom", "{\"n\":7}".getBytes()).get(60, TimeUnit.SECONDS);

        assertThat(result.failed()).as(result.payloadText()).isFalse();
        assertThat(Exchange.JSON.readTree(result.payload()).path("event").path("n").asInt()).isEqualTo(7);
        assertThat(result.payloadText()).contains("custom.handler");
    }

    @Test
    void unknownFunction_isRefused() {
        assertThatThrownBy(() -> lambda.invoke("nope", "{}".getBytes())).isInstanceOf(UnknownFunctionException.class);
    }

    @Test
    void invokeApi_answersLikeLambda_functionErrorsInAHeader() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ok = http.send(post("/2015-03-31/functions/echo/invocations", "{\"a\":true}"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> failed = http.send(post("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A111122223333%3Afunction%3Aecho/invocations",
                "{\"do\":\"throw\"}"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = http.send(post("/2015-03-31/functions/nope/invocations", "{}"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> garbage = http.send(post("/2015-03-31/functions/echo/invocations", "{not json"), HttpResponse.BodyHandlers.ofString());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"a\":true");
        assertThat(ok.headers().firstValue("X-Amz-Function-Error")).isEmpty();
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.headers().firstValue("X-Amz-Function-Error")).contains("Unhandled");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
        assertThat(garbage.statusCode()).isEqualTo(400);
    }

    @Test
    void functionNamedByItsArn_isInvoked() throws Exception {
        InvocationResult result = lambda.invoke("arn:aws:lambda:us-east-1:111122223333:function:echo", "{}".getBytes())
                .get(60, TimeUnit.SECONDS);
        assertThat(result.payloadText()).contains("\"function\":\"echo\"");
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(invokeApi.url() + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
