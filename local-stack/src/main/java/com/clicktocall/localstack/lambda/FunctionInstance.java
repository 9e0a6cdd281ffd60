package com.clicktocall.localstack.lambda;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.ParentLifetime;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.http.HttpProblem;
import com.clicktocall.localstack.http.LoopbackServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One execution environment: a process running the function's artifact, and the Lambda Runtime API it
 * polls (its own loopback port, so the stack knows which process holds which invocation and can fail
 * that invocation when the process dies).
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda Runtime API</a>
 */
final class FunctionInstance implements AutoCloseable {

    private static final String API = "/2018-06-01/runtime";
    private static final Pattern INVOCATION_PATH = Pattern.compile(API + "/invocation/([^/]+)/(response|error)");

    private final FunctionRuntime runtime;
    private final int number;
    private final LoopbackServer api;
    private final long spawnNanos = System.nanoTime();
    private final AtomicBoolean alive = new AtomicBoolean(true);
    private volatile Process process;
    private volatile boolean polled;
    private volatile boolean used;
    private volatile PendingInvocation current;
    private volatile long initDurationMs;
    /** When it last finished an invocation (or was spawned). */
    private volatile long lastWorkNanos = spawnNanos;

    FunctionInstance(FunctionRuntime runtime, int number) {
        this.runtime = runtime;
        this.number = number;
        this.api = LoopbackServer.start(runtime.spec().name() + " runtime API", "127.0.0.1", 0, this::serve);
    }

    void launch(List<String> command, Path workingDirectory, Map<String, String> environment, Path logFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ParentLifetime.tied(command)).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.port());
        process = builder.start();
        Thread.ofVirtual().name(runtime.spec().name() + "-output").start(() -> copyOutput(logFile));
        process.onExit().thenRun(this::exited);
    }

    boolean alive() {
        return alive.get();
    }

    boolean busy() {
        return current != null;
    }

    int number() {
        return number;
    }

    /** How long it has been ready and without an invocation; 0 while starting or busy. */
    long idleForNanos() {
        return !polled || current != null ? 0 : System.nanoTime() - lastWorkNanos;
    }

    /**
     * Takes it out of service when it holds no invocation: it takes no more work (an invocation it
     * polls from now on goes back to the queue), and the caller stops it.
     */
    synchronized boolean retireIfIdle() {
        if (current != null || !polled || !alive.get()) {
            return false;
        }
        alive.set(false);
        return true;
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    private void serve(Exchange exchange) throws Exception {
        String path = exchange.path();
        if (exchange.method().equals("GET") && path.equals(API + "/invocation/next")) {
            next(exchange);
            return;
        }
        if (exchange.method().equals("POST") && path.equals(API + "/init/error")) {
            String error = exchange.bodyText();
            Console.line(runtime.spec().name(), "init error: " + error);
            exchange.sendJson(202, Map.of("status", "OK"));
            runtime.initFailed(this, error.getBytes(StandardCharsets.UTF_8));
            close();
            return;
        }
        Matcher m = INVOCATION_PATH.matcher(path);
        if (exchange.method().equals("POST") && m.matches()) {
            PendingInvocation invocation = current;
            if (invocation == null || !invocation.requestId.equals(m.group(1))) {
                throw new HttpProblem(400, "InvalidRequestID", "no invocation " + m.group(1) + " in progress");
            }
            byte[] body = exchange.body();
            current = null;
            lastWorkNanos = System.nanoTime();
            if (m.group(2).equals("response")) {
                invocation.succeed(body);
            } else {
                invocation.failWith(body.length == 0 ? "{\"errorType\":\"Unhandled\"}".getBytes(StandardCharsets.UTF_8) : body);
            }
            runtime.finished(this, invocation);
            exchange.sendJson(202, Map.of("status", "OK"));
            return;
        }
        throw new HttpProblem(404, "NotFound", "not a Runtime API path: " + exchange.method() + " " + path);
    }

    private void next(Exchange exchange) throws Exception {
        if (!polled) {
            polled = true;
            initDurationMs = (System.nanoTime() - spawnNanos) / 1_000_000;
            runtime.ready(this, initDurationMs);
        }
        PendingInvocation invocation = null;
        while (alive.get() && invocation == null) {
            runtime.idle(this, true);
            try {
                invocation = runtime.queue().poll(200, TimeUnit.MILLISECONDS);
            } finally {
                runtime.idle(this, false);
            }
            if (invocation != null && invocation.done()) {
                invocation = null; // already answered (e.g. its caller's wait ended with a failure)
            }
        }
        if (invocation == null) {
            throw new HttpProblem(410, "Gone", "instance stopped");
        }
        synchronized (this) {
            if (!alive.get()) {
                runtime.queue().add(invocation);
                throw new HttpProblem(410, "Gone", "instance stopped");
            }
            current = invocation;
        }
        invocation.coldStart = !used;
        invocation.initDurationMs = used ? 0 : initDurationMs;
        used = true;
        invocation.startedNanos = System.nanoTime();
        runtime.started(this, invocation);
        long deadline = System.currentTimeMillis() + runtime.spec().timeout().toMillis();
        exchange.withHeader("Lambda-Runtime-Aws-Request-Id", invocation.requestId)
                .withHeader("Lambda-Runtime-Deadline-Ms", Long.toString(deadline))
                .withHeader("Lambda-Runtime-Invoked-Function-Arn", runtime.functionArn())
                .withHeader("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                        + "-" + invocation.requestId.replace("-", "").substring(0, 24) + ";Sampled=0")
                .send(200, "application/json", invocation.payload);
    }

    /** Stops the process: Lambda ends an execution environment whose invocation timed out. */
    void timedOut(PendingInvocation invocation) {
        if (current == invocation && !invocation.done()) {
            current = null;
            lastWorkNanos = System.nanoTime();
            invocation.fail("Sandbox.Timedout", "RequestId: " + invocation.requestId + " Error: Task timed out after "
                    + runtime.spec().timeout().toSeconds() + ".00 seconds");
            runtime.finished(this, invocation);
            close();
        }
    }

    private void exited() {
        Process p = process;
        int status = p == null ? -1 : p.exitValue();
        boolean wasAlive = alive.getAndSet(false);
        PendingInvocation invocation = current;
        current = null;
        if (invocation != null && !invocation.done()) {
            invocation.fail("Runtime.ExitError", "RequestId: " + invocation.requestId
                    + " Error: Runtime exited with error: exit status " + status);
            runtime.finished(this, invocation);
        }
        if (wasAlive) {
            Console.line(runtime.spec().name(), "process " + pid() + " exited with status " + status
                    + (polled ? "" : " before it was ready"));
        }
        runtime.exited(this, polled);
        api.close();
    }

    private void copyOutput(Path logFile) {
        Process p = process;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                if (runtime.echoOutput()) {
                    Console.line(runtime.spec().name() + "#" + number, line);
                }
            }
        } catch (IOException e) {
            // the process is gone; its exit is reported by exited()
        }
    }

    @Override
    public void close() {
        alive.set(false);
        Process p = process;
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        api.close();
    }
}
