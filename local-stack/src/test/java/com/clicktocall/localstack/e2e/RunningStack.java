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
    /** Ended calls (and ended meetings' events) the stack keeps in memory: LoadRunTest reads back its 100 calls. */
    static final int RETAINED_CALLS = Integer.getInteger("local-stack.retained-calls", 110);

    /**
     * The SMA handler's wait for the caller's page: short, so that a call nobody joins ends in seconds, but long enough for the
     * page's join to reach the ledger (through the meeting-events function) during the load run's burst.
     */
    static final int CALLER_JOIN_TIMEOUT_SECONDS = Integer.getInteger("local-stack.caller-join-timeout-seconds", 10);
    /** The sweeper every 2 s, not every minute. */
    static final int SWEEPER_PERIOD_SECONDS = 2;
    /**
     * The longest connected call: a test can wait for the sweeper to end one, while the load run's calls (connected for as long as
     * its 100 dials take to arrive, then ended) stay inside it.
     */
    static final int MAX_CALL_SECONDS = Integer.getInteger("local-stack.max-call-seconds", 40);

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
                    // The softphone registrar on free ports too: a developer's stack (or another test run)
                    // may hold the defaults, and Kamailio would then ring someone else's agent.
                    .with("softphone-sip-port", freeUdpPort()).with("softphone-websocket-port", freePort())
                    .with("softphone-relay-port", freeUdpPort()).with("softphone-media-ports", mediaPorts())
                    // Many calls from few users: the per-user limits have tests of their own (call-control).
                    .with("function-env", "CLICKTOCALL_MAX_ACTIVE_CALLS_PER_USER=" + MAX_ACTIVE_CALLS_PER_USER
                            + ",CLICKTOCALL_MAX_CALLS_PER_USER_PER_HOUR=100000")
                    .with("allowed-email-domain", ALLOWED_DOMAIN)
                    .with("call-timeout-seconds", RING_TIMEOUT_SECONDS)
                    .with("caller-join-timeout-seconds", CALLER_JOIN_TIMEOUT_SECONDS)
                    .with("sweeper-period-seconds", SWEEPER_PERIOD_SECONDS)
                    .with("max-call-seconds", MAX_CALL_SECONDS)
                    // The stack's default (auto) unless a run asks for another, e.g. to compare load runs.
                    .with("lambda-concurrency", System.getProperty("local-stack.lambda-concurrency", "auto"))
                    .with("retained-calls", RETAINED_CALLS)
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

    static int freeUdpPort() throws IOException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(new java.net.InetSocketAddress(
                java.net.InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    /** 20 RTP ports of their own per test JVM, away from the default range (30000-30199). */
    static String mediaPorts() {
        int first = 32_000 + (int) (ProcessHandle.current().pid() % 400) * 20;
        return first + "-" + (first + 19);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
