package com.clicktocall.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.ledger.CallState;
import com.clicktocall.model.ledger.EndReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DIALLED = Instant.parse("2026-12-07T10:00:00Z");

    private final List<String> lines = new ArrayList<>();
    private final CallMetrics metrics = new CallMetrics(lines::add, "sma-handler");

    @Test
    void anAnsweredCall_isOneEmfRecord_withOutcomeAndReasonDimensions_setupAndTalkTime() throws Exception {
        metrics.callEnded(call(Optional.of(DIALLED.plusMillis(4_250))), EndReason.CALLEE_HUNG_UP, DIALLED.plusSeconds(65));

        assertThat(lines).hasSize(1);
        JsonNode record = JSON.readTree(lines.get(0));
        JsonNode directive = record.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(record.path("_aws").path("Timestamp").asLong()).isEqualTo(DIALLED.plusSeconds(65).toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo(CallMetrics.NAMESPACE);
        assertThat(directive.path("Dimensions").get(0)).extracting(JsonNode::asText).containsExactly("Outcome", "Reason");
        assertThat(directive.path("Metrics").findValuesAsText("Name")).containsExactly("CallsEnded", "SetupTime", "TalkTime");
        assertThat(record.path("Outcome").asText()).isEqualTo("answered");
        assertThat(record.path("Reason").asText()).isEqualTo("callee-hung-up");
        assertThat(record.path("CallsEnded").asLong()).isEqualTo(1);
        assertThat(record.path("SetupTime").asLong()).isEqualTo(4_250);
        assertThat(record.path("TalkTime").asLong()).isEqualTo(60);
        assertThat(record.path("function").asText()).isEqualTo("sma-handler");
    }

    @Test
    void anUnansweredCall_hasNoSetupOrTalkTime_andItsOutcomeFollowsTheReason() throws Exception {
        metrics.callEnded(call(Optional.empty()), EndReason.CALLER_NEVER_JOINED, DIALLED.plusSeconds(20));
        metrics.callEnded(call(Optional.empty()), EndReason.STUCK, DIALLED.plusSeconds(200));
        metrics.callEnded(call(Optional.empty()), EndReason.BUSY, DIALLED.plusSeconds(5));

        assertThat(lines).extracting(l -> JSON.readTree(l).path("Outcome").asText()).containsExactly("abandoned", "failed", "unanswered");
        assertThat(lines).allSatisfy(l -> assertThat(JSON.readTree(l).has("SetupTime")).isFalse());
    }

    @Test
    void aCounter_isOneRecordWithItsDimension() throws Exception {
        metrics.count(CallMetrics.LIMIT_REFUSALS, CallMetrics.LIMIT, "too_many_calls", DIALLED);

        JsonNode record = JSON.readTree(lines.get(0));
        assertThat(record.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").get(0).get(0).asText()).isEqualTo("Limit");
        assertThat(record.path("Limit").asText()).isEqualTo("too_many_calls");
        assertThat(record.path("LimitRefusals").asLong()).isEqualTo(1);
    }

    private static CallRecord call(Optional<Instant> answeredAt) {
        return new CallRecord("c1", "sub-1", CallState.CONNECTED, Optional.empty(), "+12065550100", Optional.of("m1"),
                Optional.of("tx1"), DIALLED, answeredAt, Optional.empty(), CallRecord.CallerPresence.UNKNOWN);
    }
}
