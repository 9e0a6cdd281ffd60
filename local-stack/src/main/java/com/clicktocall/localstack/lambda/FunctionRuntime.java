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
 * reused; a dead one is replaced at the next invocation; one beyond the first is stopped after
 * {@link LambdaSettings#idleInstanceTimeout()} without work.
 *
 * <p>Invocations wait in one queue, and whichever instance asks for work first takes the oldest: an
 * instance that is still starting holds no invocation. So an SMA event never waits on a cold start
 * while a warm instance comes free sooner; a cold start can only add capacity. And a further instance
 * is started only when invocations are still waiting {@link LambdaSettings#SCALE_OUT_DELAY} after they
 * arrived, so a short overlap does not spend the machine's cores on a JVM start.
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
    private final java.util.concurrent.ScheduledFuture<?> reaper;

    FunctionRuntime(FunctionSpec spec, Path codeDirectory, LambdaSettings settings, ScheduledExecutorService timers,
            InvocationLog log) {
        this.spec = spec;
        this.codeDirectory = codeDirectory;
        this.settings = settings;
        this.timers = timers;
        this.log = log;
        long every = Math.max(1_000, Math.min(5_000, settings.idleInstanceTimeout().toMillis() / 2));
        this.reaper = timers.scheduleWithFixedDelay(this::stopIdleInstances, every, every, TimeUnit.MILLISECONDS);
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
        if (liveInstances() == 0) {
            scale();
        } else {
            timers.schedule(this::scale, LambdaSettings.SCALE_OUT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
        return invocation;
    }

    /** Starts instances so that every queued invocation has one, within the concurrency limit. */
    synchronized void scale() {
        int live = liveInstances();
        int available = idle.get() + starting.get();
        int needed = queue.size() - available;
        for (int i = 0; i < needed && live < settings.maxInstancesPerFunction() && !closed; i++, live++) {
            startInstance();
        }
    }

    private int liveInstances() {
        return (int) instances.stream().filter(FunctionInstance::alive).count();
    }

    /** Stops instances beyond the first that have had no work for the idle timeout, as Lambda does. */
    synchronized void stopIdleInstances() {
        if (closed) {
            return;
        }
        int live = liveInstances();
        long idleNanos = settings.idleInstanceTimeout().toNanos();
        for (FunctionInstance instance : instances) {
            if (live <= 1) {
                return;
            }
            if (instance.idleForNanos() >= idleNanos && instance.retireIfIdle()) {
                live--;
                Console.line("lambda", spec.name() + ": stopping instance #" + instance.number() + " (pid " + instance.pid()
                        + "), idle for " + settings.idleInstanceTimeout().toSeconds() + " s");
                Thread.ofVirtual().start(instance::close);
            }
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
        reaper.cancel(false);
        instances.forEach(FunctionInstance::close);
        failQueued("ServiceException", "the local Lambda service stopped");
    }

    static void requireDirectory(Path path) {
        if (!Files.isDirectory(path)) {
            throw new UncheckedIOException(new IOException("not a directory: " + path));
        }
    }
}
