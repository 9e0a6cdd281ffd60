package com.clicktocall.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.LocalStack;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.sip.EmbeddedAgent;
import com.clicktocall.localstack.sma.CallTimeline;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calls in a row through the API (dial, answered at the PBX, end) must not grow the stack's live heap:
 * after a warm-up that fills what the stack retains on purpose (the last ended calls' timelines, the
 * ended meetings' event histories), the heap after a full GC may grow only by a small bound per call.
 *
 * <p>CI runs {@value #DEFAULT_CALLS} measured calls; a long soak on request:
 * {@code ./mvnw -B -pl local-stack verify -Dtest=MemoryGrowthTest -Dlocal-stack.soak.calls=630}. Writes
 * {@code target/memory-growth.json}.
 */
@Timeout(3600)
class MemoryGrowthTest {

    static final int DEFAULT_CALLS = 60;
    /** Calls measured after the warm-up. */
    static final int CALLS = Integer.getInteger("local-stack.soak.calls", DEFAULT_CALLS);
    /** Calls before the first measurement: enough to fill the stack's retention, so what follows is steady state. */
    static final int WARM_UP = Integer.getInteger("local-stack.soak.warm-up", RunningStack.RETAINED_CALLS + 10);
    /** Retained growth allowed per measured call, after a full GC. */
    static final long MAX_BYTES_PER_CALL = Long.getLong("local-stack.soak.max-bytes-per-call", 8 * 1024);
    static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Quiet time before each measurement: the SIP stacks keep a finished transaction for 32 s (RFC 3261
     * timers D, J and K on UDP), so what the last half-minute of calls left is still there right after them.
     */
    static final Duration SETTLE = Duration.ofSeconds(Long.getLong("local-stack.soak.settle-seconds", 40));
    /** {@code -Dlocal-stack.soak.histogram=true}: print the classes whose live instances grew most (the JVM's class histogram). */
    static final boolean HISTOGRAM = Boolean.getBoolean("local-stack.soak.histogram");

    @Test
    void callsInARow_doNotGrowTheLiveHeap() throws Exception {
        LocalStack stack = RunningStack.get();
        EmbeddedAgent agent = stack.agent().orElseThrow();
        stack.engine().route(agent.target(), agent.target());
        ClickToCallEndToEndTest.stack = stack;
        Browser caller = Browser.signedIn(stack);

        long started = System.nanoTime();
        for (int i = 0; i < WARM_UP; i++) {
            call(stack, caller);
        }
        long warmUpMs = (System.nanoTime() - started) / 1_000_000;
        long before = liveHeap();
        Map<String, long[]> histogramBefore = HISTOGRAM ? histogram() : Map.of();
        started = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            call(stack, caller);
        }
        long measuredMs = (System.nanoTime() - started) / 1_000_000;
        long after = liveHeap();
        long perCall = (after - before) / CALLS;
        if (HISTOGRAM) {
            printGrowth(histogramBefore, histogram());
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("warmUpCalls", WARM_UP);
        report.put("measuredCalls", CALLS);
        report.put("liveHeapAfterWarmUpBytes", before);
        report.put("liveHeapAfterMeasuredCallsBytes", after);
        report.put("growthBytes", after - before);
        report.put("growthBytesPerCall", perCall);
        report.put("msPerCall", measuredMs / Math.max(1, CALLS));
        report.put("warmUpMsPerCall", warmUpMs / Math.max(1, WARM_UP));
        report.put("engine", stack.engine().retained());
        report.put("meetingHistories", stack.meetings().events().size());
        report.put("meetings", stack.meetings().all().size());
        report.put("agentCalls", agent.calls().size());
        report.put("functions", stack.lambda().invocationLog().summary());
        Path out = Path.of("target", "memory-growth.json");
        Files.createDirectories(out.getParent());
        Files.write(out, Exchange.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        System.out.println("Memory growth: " + Exchange.JSON.writeValueAsString(report));

        assertThat(perCall).as("live heap growth per call (bytes), %s → %s over %s calls", before, after, CALLS)
                .isLessThanOrEqualTo(MAX_BYTES_PER_CALL);
    }

    /** One call: dial, answered at the PBX, end, the transaction ended, the meeting gone. */
    private static void call(LocalStack stack, Browser caller) throws Exception {
        Browser.Answer dialled = caller.dial(ClickToCallEndToEndTest.PSTN_NUMBER);
        assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
        String transactionId = dialled.body().path("transactionId").asText();
        String meetingId = dialled.body().path("meeting").path("Meeting").path("MeetingId").asText();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (stack.engine().timeline(transactionId).map(t -> t.firstAt("pbx", "call ANSWERED")).orElse(-1L) < 0
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(stack.engine().timeline(transactionId).map(t -> t.firstAt("pbx", "call ANSWERED")).orElse(-1L))
                .as("call %s answered at the PBX: %s", transactionId, stack.engine().timeline(transactionId).map(CallTimeline::toJson))
                .isNotNegative();
        assertThat(caller.end(transactionId).status()).isEqualTo(202);
        ClickToCallEndToEndTest.awaitEnded(transactionId);
        ClickToCallEndToEndTest.awaitMeetingGone(meetingId);
    }

    /** Class → {instances, bytes}, from the JVM's own class histogram (which collects first). */
    static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> classes = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return classes;
    }

    private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after) {
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(40)
                .forEach(e -> System.out.printf("growth %+10d B %+8d instances  %s%n", e.getValue()[1], e.getValue()[0], e.getKey()));
    }

    /** The heap used after full collections: the smallest of a few, once it stops falling. */
    static long liveHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Thread.sleep(SETTLE.toMillis());
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            memory.gc();
            Thread.sleep(200);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
