package com.clicktocall.localstack.lambda;

import com.clicktocall.localstack.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The local Lambda service: runs each registered function's packaged artifact unchanged, as its own
 * process against a local Runtime API, and invokes it synchronously.
 */
public final class LambdaService implements AutoCloseable {

    private final LambdaSettings settings;
    private final Map<String, FunctionRuntime> functions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lambda-timers").factory());
    private final InvocationLog log = new InvocationLog();

    public LambdaService(LambdaSettings settings) {
        this.settings = settings;
    }

    public static String arn(String region, String accountId, String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    /**
     * @throws UncheckedIOException when the artifact is missing or cannot be unpacked
     */
    public void register(FunctionSpec spec) {
        Path code;
        try {
            code = FunctionArtifacts.unpack(spec.artifact(), settings.codeCache());
        } catch (IOException e) {
            throw new UncheckedIOException("function " + spec.name() + ": " + e.getMessage(), e);
        }
        FunctionRuntime previous = functions.put(spec.name(), new FunctionRuntime(spec, code, settings, timers, log));
        if (previous != null) {
            previous.close();
        }
        Console.line("lambda", "registered " + spec.name() + " from " + spec.artifact());
    }

    public boolean has(String name) {
        return functions.containsKey(name);
    }

    public Set<String> names() {
        return Set.copyOf(functions.keySet());
    }

    public FunctionSpec spec(String name) {
        return runtime(name).spec();
    }

    /** Starts one instance now, so the first invocation does not wait for a cold start. */
    public void prewarm(String name) {
        runtime(name).startInstance();
    }

    /**
     * Waits, at most {@code timeout}, until every function that is starting an instance has one ready.
     *
     * @return the functions still not ready
     */
    public java.util.List<String> awaitWarm(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            java.util.List<String> cold = functions.entrySet().stream().filter(e -> !e.getValue().warm() && e.getValue().starting())
                    .map(Map.Entry::getKey).sorted().toList();
            if (cold.isEmpty() || System.nanoTime() > deadline) {
                return cold;
            }
            Thread.sleep(50);
        }
    }

    /**
     * Queues an invocation; the future completes with the function's answer or error (never
     * exceptionally). The caller may stop waiting earlier, as the SMA does; the invocation still runs.
     *
     * @throws UnknownFunctionException when no function has that name (or ARN)
     */
    public CompletableFuture<InvocationResult> invoke(String nameOrArn, byte[] payload) {
        FunctionRuntime runtime = runtime(nameOrArn);
        return runtime.submit(UUID.randomUUID().toString(), payload).result;
    }

    /**
     * An asynchronous ("Event") invocation, as EventBridge and {@code X-Amz-Invocation-Type: Event} make: queued, nobody waits for
     * it; a failure is printed. Lambda's retries of failed asynchronous invocations are not emulated.
     *
     * @throws UnknownFunctionException when no function has that name (or ARN)
     */
    public void invokeEvent(String nameOrArn, byte[] payload) {
        invoke(nameOrArn, payload).thenAccept(result -> {
            if (result.failed()) {
                Console.line("lambda", nameOrArn + ": asynchronous invocation failed (" + result.functionError() + "), not retried");
            }
        });
    }

    public InvocationLog invocationLog() {
        return log;
    }

    public Duration timeout(String name) {
        return runtime(name).spec().timeout();
    }

    /** Process ids of every running function instance. */
    public Collection<Long> pids() {
        return functions.values().stream().flatMap(f -> f.instances().stream()).map(FunctionInstance::pid).toList();
    }

    private FunctionRuntime runtime(String nameOrArn) {
        String name = nameOrArn == null ? "" : nameOrArn;
        int colon = name.indexOf(":function:");
        if (colon >= 0) {
            name = name.substring(colon + ":function:".length());
            int qualifier = name.indexOf(':');
            if (qualifier >= 0) {
                name = name.substring(0, qualifier);
            }
        }
        FunctionRuntime runtime = functions.get(name);
        if (runtime == null) {
            throw new UnknownFunctionException(nameOrArn);
        }
        return runtime;
    }

    @Override
    public void close() {
        functions.values().parallelStream().forEach(FunctionRuntime::close);
        timers.shutdownNow();
    }
}
