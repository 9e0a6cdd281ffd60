package com.clicktocall.localstack.lambda;

import com.clicktocall.localstack.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One function: its unpacked artifact, its queue of invocations and the instances (processes) that
 * serve them. Instances start on demand, up to the service's concurrency limit per function, and are
 * reused; a dead one is replaced at the next invocation.
 */
final class FunctionRuntime implements AutoCloseable {

    private final FunctionSpec spec;
    private final Path codeDirectory;
    private final LambdaSettings settings;
    private final ScheduledExecutorService timers;
    private final InvocationLog log;
    private final BlockingQueue<PendingInvocation> queue = new LinkedBlockingQueue<>();
    private final List<FunctionInstance> instances = new CopyOnWriteArrayList<>();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger starting = new AtomicInteger();
    private final AtomicInteger instanceNumbers = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean everReady;

    FunctionRuntime(FunctionSpec spec, Path codeDirectory, LambdaSettings settings, ScheduledExecutorService timers,
            InvocationLog log) {
        this.spec = spec;
        this.codeDirectory = codeDirectory;
        this.settings = settings;
        this.timers = timers;
        this.log = log;
    }

    FunctionSpec spec() {
        return spec;
    }

    BlockingQueue<PendingInvocation> queue() {
        return queue;
    }

    boolean echoOutput() {
        return settings.echoFunctionOutput();
    }

    String functionArn() {
        return LambdaService.arn(settings.region(), settings.accountId(), spec.name());
    }

    PendingInvocation submit(String requestId, byte[] payload) {
        PendingInvocation invocation = new PendingInvocation(requestId, payload);
        if (closed) {
            invocation.fail("ServiceException", "the local Lambda service is stopping");
            return invocation;
        }
        queue.add(invocation);
        scale();
        return invocation;
    }

    /** Starts instances so that every queued invocation has one, within the concurrency limit. */
    synchronized void scale() {
        int live = (int) instances.stream().filter(FunctionInstance::alive).count();
        int available = idle.get() + starting.get();
        int needed = queue.size() - available;
        for (int i = 0; i < needed && live < settings.maxInstancesPerFunction() && !closed; i++, live++) {
            startInstance();
        }
    }

    synchronized void startInstance() {
        int number = instanceNumbers.incrementAndGet();
        FunctionInstance instance = new FunctionInstance(this, number);
        instances.add(instance);
        starting.incrementAndGet();
        try {
            Path logFile = settings.runDirectory().resolve("logs").resolve(spec.name() + ".log");
            Files.createDirectories(logFile.getParent());
            List<String> command = FunctionArtifacts.launchCommand(codeDirectory, spec, settings);
            instance.launch(command, codeDirectory, environment(), logFile);
            Console.line("lambda", spec.name() + ": started instance #" + number + " (pid " + instance.pid() + ")");
        } catch (IOException | RuntimeException e) {
            starting.decrementAndGet();
            instances.remove(instance);
            instance.close();
            Console.line("lambda", spec.name() + ": cannot start: " + e.getMessage());
            failQueued("Runtime.InvalidEntrypoint", "cannot start the function: " + e.getMessage());
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", spec.handler());
        env.put("LAMBDA_TASK_ROOT", codeDirectory.toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + spec.name());
        env.put("AWS_REGION", settings.region());
        env.put("AWS_DEFAULT_REGION", settings.region());
        // Fake credentials: the functions sign their requests, the stack does not check signatures, and
        // nothing from the developer's own AWS configuration leaks into a function.
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_SESSION_TOKEN", "test");
        env.putAll(spec.environment());
        return env;
    }

    void ready(FunctionInstance instance, long initDurationMs) {
        starting.decrementAndGet();
        everReady = true;
        Console.line("lambda", spec.name() + ": instance ready, init " + initDurationMs + " ms");
    }

    void idle(FunctionInstance instance, boolean waiting) {
        if (waiting) {
            idle.incrementAndGet();
        } else {
            idle.decrementAndGet();
        }
    }

    void started(FunctionInstance instance, PendingInvocation invocation) {
        timers.schedule(() -> instance.timedOut(invocation), spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    void finished(FunctionInstance instance, PendingInvocation invocation) {
        InvocationResult result = invocation.result.getNow(null);
        if (result != null) {
            log.record(spec.name(), result);
        }
    }

    void initFailed(FunctionInstance instance, byte[] error) {
        List<PendingInvocation> waiting = new ArrayList<>();
        queue.drainTo(waiting);
        waiting.forEach(invocation -> invocation.failWith(error));
    }

    void exited(FunctionInstance instance, boolean wasReady) {
        instances.remove(instance);
        if (!wasReady) {
            starting.decrementAndGet();
            // A process that dies before asking for work would die again: fail what waits rather than loop.
            failQueued("Runtime.ExitError", "the function process exited during initialisation (see logs/" + spec.name()
                    + ".log in the run folder)");
        } else if (!closed && !queue.isEmpty()) {
            scale();
        }
    }

    private void failQueued(String type, String message) {
        List<PendingInvocation> waiting = new ArrayList<>();
        queue.drainTo(waiting);
        waiting.forEach(invocation -> {
            invocation.fail(type, message);
            log.record(spec.name(), invocation.result.getNow(null));
        });
    }

    /** Whether an instance is up and polling for work, or has been. */
    boolean warm() {
        return everReady;
    }

    /** Whether an instance is starting (so waiting for it makes sense). */
    boolean starting() {
        return starting.get() > 0;
    }

    List<FunctionInstance> instances() {
        return List.copyOf(instances);
    }

    @Override
    public void close() {
        closed = true;
        instances.forEach(FunctionInstance::close);
        failQueued("ServiceException", "the local Lambda service stopped");
    }

    static void requireDirectory(Path path) {
        if (!Files.isDirectory(path)) {
            throw new UncheckedIOException(new IOException("not a directory: " + path));
        }
    }
}
