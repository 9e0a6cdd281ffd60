package com.clicktocall.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Collects the metric lines (CloudWatch embedded metric format) a function writes, for tests to read back. */
public final class MetricRecords implements Consumer<String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void accept(String line) {
        lines.add(line);
    }

    /** Every line written so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The records that carry {@code metric}, as JSON; a line that is not JSON fails the test. */
    public List<JsonNode> with(String metric) {
        return lines().stream().map(MetricRecords::parse).filter(record -> record.has(metric)).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
