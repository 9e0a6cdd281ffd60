package com.clicktocall.sma;

import static com.clicktocall.sma.SampleEvents.CALL_ID;
import static com.clicktocall.sma.SampleEvents.OWNER_SUB;
import static com.clicktocall.sma.SampleEvents.TRANSACTION_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.CallRecord;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerClients;
import com.clicktocall.ledger.UserCallLimits;
import com.clicktocall.model.ledger.CallState;
import com.clicktocall.model.ledger.EndReason;
import com.clicktocall.testsupport.Dynalite;
import com.clicktocall.testsupport.DynaliteServer;
import com.clicktocall.testsupport.RecordingHttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What every sample SMA event writes to a real ledger (dynalite), through the handler's own path. */
class LedgerStatusTest {

    static final UserCallLimits.Limits ONE_CALL = new UserCallLimits.Limits(1, 20);
    @RegisterExtension
    static final DynaliteServer DYNAMO = new DynaliteServer();
    String table;
    DynamoDbClient db;
    CallRecords calls;
    UserCallLimits slots;
    final List<String> logLines = new ArrayList<>();
    final List<String> metricLines = new ArrayList<>();

    @BeforeEach
    void freshTable() throws Exception {
        table = "ledger-" + UUID.randomUUID();
        DYNAMO.dynalite().createTableFromTemplate(Dynalite.repositoryFile("template.yaml"), "CallLedgerTable", table);
        db = LedgerClients.build("us-east-1", Optional.of(DYNAMO.dynalite().uri()), Duration.ofSeconds(5), 1);
        calls = new CallRecords(db, table, Clock.systemUTC(), Duration.ofDays(7));
        slots = new UserCallLimits(db, table, Clock.systemUTC());
    }

    final RecordingTeardown meetings = new RecordingTeardown();

    SmaEventProcessor processor(String ledgerEndpoint) {
        DynamoCallLedger ledger = new DynamoCallLedger("us-east-1", Optional.of(java.net.URI.create(ledgerEndpoint)), table,
                Duration.ofMinutes(60), Duration.ofDays(7), new CallMetrics(metricLines::add, "sma-handler"));
        return new SmaEventProcessor(new CallFlow(new BridgeSettings("+12065550100", 30), meetings, ledger),
                logLines::add);
    }

    /** The call as it stands before the event, and what the ledger says after it. */
    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("sma-new-outbound-call-pstn", CallState.DIALLING, CallState.DIALLING, null),
                Arguments.of("sma-call-answered", CallState.DIALLING, CallState.RINGING, null),
                Arguments.of("sma-call-answered-voice-connector", CallState.DIALLING, CallState.RINGING, null),
                Arguments.of("sma-ringing", CallState.RINGING, CallState.RINGING, null),
                Arguments.of("sma-action-successful-pause", CallState.DIALLING, CallState.RINGING, null),
                Arguments.of("sma-action-successful-call-and-bridge", CallState.RINGING, CallState.CONNECTED, null),
                Arguments.of("sma-call-update-requested-digits", CallState.CONNECTED, CallState.CONNECTED, null),
                Arguments.of("sma-digits-received", CallState.CONNECTED, CallState.CONNECTED, null),
                Arguments.of("sma-action-interrupted", CallState.CONNECTED, CallState.CONNECTED, null),
                Arguments.of("sma-call-update-requested-end", CallState.CONNECTED, CallState.ENDED, EndReason.CALLER_HUNG_UP),
                Arguments.of("sma-hangup-leg-a", CallState.CONNECTED, CallState.ENDED, EndReason.CALLER_HUNG_UP),
                Arguments.of("sma-hangup-leg-b", CallState.CONNECTED, CallState.ENDED, EndReason.CALLEE_HUNG_UP),
                Arguments.of("sma-hangup-leg-b-busy", CallState.RINGING, CallState.ENDED, EndReason.BUSY),
                Arguments.of("sma-action-failed-call-not-answered", CallState.RINGING, CallState.ENDED, EndReason.NO_ANSWER),
                Arguments.of("sma-action-failed-invalid-action-parameter", CallState.RINGING, CallState.ENDED, EndReason.FAILED),
                Arguments.of("sma-invalid-lambda-response", CallState.CONNECTED, CallState.ENDED, EndReason.FAILED));
    }

    @Test
    void everySampleEvent_isCovered() {
        List<String> covered = samples().map(a -> (String) a.get()[0]).toList();
        assertThat(SampleEvents.names()).filteredOn(n -> !covered.contains(n))
                .as("samples without a ledger expectation; an inbound call is not in the ledger")
                .containsExactlyInAnyOrder("sma-new-inbound-call", "sma-new-outbound-call-voice-connector");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void aSampleEvent_movesTheCallAsItsStepSays(String sample, CallState before, CallState after, EndReason reason) throws Exception {
        seed(before);

        byte[] response = processor(DYNAMO.dynalite().endpoint()).process(SampleEvents.bytes(sample));

        assertThat(SampleEvents.JSON.readTree(response).path("SchemaVersion").asText()).isEqualTo("1.0");
        CallRecord call = calls.byCallId(CALL_ID).orElseThrow();
        assertThat(call.state()).isEqualTo(after);
        assertThat(call.reason()).isEqualTo(Optional.ofNullable(reason));
        if (after != before) {
            assertThat(call.transactionId()).contains(TRANSACTION_ID);
            assertThat(lastLogLine().path("ledger").asText()).isEqualTo("written");
        } else {
            assertThat(lastLogLine().has("ledger")).as("no write without a change of state").isFalse();
        }
        boolean slotFreed = slots.admit(OWNER_SUB, "next-call", Duration.ofMinutes(1), ONE_CALL) instanceof UserCallLimits.Admission.Admitted;
        assertThat(slotFreed).as("the owner's slot is free").isEqualTo(after == CallState.ENDED);
    }

    @Test
    void aRepeatedEnding_keepsTheFirstReason() throws Exception {
        seed(CallState.RINGING);
        SmaEventProcessor processor = processor(DYNAMO.dynalite().endpoint());

        processor.process(SampleEvents.bytes("sma-hangup-leg-b-busy"));
        processor.process(SampleEvents.bytes("sma-hangup-leg-a"));

        assertThat(calls.byCallId(CALL_ID).orElseThrow().reason()).contains(EndReason.BUSY);
        assertThat(lastLogLine().path("ledger").asText()).isEqualTo("unchanged");
    }

    @Test
    void anEventWithoutTheCallsAttributes_findsTheCallByItsTransactionId() throws Exception {
        seed(CallState.DIALLING);
        calls.identify(CALL_ID, SampleEvents.MEETING_ID, Optional.of(TRANSACTION_ID));
        com.fasterxml.jackson.databind.node.ObjectNode event =
                (com.fasterxml.jackson.databind.node.ObjectNode) SampleEvents.tree("sma-invalid-lambda-response");
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("CallDetails")).remove("TransactionAttributes");

        processor(DYNAMO.dynalite().endpoint()).process(SampleEvents.JSON.writeValueAsBytes(event));

        CallRecord call = calls.byCallId(CALL_ID).orElseThrow();
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(call.reason()).contains(EndReason.FAILED);
        assertThat(lastLogLine().path("ledger").asText()).isEqualTo("written");
        assertThat(meetings.deleted).as("the meeting the call item names").containsExactly(SampleEvents.MEETING_ID);
        assertThat(slots.admit(OWNER_SUB, "next-call", Duration.ofMinutes(1), ONE_CALL))
                .as("the owner's slot is free").isInstanceOf(UserCallLimits.Admission.Admitted.class);
    }

    @Test
    void aLateEvent_neverMovesTheCallBack() throws Exception {
        seed(CallState.CONNECTED);

        processor(DYNAMO.dynalite().endpoint()).process(SampleEvents.bytes("sma-call-answered"));

        assertThat(calls.byCallId(CALL_ID).orElseThrow().state()).isEqualTo(CallState.CONNECTED);
        assertThat(lastLogLine().path("ledger").asText()).isEqualTo("unchanged");
    }

    @Test
    void ledgerDown_theHandlerStillAnswersWithTheSameActions() throws Exception {
        seed(CallState.CONNECTED);
        String expected = new String(processor(DYNAMO.dynalite().endpoint()).process(SampleEvents.bytes("sma-hangup-leg-b")));
        try (RecordingHttpServer slow = RecordingHttpServer.start()) {
            slow.on("POST", "/.*", new RecordingHttpServer.Stub(200, java.util.Map.of(), "{}", Duration.ofSeconds(3)));
            for (String down : List.of("http://127.0.0.1:9", slow.uri().toString())) {
                long started = System.nanoTime();
                String answer = new String(processor(down).process(SampleEvents.bytes("sma-hangup-leg-b")));
                long tookMs = (System.nanoTime() - started) / 1_000_000;

                assertThat(answer).as(down).isEqualTo(expected);
                assertThat(lastLogLine().path("ledger").asText()).isEqualTo("failed");
                assertThat(tookMs).as("far inside the SMA's 5 s").isLessThan(2_000);
            }
        }
    }

    @Test
    void ledgerDown_theMeetingAnswered_theHandlerWaitsAndNeverBridgesBlind() throws Exception {
        seed(CallState.DIALLING);
        long started = System.nanoTime();

        JsonNode answer = SampleEvents.JSON.readTree(processor("http://127.0.0.1:9").process(SampleEvents.bytes("sma-call-answered")));

        assertThat((System.nanoTime() - started) / 1_000_000).as("far inside the SMA's 5 s").isLessThan(2_000);
        assertThat(answer.path("Actions").get(0).path("Type").asText()).isEqualTo("Pause");
        assertThat(lastLogLine().path("decision").asText()).isEqualTo("waiting-for-caller");
        assertThat(lastLogLine().path("detail").asText()).isEqualTo("ledger-unavailable");
        assertThat(calls.byCallId(CALL_ID).orElseThrow().state()).isEqualTo(CallState.DIALLING);
    }

    @Test
    void theMeetingAnswered_beforeTheCallerJoined_theFarEndIsNotDialled_untilTheCallerIs() throws Exception {
        calls.dialling(CALL_ID, OWNER_SUB, SampleEvents.PSTN_NUMBER, "PSTN");
        SmaEventProcessor processor = processor(DYNAMO.dynalite().endpoint());

        JsonNode waiting = SampleEvents.JSON.readTree(processor.process(SampleEvents.bytes("sma-call-answered")));

        assertThat(waiting.path("Actions").get(0).path("Type").asText()).isEqualTo("Pause");
        assertThat(waiting.path("TransactionAttributes").path("CallerWaitUntil").asText()).isNotBlank();
        assertThat(calls.byCallId(CALL_ID).orElseThrow().state()).isEqualTo(CallState.DIALLING);

        calls.callerJoined(CALL_ID, java.time.Instant.now());
        JsonNode bridged = SampleEvents.JSON.readTree(processor.process(SampleEvents.bytes("sma-action-successful-pause")));

        assertThat(bridged.path("Actions").get(0).path("Type").asText()).isEqualTo("CallAndBridge");
        assertThat(calls.byCallId(CALL_ID).orElseThrow().state()).isEqualTo(CallState.RINGING);
    }

    @Test
    void theCallerLeftBeforeTheBridge_theCallEndsAsCallerLeft_andIsCountedOnce() throws Exception {
        seed(CallState.DIALLING);
        calls.callerLeft(CALL_ID, java.time.Instant.now().plusMillis(1));
        SmaEventProcessor processor = processor(DYNAMO.dynalite().endpoint());

        JsonNode answer = SampleEvents.JSON.readTree(processor.process(SampleEvents.bytes("sma-call-answered")));
        processor.process(SampleEvents.bytes("sma-hangup-leg-a"));

        assertThat(answer.path("Actions").get(0).path("Type").asText()).isEqualTo("Hangup");
        assertThat(calls.byCallId(CALL_ID).orElseThrow().reason()).contains(EndReason.CALLER_LEFT);
        assertThat(metricLines).hasSize(1);
        JsonNode metric = SampleEvents.JSON.readTree(metricLines.get(0));
        assertThat(metric.path("Reason").asText()).isEqualTo("caller-left");
        assertThat(metric.path("Outcome").asText()).isEqualTo("abandoned");
        assertThat(metric.path("CallsEnded").asInt()).isEqualTo(1);
        assertThat(metric.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("ClickToCall");
    }

    @Test
    void theOwnersHangUp_replacesCallerLeft_butNotAFarEndsEnding() throws Exception {
        seed(CallState.CONNECTED);
        calls.ended(CALL_ID, EndReason.CALLER_LEFT);

        processor(DYNAMO.dynalite().endpoint()).process(SampleEvents.bytes("sma-call-update-requested-end"));

        assertThat(calls.byCallId(CALL_ID).orElseThrow().reason()).contains(EndReason.CALLER_HUNG_UP);
        assertThat(lastLogLine().path("ledger").asText()).isEqualTo("relabelled");
        assertThat(metricLines).as("the call was counted by its first ending").isEmpty();

        String other = UUID.randomUUID().toString();
        calls.dialling(other, OWNER_SUB, SampleEvents.PSTN_NUMBER, "PSTN");
        calls.ended(other, EndReason.CALLEE_HUNG_UP);
        com.fasterxml.jackson.databind.node.ObjectNode end = (com.fasterxml.jackson.databind.node.ObjectNode) SampleEvents.tree("sma-call-update-requested-end");
        ((com.fasterxml.jackson.databind.node.ObjectNode) end.path("CallDetails").path("TransactionAttributes")).put("CallId", other);
        processor(DYNAMO.dynalite().endpoint()).process(SampleEvents.JSON.writeValueAsBytes(end));
        assertThat(calls.byCallId(other).orElseThrow().reason()).contains(EndReason.CALLEE_HUNG_UP);
    }

    @Test
    void anEnding_isCountedOnce_withItsSetupAndTalkTime() throws Exception {
        seed(CallState.CONNECTED);
        SmaEventProcessor processor = processor(DYNAMO.dynalite().endpoint());

        processor.process(SampleEvents.bytes("sma-hangup-leg-b"));
        processor.process(SampleEvents.bytes("sma-hangup-leg-a"));

        assertThat(metricLines).hasSize(1);
        JsonNode metric = SampleEvents.JSON.readTree(metricLines.get(0));
        assertThat(metric.path("Outcome").asText()).isEqualTo("answered");
        assertThat(metric.path("Reason").asText()).isEqualTo("callee-hung-up");
        assertThat(metric.has("SetupTime")).isTrue();
        assertThat(metric.has("TalkTime")).isTrue();
    }

    /** The call in {@code state}, its caller in the meeting. */
    private void seed(CallState state) {
        calls.dialling(CALL_ID, OWNER_SUB, SampleEvents.PSTN_NUMBER, "PSTN");
        calls.callerJoined(CALL_ID, java.time.Instant.now());
        slots.admit(OWNER_SUB, CALL_ID, Duration.ofMinutes(5), ONE_CALL);
        if (state == CallState.RINGING || state == CallState.CONNECTED) {
            calls.ringing(CALL_ID, TRANSACTION_ID);
        }
        if (state == CallState.CONNECTED) {
            calls.connected(CALL_ID, TRANSACTION_ID);
        }
    }

    private JsonNode lastLogLine() throws Exception {
        return SampleEvents.JSON.readTree(logLines.get(logLines.size() - 1));
    }
}
