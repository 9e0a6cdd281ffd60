package com.clicktocall.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The stack as the command runs it: its own process, with function processes and cognito-local as children. */
@Timeout(240)
class StackProcessTest {

    @Test
    void killedStack_leavesNoChildProcessBehind(@TempDir Path run) throws Exception {
        Path root = TestPaths.repoRoot();
        Assumptions.assumeTrue(StackConfig.FUNCTIONS.stream().allMatch(f -> Files.isRegularFile(root.resolve(f).resolve("target/function.zip"))),
                "the functions are not packaged");
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("local-stack/cognito/node_modules/cognito-local")), "cognito-local is not installed");
        int cognitoPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            cognitoPort = socket.getLocalPort();
        }
        List<String> command = List.of(TestPaths.javaCommand(), "-cp", System.getProperty("java.class.path"), LocalStack.class.getName(),
                "--repo-root", root.toString(), "--web-port", "0", "--api-port", "0", "--chime-port", "0", "--lambda-port", "0",
                "--cognito-port", Integer.toString(cognitoPort), "--agent-port", "0", "--run-dir", run.toString(),
                "--echo-function-output", "false");
        Process stack = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            List<String> output = new ArrayList<>();
            CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        synchronized (output) {
                            output.add(line);
                        }
                        if (line.contains("local stack is running")) {
                            return true;
                        }
                    }
                } catch (java.io.IOException e) {
                    return false;
                }
                return false;
            });
            assertThat(running.get(180, TimeUnit.SECONDS)).as("the stack started: %s", output).isTrue();
            Thread.ofVirtual().start(() -> {
                try {
                    stack.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException e) {
                    // the stack is gone
                }
            });
            List<ProcessHandle> children = stack.descendants().toList();
            assertThat(children.stream().filter(p -> p.info().commandLine().orElse("").contains("AWSLambda")).count())
                    .as("function processes").isGreaterThanOrEqualTo(StackConfig.FUNCTIONS.size());
            assertThat(children.stream().filter(p -> p.info().commandLine().orElse("").contains("cognito-local")).count())
                    .as("the user pool emulator").isPositive();

            stack.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(stack.waitFor(10, TimeUnit.SECONDS)).isTrue();

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(children.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                    .as("processes left behind").isEmpty();
        } finally {
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
        }
    }
}
