package com.clicktocall.sma;

import static com.clicktocall.sma.SampleEvents.JSON;
import static com.clicktocall.sma.SampleEvents.TRANSACTION_ID;
import static com.clicktocall.sma.SampleEvents.attributes;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.sma.CallArguments;
import com.clicktocall.model.sma.SmaLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmaEventProcessorTest {

    private final RecordingTeardown meetings = new RecordingTeardown();
    private final List<String> logLines = new ArrayList<>();
    private final SmaEventProcessor processor = new SmaEventProcessor(
            new CallFlow(new BridgeSettings("+12065550100", 30), meetings, new RecordingLedger()), logLines::add);

    static List<String> samples() {
        return SampleEvents.names();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleEvent_getsAValidResponseAndOneLogLine(String sample) throws IOException {
        JsonNode response = JSON.readTree(processor.process(SampleEvents.bytes(sample)));

        assertValidResponse(response);
        assertThat(logLines).hasSize(1);
        JsonNode line = JSON.readTree(logLines.get(0));
        assertThat(line.path("eventType").asText()).isEqualTo(SampleEvents.tree(sample).path("InvocationEventType").asText());
        assertThat(line.path("sequence").isInt()).isTrue();
        assertThat(line.path("transactionId").asText()).isNotBlank();
        assertThat(line.path("decision").asText()).isNotBlank();
        assertThat(line.path("latencyMicros").isNumber()).isTrue();
        assertThat(logLines.get(0)).doesNotContain("\n").doesNotContain(SampleEvents.OWNER_EMAIL).doesNotContain("alex@");
    }

    @Test
    void callAnswered_writesTheCallAndBridgeTheSmaExpects() throws IOException {
        JsonNode response = JSON.readTree(processor.process(SampleEvents.bytes("sma-call-answered-voice-connector")));

        assertThat(response).isEqualTo(JSON.readTree("""
                {"SchemaVersion":"1.0","Actions":[{"Type":"CallAndBridge","Parameters":{
                  "CallTimeoutSeconds":30,"CallerIdNumber":"+12065550100",
                  "Endpoints":[{"BridgeEndpointType":"AWS","Uri":"+12065550199",
                                "Arn":"arn:aws:chime:us-east-1:123456789012:vc/abcdefghijklmnopqrstuv"}],
                  "SipHeaders":{"X-RequestorEmail":"alex@example.com"}}}]}
                """));
        JsonNode line = JSON.readTree(logLines.get(0));
        assertThat(line.path("transactionId").asText()).isEqualTo(TRANSACTION_ID);
        assertThat(line.path("actions").toString()).isEqualTo("[\"CallAndBridge\"]");
        assertThat(line.path("decision").asText()).isEqualTo("bridge-voice-connector");
    }

    @Test
    void hangup_writesTheHangupAndTheMeetingDeletedAttribute() throws IOException {
        JsonNode response = JSON.readTree(processor.process(SampleEvents.bytes("sma-hangup-leg-b-busy")));

        assertThat(response.path("Actions")).hasSize(1);
        assertThat(response.path("Actions").get(0).toString())
                .isEqualTo("{\"Type\":\"Hangup\",\"Parameters\":{\"CallId\":\"" + SampleEvents.LEG_A + "\",\"SipResponseCode\":\"0\"}}");
        assertThat(response.path("TransactionAttributes").path(CallArguments.MEETING_DELETED).asText()).isEqualTo("true");
        JsonNode line = JSON.readTree(logLines.get(0));
        assertThat(line.path("meeting").asText()).isEqualTo("deleted");
        assertThat(line.path("sipResponseCode").asText()).isEqualTo("486");
        assertThat(line.path("participantTag").asText()).isEqualTo("LEG-B");
    }

    @Test
    void invalidLambdaResponse_isLoggedWithItsErrorTypeAndMessage() throws IOException {
        processor.process(SampleEvents.bytes("sma-invalid-lambda-response"));

        JsonNode line = JSON.readTree(logLines.get(0));
        assertThat(line.path("errorType").asText()).isEqualTo("TransactionAttributesInvalidMapSize");
        assertThat(line.path("errorMessage").asText()).isEqualTo("Transaction attributes exceed the allowed map size");
    }

    @Test
    void actionFailed_isLoggedWithTheActionsErrorType() throws IOException {
        processor.process(SampleEvents.bytes("sma-action-failed-call-not-answered"));

        JsonNode line = JSON.readTree(logLines.get(0));
        assertThat(line.path("errorType").asText()).isEqualTo("CallNotAnswered");
        assertThat(line.path("actionDataType").asText()).isEqualTo("CallAndBridge");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "{}", "42", "\"text\"", "{", "{\"SchemaVersion\":", "not json at all",
            "{\"InvocationEventType\":42}", "{\"InvocationEventType\":{}}", "{\"Sequence\":\"abc\"}",
            "{\"CallDetails\":[]}", "{\"CallDetails\":{\"Participants\":{}}}",
            "{\"InvocationEventType\":\"HANGUP\",\"CallDetails\":{\"Participants\":[null,1,\"x\"]}}",
            "{\"InvocationEventType\":\"CALL_ANSWERED\",\"CallDetails\":{\"TransactionAttributes\":{\"ToNumber\":{}}}}",
            "{\"InvocationEventType\":\"CALL_UPDATE_REQUESTED\",\"ActionData\":{\"Parameters\":{\"Arguments\":[]}}}"})
    void hostileInput_getsAValidResponse(String input) throws IOException {
        JsonNode response = JSON.readTree(processor.process(input.getBytes(StandardCharsets.UTF_8)));

        assertValidResponse(response);
        assertThat(logLines).hasSize(1);
        assertThat(JSON.readTree(logLines.get(0)).path("decision").asText()).isNotBlank();
    }

    @Test
    void garbageBytes_getAValidResponse() throws IOException {
        Random random = new Random(20_261_128);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(2_000)];
            random.nextBytes(garbage);

            assertValidResponse(JSON.readTree(processor.process(garbage)));
        }
    }

    @Test
    void numbersWhereStringsAreExpected_areReadAsText() throws IOException {
        byte[] event = SampleEvents.bytes("sma-call-update-requested-digits", e -> {
            SampleEvents.arguments(e).put(CallArguments.DIGITS, 123);
            ((ObjectNode) e.path("CallDetails").path("Participants").get(1)).put("StartTimeInMilliseconds", 1764322971456L);
        });

        JsonNode response = JSON.readTree(processor.process(event));

        assertThat(response.path("Actions").get(0).path("Parameters").path("Digits").asText()).isEqualTo("123");
    }

    @Test
    void giantStrings_doNotReachTheResponseOrTheLog() throws IOException {
        String giant = "9".repeat(1_000_000);
        byte[] event = SampleEvents.bytes("sma-invalid-lambda-response", e -> {
            e.put("ErrorMessage", giant);
            ((ObjectNode) e.get("CallDetails")).put("TransactionId", giant);
            attributes(e).put(CallArguments.OWNER_EMAIL, giant);
        });

        byte[] response = processor.process(event);

        assertValidResponse(JSON.readTree(response));
        assertThat(response.length).isLessThan(1_000);
        assertThat(logLines.get(0).length()).isLessThan(2_000);
    }

    @Test
    void giantArguments_areDroppedBeforeTheyBecomeAttributes() throws IOException {
        byte[] event = SampleEvents.bytes("sma-new-outbound-call-pstn",
                e -> SampleEvents.arguments(e).put(CallArguments.MEETING_ID, "m".repeat(100_000)));

        JsonNode response = JSON.readTree(processor.process(event));

        assertThat(response.path("TransactionAttributes").has(CallArguments.MEETING_ID)).isFalse();
        assertThat(response.path("TransactionAttributes").toString().length()).isLessThan(SmaLimits.MAX_TRANSACTION_ATTRIBUTES_BYTES);
        assertThat(JSON.readTree(logLines.get(0)).path("detail").asText()).isEqualTo("dropped MeetingId");
    }

    @Test
    void unreadableEvent_isLoggedWithItsTransactionIdWhenThereIsOne() throws IOException {
        byte[] event = ("{\"InvocationEventType\":{},\"CallDetails\":{\"TransactionId\":\"" + TRANSACTION_ID + "\"}}")
                .getBytes(StandardCharsets.UTF_8);

        processor.process(event);

        JsonNode line = JSON.readTree(logLines.get(0));
        assertThat(line.path("transactionId").asText()).isEqualTo(TRANSACTION_ID);
        assertThat(line.path("decision").asText()).isEqualTo("unreadable-event");
    }

    @Test
    void internalError_endsTheCallAndIsLoggedWithTheTransactionId() throws IOException {
        MeetingTeardown failingOnce = new MeetingTeardown() {
            private boolean failed;

            @Override
            public Result deleteMeeting(String meetingId) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("boom");
                }
                return Result.DELETED;
            }
        };
        SmaEventProcessor failing = new SmaEventProcessor(
                new CallFlow(new BridgeSettings("+12065550100", 30), failingOnce, new RecordingLedger()), logLines::add);

        JsonNode response = JSON.readTree(failing.process(SampleEvents.bytes("sma-call-update-requested-end")));

        assertThat(response.path("Actions")).hasSize(2);
        assertThat(response.path("Actions").findValuesAsText("Type")).containsOnly("Hangup");
        JsonNode line = JSON.readTree(logLines.get(0));
        assertThat(line.path("transactionId").asText()).isEqualTo(TRANSACTION_ID);
        assertThat(line.path("decision").asText()).isEqualTo("internal-error");
        assertThat(line.path("meeting").asText()).isEqualTo("deleted");
        assertThat(line.path("failure").asText()).contains("IllegalStateException");
    }

    @Test
    void aLogSinkThatFails_doesNotCostTheAnswer() throws IOException {
        SmaEventProcessor noisy = new SmaEventProcessor(new CallFlow(new BridgeSettings("+12065550100", 30), meetings, new RecordingLedger()),
                line -> {
                    throw new IllegalStateException("log full");
                });

        JsonNode response = JSON.readTree(noisy.process(SampleEvents.bytes("sma-call-answered")));

        assertThat(response.path("Actions").get(0).path("Type").asText()).isEqualTo("CallAndBridge");
    }

    @Test
    void aJoinTokenInTheEvent_isNeverLogged() {
        byte[] event = SampleEvents.bytes("sma-call-answered", e -> {
            attributes(e).put("JoinToken", "secret-join-token");
            ((ObjectNode) e.path("CallDetails").path("Participants").get(0)).putObject("SipHeaders")
                    .put("X-chime-join-token", "secret-join-token");
        });

        processor.process(event);

        assertThat(logLines.get(0)).doesNotContain("secret-join-token");
    }

    private static void assertValidResponse(JsonNode response) {
        assertThat(response.path("SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(response.path("Actions").isArray()).isTrue();
        assertThat(response.path("Actions").size()).isLessThanOrEqualTo(SmaLimits.MAX_ACTIONS_PER_RESPONSE);
        JsonNode attributes = response.path("TransactionAttributes");
        if (!attributes.isMissingNode()) {
            assertThat(attributes.isObject()).isTrue();
            assertThat(attributes.size()).isLessThanOrEqualTo(SmaLimits.MAX_TRANSACTION_ATTRIBUTES);
            attributes.fields().forEachRemaining(a -> assertThat(a.getValue().isTextual()).isTrue());
        }
    }
}
