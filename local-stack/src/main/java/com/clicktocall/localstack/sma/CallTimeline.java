package com.clicktocall.localstack.sma;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.http.Exchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that happened in one call, in order, with times: the SMA events and the handler's
 * responses, the actions executed, the SIP messages. Printed as it happens and kept as JSON.
 */
public final class CallTimeline {

    /** One line of the timeline; {@code detail} is JSON-able (an event, a response, headers). */
    public record Entry(long atMs, String at, String kind, String summary, Object detail) {
    }

    private final String transactionId;
    private final long startNanos = System.nanoTime();
    private final Instant startedAt = Instant.now();
    private final List<Entry> entries = new ArrayList<>();
    private volatile String outcome;
    private volatile Instant endedAt;
    private volatile boolean written;

    CallTimeline(String transactionId) {
        this.transactionId = transactionId;
    }

    public synchronized void add(String kind, String summary, Object detail) {
        long atMs = (System.nanoTime() - startNanos) / 1_000_000;
        entries.add(new Entry(atMs, Instant.now().toString(), kind, summary, detail));
        Console.line("sma " + transactionId.substring(0, 8), String.format("%+6d ms %-8s %s", atMs, kind, summary));
    }

    public Instant startedAt() {
        return startedAt;
    }

    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Milliseconds from the start of the call to the first entry of {@code kind} whose summary starts with {@code prefix}, or -1. */
    public synchronized long firstAt(String kind, String prefix) {
        return entries.stream().filter(e -> e.kind().equals(kind) && e.summary().startsWith(prefix)).mapToLong(Entry::atMs)
                .findFirst().orElse(-1);
    }

    /** Records the outcome and writes the timeline to {@code directory} (if any); only then is the call {@link #isEnded()}. */
    void end(String outcome, Path directory) {
        this.outcome = outcome;
        this.endedAt = Instant.now();
        write(directory);
        this.written = true;
    }

    public boolean isEnded() {
        return written;
    }

    public synchronized Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("transactionId", transactionId);
        json.put("startedAt", startedAt.toString());
        json.put("endedAt", endedAt == null ? null : endedAt.toString());
        json.put("outcome", outcome);
        json.put("entries", new ArrayList<>(entries));
        return json;
    }

    void write(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(transactionId + ".json"),
                    Exchange.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
        } catch (IOException e) {
            Console.line("sma", "cannot write the timeline of " + transactionId + ": " + e.getMessage());
        }
    }
}
