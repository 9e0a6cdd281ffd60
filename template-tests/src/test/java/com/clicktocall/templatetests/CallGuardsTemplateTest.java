package com.clicktocall.templatetests;

import com.clicktocall.model.meeting.ChimeMeetingEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.ledger.LedgerTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The call guards in the template (docs/CALL-GUARDS.md): the ledger's two new indexes, one region for
 * meetings and PSTN audio, the join and rejoin settings, and the meeting-events and call-sweeper
 * functions with exactly the access their design needs. Index and attribute names come from
 * {@link LedgerTable}.
 */
class CallGuardsTemplateTest {

    private static final String TABLE = "CallLedgerTable";
    private static final Object TABLE_ARN = Map.of("Fn::GetAtt", List.of(TABLE, "Arn"));
    private static final Object SMA_ARN = Map.of("Fn::GetAtt", List.of("SipMediaApplication", "SipMediaApplicationArn"));
    private static final Object REGION = Map.of("Ref", "AWS::Region");
    private static final List<Object> MEETINGS = List.of(IamPolicyTest.REGIONAL_MEETINGS, IamPolicyTest.REGIONLESS_MEETINGS);

    /** The variables both guard functions get (docs/CONFIGURATION.md, "used by" call-guards). */
    private static final Map<String, Object> GUARD_ENVIRONMENT = guardEnvironment();

    private final SamTemplate template = SamTemplate.load();

    // ------------------------------------------------------------------ the ledger's indexes

    @Test
    void ledger_hasTheMeetingAndSweepIndexes_exactlyAsTheLedgerNamesThem() {
        assertThat(index(LedgerTable.BY_MEETING_ID)).isEqualTo(Map.of(
                "IndexName", LedgerTable.BY_MEETING_ID,
                "KeySchema", List.of(Map.of("AttributeName", LedgerTable.MEETING_ID, "KeyType", "HASH")),
                "Projection", Map.of("ProjectionType", "INCLUDE", "NonKeyAttributes", List.of(LedgerTable.CALL_ID))));
        assertThat(index(LedgerTable.BY_SWEEP_DUE)).isEqualTo(Map.of(
                "IndexName", LedgerTable.BY_SWEEP_DUE,
                "KeySchema", List.of(
                        Map.of("AttributeName", LedgerTable.SWEEP_KIND, "KeyType", "HASH"),
                        Map.of("AttributeName", LedgerTable.SWEEP_SINCE, "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "INCLUDE", "NonKeyAttributes", List.of(
                        LedgerTable.CALL_ID, LedgerTable.OWNER_SUB, LedgerTable.STATUS, LedgerTable.MEETING_ID,
                        LedgerTable.TRANSACTION_ID, LedgerTable.DIALLED_AT, LedgerTable.ANSWERED_AT))));
    }

    @Test
    void ledger_definesEveryKeyAttribute_withItsType_andNoOther() {
        Map<String, Object> defined = new LinkedHashMap<>();
        SamTemplate.list(template.properties(TABLE).get("AttributeDefinitions")).forEach(d ->
                defined.put(String.valueOf(SamTemplate.map(d).get("AttributeName")), SamTemplate.map(d).get("AttributeType")));
        assertThat(defined).containsExactlyInAnyOrderEntriesOf(Map.of(
                LedgerTable.PK, "S",
                LedgerTable.TRANSACTION_ID, "S",
                LedgerTable.MEETING_ID, "S",
                LedgerTable.SWEEP_KIND, "S",
                // Epoch milliseconds: the sweeper asks for "since before T".
                LedgerTable.SWEEP_SINCE, "N"));
        Set<Object> keys = new TreeSet<>();
        SamTemplate.walk(template.properties(TABLE).get("GlobalSecondaryIndexes"), (node, path) -> {
            if (SamTemplate.map(node).containsKey("KeyType")) {
                keys.add(SamTemplate.map(node).get("AttributeName"));
            }
        });
        keys.add(LedgerTable.PK);
        assertThat(defined.keySet()).containsExactlyInAnyOrderElementsOf(keys.stream().map(String::valueOf).toList());
    }

    // ------------------------------------------------------------------ one region

    @Test
    void meetingControlRegion_isTheStacksRegion_forEveryFunction() {
        assertThat(template.section("Parameters")).doesNotContainKey("MeetingControlRegion");
        assertThat(SamTemplate.read("template.yaml")).doesNotContain("MeetingControlRegion");
        assertThat(SamTemplate.read("samconfig.toml")).doesNotContain("MeetingControlRegion");
        List<String> setting = new ArrayList<>();
        for (String function : template.functions()) {
            Object value = template.environment(function).get("CLICKTOCALL_MEETING_CONTROL_REGION");
            if (value != null) {
                setting.add(function);
                assertThat(value).as(function).isEqualTo(REGION);
            }
        }
        assertThat(setting).contains("CallControlFunction", "SmaHandlerFunction", "MeetingEventsFunction", "CallSweeperFunction");
    }

    @Test
    void aRule_refusesARegionWithoutMeetingsControlAndPstnAudio() {
        Map<String, Object> rule = SamTemplate.map(template.section("Rules").get("MeetingsAndPstnAudioInTheStacksRegion"));
        assertThat(rule).doesNotContainKey("RuleCondition");
        List<Object> assertions = SamTemplate.list(rule.get("Assertions"));
        assertThat(assertions).hasSize(1);
        Map<String, Object> assertion = SamTemplate.map(assertions.getFirst());
        List<Object> contains = SamTemplate.list(SamTemplate.map(assertion.get("Assert")).get("Fn::Contains"));
        assertThat(contains).hasSize(2);
        // Both services, per https://docs.aws.amazon.com/chime-sdk/latest/dg/sdk-available-regions.html
        assertThat(SamTemplate.list(contains.get(0))).containsExactlyInAnyOrder("us-east-1", "us-west-2");
        assertThat(contains.get(1)).isEqualTo(REGION);
        assertThat(String.valueOf(assertion.get("AssertDescription")))
                .contains("us-east-1", "us-west-2", "Meetings", "PSTN audio", "docs/DEPLOY.md");
    }

    // ------------------------------------------------------------------ join and rejoin

    @Test
    void joinAndRejoin_areBoundedParameters() {
        assertThat(parameter("CallerJoinTimeoutSeconds")).containsEntry("Type", "Number").containsEntry("Default", 20)
                .containsEntry("MinValue", 5).containsEntry("MaxValue", 60);
        assertThat(parameter("CallerRejoinSeconds")).containsEntry("Type", "Number").containsEntry("Default", 15)
                .containsEntry("MinValue", 0).containsEntry("MaxValue", 60);
    }

    @Test
    void theSmaHandler_andThePage_waitTheSameJoinTimeout() {
        assertThat(template.environment("SmaHandlerFunction"))
                .containsEntry("CLICKTOCALL_CALLER_JOIN_TIMEOUT_SECONDS", Map.of("Ref", "CallerJoinTimeoutSeconds"));
        // scripts/deploy-site.sh writes this output into config.json (DeploySiteScriptTest).
        assertThat(SamTemplate.map(template.section("Outputs").get("CallerJoinTimeoutSeconds")))
                .containsEntry("Value", Map.of("Ref", "CallerJoinTimeoutSeconds"))
                .doesNotContainKey("Condition");
    }

    // ------------------------------------------------------------------ the two functions

    @ParameterizedTest
    @ValueSource(strings = {"MeetingEventsFunction", "CallSweeperFunction"})
    void guardFunctions_areBuiltFromCallGuards_likeEveryOtherFunction(String function) {
        Map<String, Object> properties = template.properties(function);
        assertThat(properties).containsEntry("CodeUri", "call-guards/target/function.zip");
        // Native or JVM, SnapStart, handler and architecture come from Globals, as for the others.
        assertThat(properties).doesNotContainKeys("Runtime", "Handler", "SnapStart", "Architectures", "AutoPublishAlias");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MeetingEventsFunction", "CallSweeperFunction"})
    void guardFunctions_getTheGuardsSettings(String function) {
        Map<String, Object> environment = new LinkedHashMap<>(template.environment(function));
        environment.keySet().removeAll(globalVariables());
        Map<String, Object> expected = new LinkedHashMap<>(GUARD_ENVIRONMENT);
        expected.put("QUARKUS_LAMBDA_HANDLER", function.equals("MeetingEventsFunction") ? "meeting-events" : "call-sweeper");
        assertThat(environment).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void meetingEvents_receivesTheCallersAttendeeEvents_fromChime() {
        Map<String, Object> event = SamTemplate.map(SamTemplate.map(template.properties("MeetingEventsFunction").get("Events"))
                .get("MeetingStateChange"));
        assertThat(event).containsEntry("Type", "EventBridgeRule");
        Map<String, Object> properties = SamTemplate.map(event.get("Properties"));
        // The default bus of this region: where Chime puts the events of meetings controlled here.
        assertThat(properties).containsOnlyKeys("Pattern");
        assertThat(properties.get("Pattern")).isEqualTo(Map.of(
                "source", List.of(ChimeMeetingEvents.SOURCE),
                "detail-type", List.of(ChimeMeetingEvents.DETAIL_TYPE),
                "detail", Map.of("eventType", List.of(
                        ChimeMeetingEvents.ATTENDEE_JOINED, ChimeMeetingEvents.ATTENDEE_LEFT, ChimeMeetingEvents.ATTENDEE_DROPPED,
                        ChimeMeetingEvents.MEETING_ENDED))));
    }

    @Test
    void callSweeper_runsEveryMinute() {
        Map<String, Object> events = SamTemplate.map(template.properties("CallSweeperFunction").get("Events"));
        assertThat(events).hasSize(1);
        Map<String, Object> event = SamTemplate.map(events.values().iterator().next());
        assertThat(event).containsEntry("Type", "Schedule");
        assertThat(SamTemplate.map(event.get("Properties"))).containsEntry("Schedule", "rate(1 minute)");
    }

    @Test
    void meetingEvents_mayReadAndWriteCalls_findThemByMeeting_andEndThem() {
        assertThat(statements("MeetingEventsFunction")).containsExactlyInAnyOrder(
                new Grant(Set.of("dynamodb:GetItem", "dynamodb:UpdateItem"), TABLE_ARN),
                new Grant(Set.of("dynamodb:Query"), index(TABLE, LedgerTable.BY_MEETING_ID)),
                new Grant(Set.of("chime:UpdateSipMediaApplicationCall"), SMA_ARN),
                new Grant(Set.of("chime:DeleteMeeting"), MEETINGS));
    }

    @Test
    void callSweeper_mayWriteCalls_readItsWorkList_andEndThem() {
        assertThat(statements("CallSweeperFunction")).containsExactlyInAnyOrder(
                new Grant(Set.of("dynamodb:UpdateItem"), TABLE_ARN),
                new Grant(Set.of("dynamodb:Query"), index(TABLE, LedgerTable.BY_SWEEP_DUE)),
                new Grant(Set.of("chime:UpdateSipMediaApplicationCall"), SMA_ARN),
                new Grant(Set.of("chime:DeleteMeeting"), MEETINGS));
    }

    @Test
    void updateSipMediaApplicationCall_isScopedToTheStacksApplication_everywhere() {
        for (String function : template.functions()) {
            for (Grant grant : statements(function)) {
                if (grant.actions().contains("chime:UpdateSipMediaApplicationCall")) {
                    assertThat(grant.resource()).as(function).isEqualTo(SMA_ARN);
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private record Grant(Set<String> actions, Object resource) {
    }

    private List<Grant> statements(String function) {
        List<Grant> grants = new ArrayList<>();
        for (Object policy : SamTemplate.list(template.properties(function).get("Policies"))) {
            for (Object item : SamTemplate.list(SamTemplate.map(policy).get("Statement"))) {
                Map<String, Object> statement = SamTemplate.map(item);
                assertThat(statement).as("%s statement", function).containsEntry("Effect", "Allow").doesNotContainKey("Condition");
                Object action = statement.get("Action");
                Set<String> actions = new TreeSet<>(action instanceof String one ? List.of(one)
                        : SamTemplate.list(action).stream().map(String::valueOf).toList());
                grants.add(new Grant(actions, statement.get("Resource")));
            }
        }
        return grants;
    }

    private static Object index(String table, String index) {
        return Map.of("Fn::Sub", "${" + table + ".Arn}/index/" + index);
    }

    private Map<String, Object> index(String name) {
        return SamTemplate.list(template.properties(TABLE).get("GlobalSecondaryIndexes")).stream()
                .map(SamTemplate::map)
                .filter(i -> name.equals(i.get("IndexName")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no index " + name));
    }

    private Map<String, Object> parameter(String name) {
        return SamTemplate.map(template.section("Parameters").get(name));
    }

    private Set<String> globalVariables() {
        return SamTemplate.map(SamTemplate.map(template.functionGlobals().get("Environment")).get("Variables")).keySet();
    }

    private static Map<String, Object> guardEnvironment() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("CLICKTOCALL_LEDGER_TABLE", Map.of("Ref", TABLE));
        variables.put("CLICKTOCALL_LEDGER_REGION", REGION);
        variables.put("CLICKTOCALL_MEETING_CONTROL_REGION", REGION);
        variables.put("CLICKTOCALL_PSTN_CONTROL_REGION", REGION);
        variables.put("CLICKTOCALL_SMA_ID", Map.of("Fn::GetAtt", List.of("SipMediaApplication", "SipMediaApplicationId")));
        variables.put("CLICKTOCALL_CALLER_JOIN_TIMEOUT_SECONDS", Map.of("Ref", "CallerJoinTimeoutSeconds"));
        variables.put("CLICKTOCALL_CALLER_REJOIN_SECONDS", Map.of("Ref", "CallerRejoinSeconds"));
        variables.put("CLICKTOCALL_CALL_TIMEOUT_SECONDS", Map.of("Ref", "CallTimeoutSeconds"));
        variables.put("CLICKTOCALL_MAX_CALL_MINUTES", Map.of("Ref", "MaxCallMinutes"));
        variables.put("CLICKTOCALL_CALL_RECORD_RETENTION_DAYS", Map.of("Ref", "CallRecordRetentionDays"));
        return variables;
    }
}
