package com.clicktocall.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.model.ledger.CallOutcome;
import com.clicktocall.model.ledger.EndReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard and the alarms read the metrics the functions write: namespace, metric names, dimension
 * names and values as {@link CallMetrics}, {@link EndReason} and {@link CallOutcome} define them.
 */
class OperationsTemplateTest {

    /** Each metric and the one dimension set CallMetrics writes it with. */
    private static final Map<String, List<String>> DIMENSIONS = Map.of(
            CallMetrics.CALLS_ENDED, List.of(CallMetrics.OUTCOME, CallMetrics.REASON),
            CallMetrics.SETUP_TIME, List.of(CallMetrics.OUTCOME, CallMetrics.REASON),
            CallMetrics.TALK_TIME, List.of(CallMetrics.OUTCOME, CallMetrics.REASON),
            CallMetrics.CALLS_PLACED, List.of(),
            CallMetrics.DIALS_REFUSED, List.of(CallMetrics.RULE),
            CallMetrics.LIMIT_REFUSALS, List.of(CallMetrics.LIMIT),
            CallMetrics.SWEEPER_ENDS, List.of(CallMetrics.REASON));

    private static final Set<String> OUTCOMES = Arrays.stream(CallOutcome.values()).map(CallOutcome::wireName)
            .collect(Collectors.toSet());
    private static final Set<String> REASONS = Arrays.stream(EndReason.values()).map(EndReason::wireName)
            .collect(Collectors.toSet());

    /** {@code SEARCH('{Namespace,Dim,...} MetricName="X" Dim="v"', ...)}. */
    private static final Pattern SEARCH = Pattern.compile("SEARCH\\('\\{([^}]*)}([^']*)'");
    private static final Pattern TERM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final SamTemplate template = SamTemplate.load();

    @Test
    void metricConstants_coverEveryMetricCallMetricsDeclares() throws Exception {
        // A metric added to CallMetrics must be added to DIMENSIONS above, and so to the checks below.
        Set<String> declared = new TreeSet<>();
        for (var field : CallMetrics.class.getFields()) {
            String value = String.valueOf(field.get(null));
            if (!field.getName().equals("NAMESPACE") && !Set.of(CallMetrics.OUTCOME, CallMetrics.REASON, CallMetrics.RULE,
                    CallMetrics.LIMIT).contains(value)) {
                declared.add(value);
            }
        }
        assertThat(declared).isEqualTo(new TreeSet<>(DIMENSIONS.keySet()));
    }

    // ------------------------------------------------------------------ dashboard

    @Test
    void dashboard_graphsEveryMetric_fromTheServicesNamespace_withItsDimensions() throws Exception {
        JsonNode body = dashboard();
        Set<String> graphed = new LinkedHashSet<>();
        Set<String> outcomesFiltered = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode widget : body.path("widgets")) {
            if (!widget.path("type").asText().equals("metric")) {
                continue;
            }
            assertThat(widget.path("properties").path("region").asText()).isEqualTo("us-east-1");
            for (JsonNode line : widget.path("properties").path("metrics")) {
                JsonNode last = line.get(line.size() - 1);
                if (last.has("expression")) {
                    Matcher search = SEARCH.matcher(last.path("expression").asText());
                    assertThat(search.find()).as("a SEARCH in %s", last).isTrue();
                    List<String> schema = Arrays.stream(search.group(1).split(",")).map(String::strip).toList();
                    Map<String, String> terms = terms(search.group(2));
                    String metric = terms.get("MetricName");
                    graphed.add(metric);
                    if (!schema.getFirst().equals(CallMetrics.NAMESPACE)) {
                        problems.add("namespace " + schema.getFirst() + " in " + last);
                    }
                    if (!schema.subList(1, schema.size()).equals(DIMENSIONS.get(metric))) {
                        problems.add(metric + " searched with dimensions " + schema.subList(1, schema.size()));
                    }
                    if (terms.containsKey(CallMetrics.OUTCOME)) {
                        outcomesFiltered.add(terms.get(CallMetrics.OUTCOME));
                    }
                } else {
                    // ["Namespace", "MetricName", (dimension name, value)..., {options}]
                    assertThat(line.get(0).asText()).isEqualTo(CallMetrics.NAMESPACE);
                    String metric = line.get(1).asText();
                    graphed.add(metric);
                    assertThat(DIMENSIONS.get(metric)).as("%s graphed without dimensions", metric).isEmpty();
                    assertThat(line.size()).as(line.toString()).isEqualTo(3);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(graphed).containsExactlyInAnyOrderElementsOf(DIMENSIONS.keySet());
        assertThat(outcomesFiltered).as("calls ended, one line per outcome").isEqualTo(new TreeSet<>(OUTCOMES));
    }

    @Test
    void dashboard_showsBothAlarms() throws Exception {
        List<String> alarms = new ArrayList<>();
        for (JsonNode widget : dashboard().path("widgets")) {
            if (widget.path("type").asText().equals("alarm")) {
                widget.path("properties").path("alarms").forEach(a -> alarms.add(a.asText()));
            }
        }
        assertThat(alarms).containsExactlyInAnyOrder("arn:FailedCallsAlarm", "arn:SweeperEndsAlarm");
    }

    // ------------------------------------------------------------------ alarms

    @ParameterizedTest
    @ValueSource(strings = {"FailedCallsAlarm", "SweeperEndsAlarm"})
    void alarms_readTheServicesMetrics_byTheirExactSeries(String alarm) {
        assertThat(template.type(alarm)).isEqualTo("AWS::CloudWatch::Alarm");
        Map<String, Object> properties = template.properties(alarm);
        assertThat(properties).doesNotContainKeys("MetricName", "Namespace", "Dimensions", "Statistic");
        List<Map<String, Object>> queries = SamTemplate.list(properties.get("Metrics")).stream().map(SamTemplate::map).toList();
        // Alarm math may name at most 10 metrics and no SEARCH:
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-limits.html
        assertThat(queries.stream().filter(q -> q.containsKey("MetricStat"))).hasSizeBetween(1, 10);
        assertThat(queries).filteredOn(q -> Boolean.TRUE.equals(q.get("ReturnData"))).hasSize(1);
        Set<String> ids = queries.stream().map(q -> String.valueOf(q.get("Id"))).collect(Collectors.toSet());
        for (Map<String, Object> query : queries) {
            if (query.containsKey("Expression")) {
                String expression = String.valueOf(query.get("Expression"));
                assertThat(expression).doesNotContain("SEARCH").doesNotContain("SELECT");
                Matcher word = Pattern.compile("\\b([a-z]\\w*)\\b").matcher(expression);
                while (word.find()) {
                    assertThat(ids).as("ids in %s", expression).contains(word.group(1));
                }
                continue;
            }
            Map<String, Object> stat = SamTemplate.map(query.get("MetricStat"));
            assertThat(stat).containsEntry("Period", 300).containsEntry("Stat", "Sum");
            Map<String, Object> metric = SamTemplate.map(stat.get("Metric"));
            assertThat(metric).containsEntry("Namespace", CallMetrics.NAMESPACE);
            String name = String.valueOf(metric.get("MetricName"));
            assertThat(DIMENSIONS).containsKey(name);
            Map<String, String> dimensions = dimensions(metric);
            assertThat(dimensions.keySet()).as("dimensions of %s", name).containsExactlyInAnyOrderElementsOf(DIMENSIONS.get(name));
            if (dimensions.containsKey(CallMetrics.OUTCOME)) {
                assertThat(OUTCOMES).contains(dimensions.get(CallMetrics.OUTCOME));
            }
            if (dimensions.containsKey(CallMetrics.REASON)) {
                assertThat(REASONS).contains(dimensions.get(CallMetrics.REASON));
            }
        }
        assertThat(properties).containsEntry("TreatMissingData", "notBreaching")
                .containsEntry("EvaluationPeriods", 1);
        Object notify = Map.of("Fn::If", List.of("HasAlarmTopic", List.of(Map.of("Ref", "AlarmTopicArn")), Map.of("Ref", "AWS::NoValue")));
        assertThat(properties).containsEntry("AlarmActions", notify).containsEntry("OKActions", notify);
    }

    @Test
    void failedCallsAlarm_countsEveryFailedOutcome_againstTheCallsPlaced() {
        // Every (Outcome, Reason) series whose outcome is "failed", answered or not.
        Set<Map<String, String>> failedSeries = new LinkedHashSet<>();
        for (EndReason reason : EndReason.values()) {
            for (boolean answered : List.of(false, true)) {
                if (reason.outcome(answered) == CallOutcome.FAILED) {
                    failedSeries.add(Map.of(CallMetrics.OUTCOME, CallOutcome.FAILED.wireName(), CallMetrics.REASON, reason.wireName()));
                }
            }
        }
        Set<Map<String, String>> read = new LinkedHashSet<>();
        List<String> others = new ArrayList<>();
        for (Object query : SamTemplate.list(template.properties("FailedCallsAlarm").get("Metrics"))) {
            Map<String, Object> metric = SamTemplate.map(SamTemplate.map(SamTemplate.map(query).get("MetricStat")).get("Metric"));
            if (CallMetrics.CALLS_ENDED.equals(metric.get("MetricName"))) {
                read.add(dimensions(metric));
            } else if (!metric.isEmpty()) {
                others.add(String.valueOf(metric.get("MetricName")));
            }
        }
        assertThat(read).isEqualTo(failedSeries);
        assertThat(others).containsExactly(CallMetrics.CALLS_PLACED);
        assertThat(template.properties("FailedCallsAlarm"))
                .containsEntry("Threshold", Map.of("Ref", "FailedCallRatioAlarmThreshold"))
                .containsEntry("ComparisonOperator", "GreaterThanThreshold");
        assertThat(SamTemplate.map(template.section("Parameters").get("FailedCallRatioAlarmThreshold")))
                .containsEntry("Type", "Number").containsEntry("Default", 0.2).containsEntry("MinValue", 0).containsEntry("MaxValue", 1);
    }

    @Test
    void sweeperEndsAlarm_goesOffOnAnyTimeLimitOrStuckEnd() {
        Set<String> reasons = new TreeSet<>();
        for (Object query : SamTemplate.list(template.properties("SweeperEndsAlarm").get("Metrics"))) {
            Map<String, Object> metric = SamTemplate.map(SamTemplate.map(SamTemplate.map(query).get("MetricStat")).get("Metric"));
            if (!metric.isEmpty()) {
                assertThat(metric).containsEntry("MetricName", CallMetrics.SWEEPER_ENDS);
                reasons.add(dimensions(metric).get(CallMetrics.REASON));
            }
        }
        assertThat(reasons).containsExactlyInAnyOrder(EndReason.TIME_LIMIT.wireName(), EndReason.STUCK.wireName());
        assertThat(template.properties("SweeperEndsAlarm")).containsEntry("Threshold", 0)
                .containsEntry("ComparisonOperator", "GreaterThanThreshold");
    }

    @Test
    void alarmTopic_isOptional() {
        assertThat(SamTemplate.map(template.section("Parameters").get("AlarmTopicArn"))).containsEntry("Default", "");
        assertThat(template.section("Conditions").get("HasAlarmTopic"))
                .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AlarmTopicArn"), "")))));
    }

    @Test
    void operationsMd_explainsEveryMetric_dimension_andAlarm() {
        String operations = SamTemplate.read("docs/OPERATIONS.md");
        DIMENSIONS.forEach((metric, dimensions) -> assertThat(operations).contains("`" + metric + "`"));
        assertThat(operations).contains("`" + CallMetrics.NAMESPACE + "`", "`" + CallMetrics.OUTCOME + "`", "`" + CallMetrics.REASON + "`",
                "`" + CallMetrics.RULE + "`", "`" + CallMetrics.LIMIT + "`", "-failed-calls", "-sweeper-ends",
                "FailedCallRatioAlarmThreshold", "AlarmTopicArn", "rate(1 minute)");
        OUTCOMES.forEach(outcome -> assertThat(operations).contains("`" + outcome + "`"));
        REASONS.forEach(reason -> assertThat(operations).contains("`" + reason + "`"));
        assertThat(SamTemplate.read("docs/CALL-GUARDS.md")).contains("(OPERATIONS.md)");
    }

    private JsonNode dashboard() throws Exception {
        assertThat(template.type("OperationsDashboard")).isEqualTo("AWS::CloudWatch::Dashboard");
        String body = String.valueOf(SamTemplate.map(template.properties("OperationsDashboard").get("DashboardBody")).get("Fn::Sub"));
        Matcher variable = Pattern.compile("\\$\\{([^}]+)}").matcher(body);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String value = name.equals("AWS::Region") ? "us-east-1"
                    : name.endsWith(".Arn") ? "arn:" + name.substring(0, name.length() - ".Arn".length()) : null;
            assertThat(value).as("${%s} in the dashboard", name).isNotNull();
            variable.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        variable.appendTail(resolved);
        return new ObjectMapper().readTree(resolved.toString());
    }

    private static Map<String, String> terms(String text) {
        Map<String, String> terms = new LinkedHashMap<>();
        Matcher term = TERM.matcher(text);
        while (term.find()) {
            terms.put(term.group(1), term.group(2));
        }
        return terms;
    }

    private static Map<String, String> dimensions(Map<String, Object> metric) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        SamTemplate.list(metric.get("Dimensions")).forEach(d ->
                dimensions.put(String.valueOf(SamTemplate.map(d).get("Name")), String.valueOf(SamTemplate.map(d).get("Value"))));
        return dimensions;
    }
}
