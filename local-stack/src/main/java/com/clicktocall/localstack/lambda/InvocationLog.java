package com.clicktocall.localstack.lambda;

import com.clicktocall.localstack.Console;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every invocation's cold start and duration, for the console and {@code GET /local/functions}. */
public final class InvocationLog {

    /** One finished invocation. */
    public record Entry(String function, String requestId, boolean coldStart, long initDurationMs, long durationMs,
            String functionError) {
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();

    void record(String function, InvocationResult result) {
        Entry entry = new Entry(function, result.requestId(), result.coldStart(), result.initDurationMs(), result.durationMs(),
                result.functionError());
        entries.add(entry);
        Console.line("lambda", function + " " + result.requestId().substring(0, 8) + ": " + result.durationMs() + " ms"
                + (result.coldStart() ? " (cold start, init " + result.initDurationMs() + " ms)" : "")
                + (result.failed() ? " FAILED " + abbreviate(result.payloadText()) : ""));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Per function: invocations, cold starts, and duration percentiles. */
    public Map<String, Map<String, Object>> summary() {
        Map<String, List<Entry>> byFunction = new LinkedHashMap<>();
        for (Entry e : entries) {
            byFunction.computeIfAbsent(e.function(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Map<String, Object>> summary = new LinkedHashMap<>();
        byFunction.forEach((function, list) -> {
            List<Long> durations = list.stream().map(Entry::durationMs).sorted().toList();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("invocations", list.size());
            s.put("errors", list.stream().filter(e -> e.functionError() != null).count());
            s.put("coldStarts", list.stream().filter(Entry::coldStart).map(Entry::initDurationMs).toList());
            s.put("durationMsP50", percentile(durations, 50));
            s.put("durationMsP99", percentile(durations, 99));
            s.put("durationMsMax", durations.isEmpty() ? 0 : durations.getLast());
            summary.put(function, s);
        });
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
