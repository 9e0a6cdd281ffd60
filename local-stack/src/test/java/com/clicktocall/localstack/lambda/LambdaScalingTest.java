package com.clicktocall.localstack.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.TestPaths;
import com.clicktocall.localstack.testfunctions.EchoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances start on demand when work keeps waiting, and the extra ones stop when idle, as Lambda's do. */
class LambdaScalingTest {

    private static final String HANDLER = EchoHandler.class.getName() + "::handleRequest";

    @TempDir
    Path runs;
    LambdaService lambda;

    @BeforeEach
    void start() throws Exception {
        Console.quiet(true);
        lambda = new LambdaService(new LambdaSettings(TestPaths.runtimeInterfaceClient(), TestPaths.javaCommand(),
                LambdaSettings.DEFAULT_JVM_OPTIONS, runs.resolve("run"), 2, false, "us-east-1", "111122223333",
                Duration.ofSeconds(1)));
        lambda.register(new FunctionSpec("echo", TestPaths.testFunctions(), HANDLER, Map.of(), Duration.ofSeconds(30), 256));
        lambda.prewarm("echo");
        assertThat(lambda.awaitWarm(Duration.ofSeconds(60))).isEmpty();
    }

    @AfterEach
    void stop() {
        lambda.close();
    }

    @Test
    void workThatKeepsWaiting_startsASecondInstance_whichStopsAfterTheIdleTimeout_theFirstStays() throws Exception {
        lambda.invoke("echo", "{}".getBytes()).get(60, TimeUnit.SECONDS);
        CompletableFuture<InvocationResult> slow = lambda.invoke("echo", "{\"do\":\"sleep:4000\"}".getBytes());
        Thread.sleep(300);
        InvocationResult quick = lambda.invoke("echo", "{\"n\":1}".getBytes()).get(60, TimeUnit.SECONDS);

        assertThat(quick.payloadText()).contains("\"n\":1");
        assertThat(lambda.pids()).hasSize(2);
        assertThat(slow.get(60, TimeUnit.SECONDS).failed()).isFalse();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (lambda.pids().size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(lambda.pids()).as("instances after the idle timeout").hasSize(1);
        assertThat(lambda.invoke("echo", "{\"n\":2}".getBytes()).get(60, TimeUnit.SECONDS).payloadText()).contains("\"n\":2");
    }
}
