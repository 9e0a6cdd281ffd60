package com.clicktocall.ledger;

import com.clicktocall.model.ledger.EndReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The service's CloudWatch metrics, written as Embedded Metric Format records: one JSON line on standard
 * output, which Lambda sends to the function's log group and CloudWatch turns into metrics. No client,
 * no API call, nothing to wait for. Every dimension value comes from a closed set (an enum's wire name),
 * so the metrics stay low in cardinality.
 *
 * <p>The record is the documented JSON, written by hand: no reflection, so it is the same in a native
 * executable.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">Embedded metric format specification</a>
 */
public final class CallMetrics {

    /** The CloudWatch namespace of every metric (the template's dashboard and alarms read it). */
    public static final String NAMESPACE = "ClickToCall";

    // --- metric names (docs/OPERATIONS.md lists them) ---
    /** One per call that ended; dimensions {@value #OUTCOME} and {@value #REASON}. */
    public static final String CALLS_ENDED = "CallsEnded";
    /** Dial to answer, milliseconds, for answered calls. */
    public static final String SETUP_TIME = "SetupTime";
    /** Answer to end, seconds, for answered calls. */
    public static final String TALK_TIME = "TalkTime";
    /** One per accepted dial (call-control). */
    public static final String CALLS_PLACED = "CallsPlaced";
    /** One per dial refused by the dial policy; dimension {@value #RULE}. */
    public static final String DIALS_REFUSED = "DialsRefused";
    /** One per dial refused by a per-user limit; dimension {@value #LIMIT}. */
    public static final String LIMIT_REFUSALS = "LimitRefusals";
    /** One per call the sweeper ended; dimension {@value #REASON} ({@code time-limit} or {@code stuck}). */
    public static final String SWEEPER_ENDS = "SweeperEnds";

    // --- dimension names ---
    public static final String OUTCOME = "Outcome";
    public static final String REASON = "Reason";
    public static final String RULE = "Rule";
    public static final String LIMIT = "Limit";

    private final Consumer<String> out;
    private final String function;

    /**
     * @param out      where each record goes: standard output in a function (a test collects them; the SMA
     *                 handler silences it while priming)
     * @param function the writing function's name, kept as a property of the record (not a dimension)
     */
    public CallMetrics(Consumer<String> out, String function) {
        this.out = out;
        this.function = function;
    }

    /** Records written to standard output. */
    public static CallMetrics toStandardOutput(String function) {
        return new CallMetrics(System.out::println, function);
    }

    /**
     * The call {@code before} (as it was just before this ending) ended for {@code reason} at {@code endedAt}.
     * Write it only from the writer whose conditional write ended the call, so each call is counted once.
     */
    public void callEnded(CallRecord before, EndReason reason, Instant endedAt) {
        boolean answered = before.answeredAt().isPresent();
        Map<String, String> dimensions = new TreeMap<>(Map.of(
                OUTCOME, reason.outcome(answered).wireName(), REASON, reason.wireName()));
        StringBuilder metrics = new StringBuilder();
        StringBuilder values = new StringBuilder();
        metric(metrics, values, CALLS_ENDED, "Count", 1);
        if (answered) {
            metric(metrics, values, SETUP_TIME, "Milliseconds",
                    Math.max(0, Duration.between(before.dialledAt(), before.answeredAt().get()).toMillis()));
            metric(metrics, values, TALK_TIME, "Seconds",
                    Math.max(0, Duration.between(before.answeredAt().get(), endedAt).toSeconds()));
        }
        write(endedAt, dimensions, metrics, values);
    }

    /** Adds one to {@code metric} with the given dimension (name → a closed-set value). */
    public void count(String metric, String dimension, String value, Instant at) {
        StringBuilder metrics = new StringBuilder();
        StringBuilder values = new StringBuilder();
        metric(metrics, values, metric, "Count", 1);
        write(at, dimension == null ? Map.of() : Map.of(dimension, value), metrics, values);
    }

    private static void metric(StringBuilder metrics, StringBuilder values, String name, String unit, long value) {
        metrics.append(metrics.isEmpty() ? "" : ",").append("{\"Name\":\"").append(name).append("\",\"Unit\":\"").append(unit).append("\"}");
        values.append(",\"").append(name).append("\":").append(value);
    }

    private void write(Instant at, Map<String, String> dimensions, StringBuilder metrics, StringBuilder values) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"_aws\":{\"Timestamp\":").append(at.toEpochMilli())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"").append(NAMESPACE).append("\",\"Dimensions\":[[");
        int i = 0;
        for (String name : dimensions.keySet()) {
            line.append(i++ == 0 ? "" : ",").append('"').append(json(name)).append('"');
        }
        line.append("]],\"Metrics\":[").append(metrics).append("]}]}");
        line.append(",\"function\":\"").append(json(function)).append('"');
        dimensions.forEach((name, value) -> line.append(",\"").append(json(name)).append("\":\"").append(json(value)).append('"'));
        line.append(values).append('}');
        out.accept(line.toString());
    }

    /** Dimension values are wire names; this keeps a record valid JSON whatever it is given. */
    private static String json(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
