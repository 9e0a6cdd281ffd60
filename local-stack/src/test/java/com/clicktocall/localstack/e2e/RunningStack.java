package com.clicktocall.localstack.e2e;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.LocalStack;
import com.clicktocall.localstack.StackConfig;
import com.clicktocall.localstack.TestPaths;
import com.clicktocall.testsupport.Dynalite;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * One local stack for the end-to-end tests of this JVM, started from the real packaged functions on
 * the first use and stopped when the JVM ends. Everything listens on free ports, so a stack a developer
 * runs at the same time is not disturbed.
 */
final class RunningStack {

    static final String ALLOWED_DOMAIN = "example.com";
    /** Short, so that the no-answer case takes seconds. */
    static final int RING_TIMEOUT_SECONDS = 3;
    /** Simultaneous calls one test user may have (the load run's 100 dials come from few users). */
    static final int MAX_ACTIVE_CALLS_PER_USER = 200;

    private static LocalStack stack;

    private RunningStack() {
    }

    static synchronized LocalStack get() throws Exception {
        if (stack == null) {
            Path root = TestPaths.repoRoot();
            List<String> missing = StackConfig.FUNCTIONS.stream()
                    .filter(f -> !Files.isRegularFile(root.resolve(f).resolve("target/function.zip"))).toList();
            Assumptions.assumeTrue(missing.isEmpty(), "the functions " + missing + " are not packaged: build them first "
                    + "(./mvnw -B -DskipTests package), or run the whole build");
            installEmulator(root.resolve("local-stack/cognito"), "cognito-local");
            installEmulator(root.resolve(Dynalite.INSTALLATION), "dynalite");
            Console.quiet(!Boolean.getBoolean("local-stack.verbose"));
            StackConfig config = StackConfig.defaults()
                    .with("repo-root", root)
                    .with("web-port", 0).with("api-port", 0).with("chime-port", 0).with("lambda-port", 0)
                    .with("cognito-port", freePort()).with("dynamodb-port", freePort()).with("agent-port", 0)
                    // Many calls from few users: the per-user limits have tests of their own (call-control).
                    .with("function-env", "CLICKTOCALL_MAX_ACTIVE_CALLS_PER_USER=" + MAX_ACTIVE_CALLS_PER_USER
                            + ",CLICKTOCALL_MAX_CALLS_PER_USER_PER_HOUR=100000")
                    .with("allowed-email-domain", ALLOWED_DOMAIN)
                    .with("call-timeout-seconds", RING_TIMEOUT_SECONDS)
                    .with("lambda-concurrency", 2)
                    .with("echo-function-output", false)
                    .with("run-dir", root.resolve("local-stack/target/local-stack-test-runs")
                            .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))));
            stack = LocalStack.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    /** {@code npm ci} for an emulator (cognito-local, dynalite), as scripts/local-stack.sh does, when it is not installed yet. */
    private static void installEmulator(Path directory, String module) throws IOException, InterruptedException {
        if (Files.isDirectory(directory.resolve("node_modules").resolve(module))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error").directory(directory.toFile())
                .inheritIO().start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IOException("npm ci in " + directory + " failed");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
