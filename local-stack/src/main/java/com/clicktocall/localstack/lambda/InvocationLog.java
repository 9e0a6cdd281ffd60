package com.clicktocall.localstack.lambda;

import com.clicktocall.localstack.Console;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invocations' cold starts and durations, for the console and {@code GET /local/functions}. Bounded, so
 * a stack that runs for days holds the same: per function, counters since the start and the durations
 * of the last {@value #DURATION_SAMPLES} invocations (the percentiles are over those); the last
 * {@value #RECENT_ENTRIES} invocations of all functions in full.
 */
public final class InvocationLog {

    /** Durations kept per function for the percentiles: recent enough to show the current state, enough for a p99. */
    public static final int DURATION_SAMPLES = 1024;
    /** Cold starts' init times kept per function (the count covers them all). */
    public static final int COLD_START_SAMPLES = 100;
    /** Invocations of every function kept in full, newest last. */
    public static final int RECENT_ENTRIES = 1000;

    /** One finished invocation. */
    public record Entry(String function, String requestId, boolean coldStart, long initDurationMs, long durationMs,
            String functionError) {
    }

    /** One function's figures: counters since the start, a ring of recent durations and cold starts. */
    private static final class Statistics {
        long invocations;
        long errors;
        long coldStarts;
        long maxDurationMs;
        final long[] durations = new long[DURATION_SAMPLES];
        final ArrayDeque<Long> coldStartInits = new ArrayDeque<>();

        void add(Entry e) {
            durations[(int) (invocations % DURATION_SAMPLES)] = e.durationMs();
            invocations++;
            if (e.functionError() != null) {
                errors++;
            }
            if (e.coldStart()) {
                coldStarts++;
                if (coldStartInits.size() == COLD_START_SAMPLES) {
                    coldStartInits.removeFirst();
                }
                coldStartInits.addLast(e.initDurationMs());
            }
            maxDurationMs = Math.max(maxDurationMs, e.durationMs());
        }

        Map<String, Object> summary() {
            long[] recent = Arrays.copyOf(durations, (int) Math.min(invocations, DURATION_SAMPLES));
            Arrays.sort(recent);
            List<Long> sorted = Arrays.stream(recent).boxed().toList();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("invocations", invocations);
            s.put("errors", errors);
            s.put("coldStartCount", coldStarts);
            s.put("coldStarts", List.copyOf(coldStartInits));
            s.put("durationSamples", sorted.size());
            s.put("durationMsP50", percentile(sorted, 50));
            s.put("durationMsP99", percentile(sorted, 99));
            s.put("durationMsMax", maxDurationMs);
            return s;
        }
    }

    private final Map<String, Statistics> byFunction = new LinkedHashMap<>();
    private final ArrayDeque<Entry> recent = new ArrayDeque<>();

    void record(String function, InvocationResult result) {
        Entry entry = new Entry(function, result.requestId(), result.coldStart(), result.initDurationMs(), result.durationMs(),
                result.functionError());
        synchronized (this) {
            byFunction.computeIfAbsent(function, k -> new Statistics()).add(entry);
            if (recent.size() == RECENT_ENTRIES) {
                recent.removeFirst();
            }
            recent.addLast(entry);
        }
        Console.line("lambda", function + " " + result.requestId().substring(0, 8) + ": " + result.durationMs() + " ms"
                + (result.coldStart() ? " (cold start, init " + result.initDurationMs() + " ms)" : "")
                + (result.failed() ? " FAILED " + abbreviate(result.payloadText()) : ""));
    }

    /** The last {@value #RECENT_ENTRIES} invocations, oldest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(recent);
    }

    /**
     * Per function: invocations, errors and cold starts since the start, the last cold starts' init
     * times, and the percentiles of the last {@value #DURATION_SAMPLES} durations.
     */
    public synchronized Map<String, Map<String, Object>> summary() {
        Map<String, Map<String, Object>> summary = new LinkedHashMap<>();
        byFunction.forEach((function, statistics) -> summary.put(function, statistics.summary()));
        return summary;
    }

    public static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
