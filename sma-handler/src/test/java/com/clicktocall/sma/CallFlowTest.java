package com.clicktocall.sma;

import static com.clicktocall.sma.SampleEvents.LEG_A;
import static com.clicktocall.sma.SampleEvents.LEG_B;
import static com.clicktocall.sma.SampleEvents.MEETING_ID;
import static com.clicktocall.sma.SampleEvents.OWNER_EMAIL;
import static com.clicktocall.sma.SampleEvents.OWNER_SUB;
import static com.clicktocall.sma.SampleEvents.PSTN_NUMBER;
import static com.clicktocall.sma.SampleEvents.VOICE_CONNECTOR_ARN;
import static com.clicktocall.sma.SampleEvents.VOICE_CONNECTOR_NUMBER;
import static com.clicktocall.sma.SampleEvents.arguments;
import static com.clicktocall.sma.SampleEvents.attributes;
import static com.clicktocall.sma.SampleEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.dial.DialPolicy;
import com.clicktocall.model.sip.SipHeaders;
import com.clicktocall.model.sma.Action;
import com.clicktocall.model.sma.BridgeEndpoint;
import com.clicktocall.model.sma.CallAndBridge;
import com.clicktocall.model.sma.CallArguments;
import com.clicktocall.model.sma.Hangup;
import com.clicktocall.model.sma.SendDigits;
import com.clicktocall.model.sma.SmaEvent;
import com.clicktocall.model.sma.SmaLimits;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallFlowTest {

    private static final BridgeSettings SETTINGS = new BridgeSettings("+12065550100", 45);

    private final RecordingTeardown meetings = new RecordingTeardown();
    private final RecordingLedger ledger = new RecordingLedger();
    private final CallFlow flow = new CallFlow(SETTINGS, DialPolicy.defaults(Optional.empty()), meetings, ledger);

    // --- NEW_OUTBOUND_CALL ---------------------------------------------------------------------------

    @Test
    void newOutboundCall_keepsTheArgumentsAsTransactionAttributes() {
        Decision decision = flow.decide(event("sma-new-outbound-call-voice-connector"));

        assertThat(decision.response().actions()).isEmpty();
        assertThat(decision.response().transactionAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                CallArguments.CALL_ID, SampleEvents.CALL_ID,
                CallArguments.MEETING_ID, MEETING_ID,
                CallArguments.TO_NUMBER, VOICE_CONNECTOR_NUMBER,
                CallArguments.ROUTE, "VOICE_CONNECTOR",
                CallArguments.VOICE_CONNECTOR_ARN, VOICE_CONNECTOR_ARN,
                CallArguments.OWNER_SUB, OWNER_SUB,
                CallArguments.OWNER_EMAIL, OWNER_EMAIL));
        assertThat(decision.decision()).isEqualTo("arguments-kept");
        assertThat(meetings.deleted).isEmpty();
    }

    @Test
    void newOutboundCall_dropsUnknownAndOversizedArguments() {
        SmaEvent event = event("sma-new-outbound-call-pstn", e -> arguments(e)
                .put("Injected", "x")
                .put(CallArguments.OWNER_EMAIL, "a".repeat(CallFlow.MAX_ATTRIBUTE_VALUE_LENGTH + 1) + "@example.com"));

        Decision decision = flow.decide(event);

        assertThat(decision.response().transactionAttributes())
                .containsKeys(CallArguments.MEETING_ID, CallArguments.TO_NUMBER, CallArguments.ROUTE, CallArguments.OWNER_SUB)
                .doesNotContainKeys("Injected", CallArguments.OWNER_EMAIL);
        assertThat(decision.detail()).isEqualTo("dropped OwnerEmail,unknown");
    }

    @Test
    void newOutboundCall_attributesStayInsideTheSmaLimitsWhateverTheArguments() {
        SmaEvent event = event("sma-new-outbound-call-pstn", e -> {
            for (int i = 0; i < 500; i++) {
                arguments(e).put("Extra" + i, "v".repeat(1_000));
            }
            for (String key : CallFlow.CALL_ARGUMENT_KEYS) {
                arguments(e).put(key, "k".repeat(CallFlow.MAX_ATTRIBUTE_VALUE_LENGTH));
            }
        });

        Map<String, String> attributes = flow.decide(event).response().transactionAttributes();

        int bytes = attributes.entrySet().stream()
                .mapToInt(a -> a.getKey().getBytes(StandardCharsets.UTF_8).length + a.getValue().getBytes(StandardCharsets.UTF_8).length)
                .sum();
        assertThat(attributes).hasSize(CallFlow.CALL_ARGUMENT_KEYS.size());
        assertThat(attributes.size()).isLessThanOrEqualTo(SmaLimits.MAX_TRANSACTION_ATTRIBUTES);
        assertThat(bytes).isLessThan(SmaLimits.MAX_TRANSACTION_ATTRIBUTES_BYTES);
    }

    @Test
    void newOutboundCall_withoutActionData_keepsNothing() {
        Decision decision = flow.decide(event("sma-new-outbound-call-pstn", e -> e.remove("ActionData")));

        assertThat(decision.response().actions()).isEmpty();
        assertThat(decision.response().transactionAttributes()).isEmpty();
    }

    // --- CALL_ANSWERED -------------------------------------------------------------------------------

    @Test
    void callAnswered_bridgesToPstn() {
        Decision decision = flow.decide(event("sma-call-answered"));

        CallAndBridge bridge = onlyAction(decision, CallAndBridge.class);
        assertThat(bridge.parameters().endpoints()).containsExactly(BridgeEndpoint.pstn(PSTN_NUMBER));
        assertThat(bridge.parameters().callerIdNumber()).isEqualTo("+12065550100");
        assertThat(bridge.parameters().callTimeoutSeconds()).isEqualTo(45);
        assertThat(bridge.parameters().sipHeaders()).as("no e-mail goes to the public network").isNull();
        assertThat(decision.response().transactionAttributes()).as("attributes kept as stored").isNull();
        assertThat(decision.decision()).isEqualTo("bridge-pstn");
    }

    @Test
    void callAnswered_bridgesToVoiceConnector() {
        Decision decision = flow.decide(event("sma-call-answered-voice-connector"));

        CallAndBridge bridge = onlyAction(decision, CallAndBridge.class);
        assertThat(bridge.parameters().endpoints())
                .containsExactly(BridgeEndpoint.voiceConnector(VOICE_CONNECTOR_NUMBER, VOICE_CONNECTOR_ARN));
        assertThat(bridge.parameters().endpoints().get(0).bridgeEndpointType()).isEqualTo("AWS");
        assertThat(bridge.parameters().sipHeaders()).containsExactly(Map.entry(SipHeaders.REQUESTOR_EMAIL, OWNER_EMAIL));
        assertThat(bridge.parameters().callerIdNumber()).isEqualTo("+12065550100");
        assertThat(decision.decision()).isEqualTo("bridge-voice-connector");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alex@example.com\r\nX-Injected: 1", "alex@example.com\nVia: evil", "alex@\u0000example.com",
            "alex@example.com\u2028X-Injected: 1", "alex@example.com\u2029", "\talex@example.com\u007f",
            "alex@example.com\u0085X-Next-Line: 1"})
    void callAnswered_requestorEmailNeverCarriesLineBreaksOrControlCharacters(String hostile) {
        SmaEvent event = event("sma-call-answered-voice-connector",
                e -> attributes(e).put(CallArguments.OWNER_EMAIL, hostile));

        String value = onlyAction(flow.decide(event), CallAndBridge.class).parameters().sipHeaders()
                .get(SipHeaders.REQUESTOR_EMAIL);

        assertThat(value).doesNotContain("\r", "\n", "\u0000", "\u2028", "\u2029", "\t", "\u007f", "\u0085")
                .startsWith("alex@");
        assertThat(value.chars()).noneMatch(Character::isISOControl);
    }

    @Test
    void callAnswered_withoutOwnerEmail_bridgesWithoutTheHeader() {
        SmaEvent event = event("sma-call-answered-voice-connector", e -> attributes(e).remove(CallArguments.OWNER_EMAIL));

        assertThat(onlyAction(flow.decide(event), CallAndBridge.class).parameters().sipHeaders()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+18762345678", "+16582345678", "+12462345678", "+19002345678", "+15002345678", "+12129761234",
            "+17872345678", "+442079460958", "+11235550143"})
    void callAnswered_toADestinationTheDialPolicyRefuses_endsTheCallAsFailedWithoutBridging(String to) {
        SmaEvent event = event("sma-call-answered", e -> attributes(e).put(CallArguments.TO_NUMBER, to));

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_A));
        assertThat(decision.decision()).isEqualTo("refused-dial-policy");
        assertThat(decision.detail()).isNotBlank();
        assertThat(ledger.writes).containsExactly("ended " + SampleEvents.CALL_ID + " " + OWNER_SUB + " failed");
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
    }

    @Test
    void callAnswered_bridgesToARegionTheOperatorAllowed() {
        CallFlow jamaicaToo = new CallFlow(SETTINGS, new DialPolicy(List.of("US", "JM"), DialPolicy.DEFAULT_BLOCK_LIST,
                Optional.empty()), meetings, ledger);
        SmaEvent event = event("sma-call-answered", e -> attributes(e).put(CallArguments.TO_NUMBER, "+18762345678"));

        Decision decision = jamaicaToo.decide(event);

        assertThat(onlyAction(decision, CallAndBridge.class).parameters().endpoints())
                .containsExactly(BridgeEndpoint.pstn("+18762345678"));
        assertThat(decision.decision()).isEqualTo("bridge-pstn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12025550143", "+1 202 555 0143", "+02025550143", "+1202555014312345", "", "sip:agent@pbx"})
    void callAnswered_toAnInvalidNumber_endsTheCall(String to) {
        SmaEvent event = event("sma-call-answered", e -> attributes(e).put(CallArguments.TO_NUMBER, to));

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_A));
        assertThat(decision.decision()).isEqualTo("refused-invalid-destination");
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
    }

    @Test
    void callAnswered_withoutAttributes_endsTheCall() {
        Decision decision = flow.decide(event("sma-call-answered", e -> ((ObjectNode) e.get("CallDetails")).remove("TransactionAttributes")));

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_A));
        assertThat(decision.meeting()).isEqualTo("none");
        assertThat(meetings.deleted).isEmpty();
    }

    @Test
    void callAnswered_withAnUnknownRoute_endsTheCall() {
        SmaEvent event = event("sma-call-answered", e -> attributes(e).put(CallArguments.ROUTE, "SIP"));

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_A));
        assertThat(decision.decision()).isEqualTo("refused-unknown-route");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-an-arn", "arn:aws:chime:us-east-1:123456789012:vc/abc def", "arn:aws:s3:::bucket"})
    void callAnswered_toVoiceConnectorWithABadArn_endsTheCall(String arn) {
        SmaEvent event = event("sma-call-answered-voice-connector",
                e -> attributes(e).put(CallArguments.VOICE_CONNECTOR_ARN, arn));

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_A));
        assertThat(decision.decision()).isEqualTo("refused-invalid-voice-connector");
    }

    @Test
    void callAnswered_withoutParticipants_hangsUpLegAByTag() {
        SmaEvent event = event("sma-call-answered", e -> {
            ((ObjectNode) e.get("CallDetails")).putArray("Participants");
            attributes(e).remove(CallArguments.ROUTE);
        });

        assertThat(flow.decide(event).response().actions()).containsExactly(Hangup.leg(com.clicktocall.model.sma.ParticipantTag.LEG_A));
    }

    @Test
    void callAnswered_afterTheMeetingWasDeleted_endsTheCallWithoutAskingAgain() {
        SmaEvent event = event("sma-call-answered", e -> attributes(e).put(CallArguments.MEETING_DELETED, "true"));

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_A));
        assertThat(decision.meeting()).isEqualTo("already-deleted");
        assertThat(meetings.deleted).isEmpty();
    }

    // --- CALL_UPDATE_REQUESTED -----------------------------------------------------------------------

    @Test
    void callUpdateRequested_digitsFromTheOwner_sendsThemToLegB() {
        Decision decision = flow.decide(event("sma-call-update-requested-digits"));

        SendDigits digits = onlyAction(decision, SendDigits.class);
        assertThat(digits.parameters().callId()).isEqualTo(LEG_B);
        assertThat(digits.parameters().digits()).isEqualTo("1#");
        assertThat(digits.parameters().toneDurationInMilliseconds())
                .isEqualTo(SmaLimits.DEFAULT_TONE_DURATION_MS)
                .isBetween(SmaLimits.MIN_TONE_DURATION_MS, SmaLimits.MAX_TONE_DURATION_MS);
        assertThat(decision.decision()).isEqualTo("send-digits");
    }

    @Test
    void callUpdateRequested_findsLegBByTagNotByPosition() {
        SmaEvent event = event("sma-call-update-requested-digits", e -> {
            var participants = (com.fasterxml.jackson.databind.node.ArrayNode) e.path("CallDetails").path("Participants");
            var legA = participants.remove(0);
            participants.add(legA);
        });

        assertThat(onlyAction(flow.decide(event), SendDigits.class).parameters().callId()).isEqualTo(LEG_B);
    }

    @ParameterizedTest
    @ValueSource(strings = {"someone-else", "", " "})
    void callUpdateRequested_fromSomeoneElse_isRefused(String requester) {
        SmaEvent event = event("sma-call-update-requested-end",
                e -> arguments(e).put(CallArguments.REQUESTER_SUB, requester));

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).isEmpty();
        assertThat(decision.decision()).isEqualTo("refused-not-owner");
        assertThat(meetings.deleted).isEmpty();
    }

    @Test
    void callUpdateRequested_withoutRequester_isRefused() {
        SmaEvent event = event("sma-call-update-requested-digits", e -> arguments(e).remove(CallArguments.REQUESTER_SUB));

        assertThat(flow.decide(event).decision()).isEqualTo("refused-not-owner");
    }

    @Test
    void callUpdateRequested_onACallWithoutOwner_isRefusedEvenWithoutRequester() {
        SmaEvent event = event("sma-call-update-requested-end", e -> {
            attributes(e).remove(CallArguments.OWNER_SUB);
            arguments(e).remove(CallArguments.REQUESTER_SUB);
        });

        assertThat(flow.decide(event).response().actions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12x", "1\r\n", "123456789012345678901234567890123456789012345678901", "E", "½"})
    void callUpdateRequested_invalidDigits_areRefused(String digits) {
        SmaEvent event = event("sma-call-update-requested-digits", e -> arguments(e).put(CallArguments.DIGITS, digits));

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).isEmpty();
        assertThat(decision.decision()).isEqualTo("refused-invalid-digits");
    }

    @Test
    void callUpdateRequested_digitsAreSentUpperCase() {
        SmaEvent event = event("sma-call-update-requested-digits", e -> arguments(e).put(CallArguments.DIGITS, "a,b*#9"));

        assertThat(onlyAction(flow.decide(event), SendDigits.class).parameters().digits()).isEqualTo("A,B*#9");
    }

    @Test
    void callUpdateRequested_digitsBeforeLegBAnswered_areRefused() {
        SmaEvent event = event("sma-call-update-requested-digits",
                e -> ((com.fasterxml.jackson.databind.node.ArrayNode) e.path("CallDetails").path("Participants")).remove(1));

        assertThat(flow.decide(event).decision()).isEqualTo("refused-no-leg-b");
    }

    @Test
    void callUpdateRequested_digitsToADisconnectedLegB_areRefused() {
        SmaEvent event = event("sma-call-update-requested-digits",
                e -> ((ObjectNode) e.path("CallDetails").path("Participants").get(1)).put("Status", "Disconnected"));

        assertThat(flow.decide(event).response().actions()).isEmpty();
    }

    @Test
    void callUpdateRequested_unknownUpdate_isRefused() {
        SmaEvent event = event("sma-call-update-requested-digits", e -> arguments(e).put(CallArguments.UPDATE, "transfer"));

        assertThat(flow.decide(event).decision()).isEqualTo("refused-unknown-update");
    }

    @Test
    void callUpdateRequested_endFromTheOwner_hangsUpBothLegsAndDeletesTheMeeting() {
        Decision decision = flow.decide(event("sma-call-update-requested-end"));

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_B), Hangup.callId(LEG_A));
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
        assertThat(decision.response().transactionAttributes())
                .containsEntry(CallArguments.MEETING_DELETED, "true")
                .containsEntry(CallArguments.OWNER_SUB, OWNER_SUB);
    }

    // --- ACTION_FAILED -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"sma-action-failed-call-not-answered", "sma-action-failed-invalid-action-parameter"})
    void actionFailed_ofTheBridge_hangsUpLegAAndDeletesTheMeeting(String sample) {
        Decision decision = flow.decide(event(sample));

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_A));
        assertThat(decision.decision()).isEqualTo("bridge-failed");
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
        assertThat(decision.response().transactionAttributes()).containsEntry(CallArguments.MEETING_DELETED, "true");
    }

    @Test
    void actionFailed_ofTheBridgeWithAnyErrorType_endsTheCall() {
        SmaEvent event = event("sma-action-failed-call-not-answered",
                e -> ((ObjectNode) e.get("ActionData")).put("ErrorType", "SystemException"));

        assertThat(flow.decide(event).decision()).isEqualTo("bridge-failed");
    }

    @Test
    void actionFailed_ofSendDigits_leavesTheCallUp() {
        SmaEvent event = event("sma-action-failed-call-not-answered",
                e -> ((ObjectNode) e.get("ActionData")).put("Type", SendDigits.TYPE));

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).isEmpty();
        assertThat(meetings.deleted).isEmpty();
    }

    // --- HANGUP --------------------------------------------------------------------------------------

    @Test
    void hangup_ofLegA_hangsUpLegBAndDeletesTheMeeting() {
        Decision decision = flow.decide(event("sma-hangup-leg-a"));

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_B));
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
        assertThat(decision.meeting()).isEqualTo("deleted");
        assertThat(decision.decision()).isEqualTo("hangup-leg-a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sma-hangup-leg-b", "sma-hangup-leg-b-busy"})
    void hangup_ofLegB_hangsUpLegAAndDeletesTheMeeting(String sample) {
        Decision decision = flow.decide(event(sample));

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_A));
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
        assertThat(decision.response().transactionAttributes()).containsEntry(CallArguments.MEETING_DELETED, "true");
    }

    @Test
    void hangup_whenTheOtherLegIsAlreadyGone_hasNothingToHangUp() {
        SmaEvent event = event("sma-hangup-leg-a",
                e -> ((ObjectNode) e.path("CallDetails").path("Participants").get(1)).put("Status", "Disconnected"));

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).isEmpty();
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
    }

    @Test
    void hangup_deletesTheMeetingOnce() {
        Decision first = flow.decide(event("sma-hangup-leg-b"));
        SmaEvent second = event("sma-hangup-leg-a", e -> {
            first.response().transactionAttributes().forEach(attributes(e)::put);
            ((ObjectNode) e.path("CallDetails").path("Participants").get(1)).put("Status", "Disconnected");
        });

        Decision decision = flow.decide(second);

        assertThat(meetings.deleted).containsExactly(MEETING_ID);
        assertThat(decision.meeting()).isEqualTo("already-deleted");
        assertThat(decision.response().transactionAttributes()).isNull();
    }

    @Test
    void hangup_whenTheMeetingIsAlreadyGone_remembersItToo() {
        meetings.answering(MeetingTeardown.Result.ALREADY_GONE);

        Decision decision = flow.decide(event("sma-hangup-leg-b"));

        assertThat(decision.meeting()).isEqualTo("already-gone");
        assertThat(decision.response().transactionAttributes()).containsEntry(CallArguments.MEETING_DELETED, "true");
    }

    @Test
    void hangup_whenDeletingFails_stillHangsUpAndLetsALaterEventRetry() {
        meetings.answering(MeetingTeardown.Result.failed("ServiceFailureException (500)"));

        Decision decision = flow.decide(event("sma-hangup-leg-b"));

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_A));
        assertThat(decision.response().transactionAttributes()).as("MeetingDeleted not set").isNull();
        assertThat(decision.meeting()).isEqualTo("failed");
        assertThat(decision.detail()).isEqualTo("ServiceFailureException (500)");
    }

    @Test
    void hangup_withoutParameters_hangsUpWhatIsStillConnected() {
        SmaEvent event = event("sma-hangup-leg-b", e -> e.remove("ActionData"));

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_A));
        assertThat(decision.decision()).isEqualTo("hangup-unknown-leg");
    }

    @Test
    void hangup_neverSendsAMalformedMeetingIdToAws() {
        SmaEvent event = event("sma-hangup-leg-b", e -> attributes(e).put(CallArguments.MEETING_ID, "../sip-media-applications"));

        Decision decision = flow.decide(event);

        assertThat(meetings.deleted).isEmpty();
        assertThat(decision.meeting()).isEqualTo("none");
    }

    @Test
    void hangup_ofALegWithAStrangeCallId_isDoneByTag() {
        SmaEvent event = event("sma-hangup-leg-b",
                e -> ((ObjectNode) e.path("CallDetails").path("Participants").get(0)).put("CallId", "x".repeat(500)));

        assertThat(flow.decide(event).response().actions())
                .containsExactly(Hangup.leg(com.clicktocall.model.sma.ParticipantTag.LEG_A));
    }

    // --- the rest ------------------------------------------------------------------------------------

    @Test
    void newInboundCall_isRefusedPolitely() {
        Decision decision = flow.decide(event("sma-new-inbound-call"));

        Hangup hangup = onlyAction(decision, Hangup.class);
        assertThat(hangup.parameters().callId()).isEqualTo("3c4d5e6f-7a8b-4c9d-ae0f-1a2b3c4d5e6f");
        assertThat(hangup.parameters().sipResponseCode()).isEqualTo("480");
        assertThat(decision.decision()).isEqualTo("refused-inbound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sma-ringing", "sma-action-successful-call-and-bridge", "sma-action-interrupted",
            "sma-digits-received"})
    void informationalEvents_answerWithNoActions(String sample) {
        Decision decision = flow.decide(event(sample));

        assertThat(decision.response().actions()).isEmpty();
        assertThat(decision.response().transactionAttributes()).isNull();
        assertThat(decision.response().schemaVersion()).isEqualTo("1.0");
        assertThat(meetings.deleted).isEmpty();
    }

    // --- INVALID_LAMBDA_RESPONSE ---------------------------------------------------------------------

    @Test
    void invalidLambdaResponse_hangsUpTheLegWithoutStatus_deletesTheMeeting_andRecordsFailed() {
        Decision decision = flow.decide(event("sma-invalid-lambda-response"));

        Hangup hangup = onlyAction(decision, Hangup.class);
        assertThat(hangup.parameters().callId()).isEqualTo("1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9");
        assertThat(decision.decision()).isEqualTo("ended-after-invalid-response");
        assertThat(meetings.deleted).containsExactly("4a1c7e5b-6f0b-4f58-9c2e-3d7a2f1b0c9e");
        assertThat(ledger.writes).contains("ended 0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f 7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09 failed");
        assertThat(decision.response().transactionAttributes())
                .containsEntry(CallArguments.MEETING_DELETED, "true")
                .hasSizeLessThanOrEqualTo(CallFlow.CALL_ARGUMENT_KEYS.size() + 1);
    }

    @Test
    void invalidLambdaResponse_withoutAttributes_findsTheMeetingThroughTheLedger() {
        SmaEvent event = event("sma-invalid-lambda-response", e -> ((ObjectNode) e.path("CallDetails")).remove("TransactionAttributes"));
        ledger.calls.put("9b9d2c1a-6f3e-4f7a-8c2d-5e4b3a2f1e0d", new CallLedger.KnownCall(
                "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", OWNER_SUB, java.util.Optional.of(MEETING_ID)));

        Decision decision = flow.decide(event);

        assertThat(onlyAction(decision, Hangup.class).parameters().callId()).isEqualTo("1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9");
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
        assertThat(ledger.writes).containsExactly("lookup 9b9d2c1a-6f3e-4f7a-8c2d-5e4b3a2f1e0d",
                "ended 0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f " + OWNER_SUB + " failed");
        assertThat(decision.response().transactionAttributes())
                .containsEntry(CallArguments.MEETING_ID, MEETING_ID).containsEntry(CallArguments.MEETING_DELETED, "true");
    }

    @Test
    void invalidLambdaResponse_ofACallTheLedgerDoesNotKnow_stillHangsUp() {
        SmaEvent event = event("sma-invalid-lambda-response", e -> ((ObjectNode) e.path("CallDetails")).remove("TransactionAttributes"));

        Decision decision = flow.decide(event);

        assertThat(onlyAction(decision, Hangup.class).parameters().callId()).isEqualTo("1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9");
        assertThat(meetings.deleted).isEmpty();
        assertThat(decision.meeting()).isEqualTo("none");
    }

    @Test
    void participantWithoutStatus_countsAsPresent() {
        SmaEvent event = event("sma-hangup-leg-b", e -> {
            for (var participant : e.path("CallDetails").path("Participants")) {
                ((ObjectNode) participant).remove("Status");
            }
        });

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).hasSize(1).first().isInstanceOf(Hangup.class);
        assertThat(((Hangup) decision.response().actions().get(0)).parameters().callId()).isEqualTo(LEG_A);
    }

    @Test
    void unknownEventType_answersWithNoActions() {
        SmaEvent event = event("sma-hangup-leg-a", e -> e.put("InvocationEventType", "SOMETHING_NEW"));

        Decision decision = flow.decide(event);

        assertThat(decision.response().actions()).isEmpty();
        assertThat(decision.decision()).isEqualTo("unknown-event");
        assertThat(meetings.deleted).isEmpty();
    }

    @Test
    void missingCallDetails_answerValidly() {
        for (String sample : SampleEvents.names()) {
            Decision decision = flow.decide(event(sample, e -> e.remove("CallDetails")));

            assertThat(decision.response().schemaVersion()).as(sample).isEqualTo("1.0");
            assertThat(decision.response().actions()).as(sample).hasSizeLessThanOrEqualTo(SmaLimits.MAX_ACTIONS_PER_RESPONSE);
        }
    }

    @Test
    void endAfterError_hangsUpConnectedLegsAndDeletesTheMeeting() {
        Decision decision = flow.endAfterError(event("sma-call-update-requested-digits"));

        assertThat(decision.response().actions()).containsExactly(Hangup.callId(LEG_B), Hangup.callId(LEG_A));
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
        assertThat(decision.decision()).isEqualTo("internal-error");
    }

    @Test
    void endAfterError_ofAnUnidentifiableCall_answersWithNoActions() {
        Decision decision = flow.endAfterError(event("sma-ringing", e -> e.remove("CallDetails")));

        assertThat(decision.response().actions()).isEmpty();
    }

    @Test
    void decisionsShareNothingBetweenEvents() {
        Decision first = flow.decide(event("sma-call-answered"));
        Decision second = flow.decide(event("sma-call-answered-voice-connector"));

        assertThat(first.response().actions()).isNotSameAs(second.response().actions());
        assertThat(onlyAction(first, CallAndBridge.class).parameters().endpoints()).containsExactly(BridgeEndpoint.pstn(PSTN_NUMBER));
    }

    private static <A extends Action> A onlyAction(Decision decision, Class<A> type) {
        List<Action> actions = decision.response().actions();
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0)).isInstanceOf(type);
        return type.cast(actions.get(0));
    }

    // --- the call ledger -----------------------------------------------------------------------------

    @Test
    void theEndingIsRecorded_beforeTheMeetingIsDeleted() {
        List<String> order = new java.util.ArrayList<>();
        CallLedger ledger = new RecordingLedger() {
            @Override
            public Outcome ended(String callId, String ownerSub, com.clicktocall.model.ledger.EndReason reason,
                    java.util.Set<com.clicktocall.model.ledger.EndReason> replaces) {
                order.add("ledger " + reason.wireName());
                return Outcome.WRITTEN;
            }
        };
        MeetingTeardown teardown = meetingId -> {
            order.add("delete " + meetingId);
            return MeetingTeardown.Result.DELETED;
        };

        new CallFlow(SETTINGS, teardown, ledger).decide(event("sma-hangup-leg-b-busy"));

        assertThat(order).containsExactly("ledger busy", "delete " + MEETING_ID);
    }

    @Test
    void aCallThatCallControlDidNotPlace_isNotInTheLedger() {
        Decision decision = flow.decide(event("sma-hangup-leg-b", e -> attributes(e).remove(CallArguments.CALL_ID)));

        assertThat(ledger.writes).isEmpty();
        assertThat(decision.ledger()).isNull();
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
    }

    @Test
    void aRefusedBridge_endsTheCallAsFailed() {
        flow.decide(event("sma-call-answered", e -> attributes(e).put(CallArguments.TO_NUMBER, "not-a-number")));

        assertThat(ledger.writes).containsExactly("ended " + SampleEvents.CALL_ID + " " + OWNER_SUB + " failed");
    }

    // --- the join gate: the far end rings only once the caller is in the meeting --------------------

    private static final java.time.Instant NOW = java.time.Instant.parse("2026-12-07T10:00:00Z");

    private CallFlow flowAt(java.time.Instant now) {
        return new CallFlow(SETTINGS, DialPolicy.defaults(Optional.empty()), meetings, ledger,
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    @Test
    void callAnswered_beforeTheCallerJoined_pausesTheMeetingLeg_andDialsNobody() {
        ledger.caller = CallLedger.Caller.NOT_YET;

        Decision decision = flowAt(NOW).decide(event("sma-call-answered"));

        assertThat(decision.decision()).isEqualTo("waiting-for-caller");
        assertThat(decision.response().actions()).singleElement().isInstanceOfSatisfying(com.clicktocall.model.sma.Pause.class, pause -> {
            assertThat(pause.parameters().callId()).isEqualTo(LEG_A);
            assertThat(pause.parameters().durationInMilliseconds()).as("quick at first").isEqualTo("100");
        });
        assertThat(decision.response().transactionAttributes())
                .containsEntry(CallArguments.CALLER_WAIT_UNTIL, Long.toString(NOW.plusSeconds(20).toEpochMilli()))
                .containsEntry(CallArguments.CALL_ID, SampleEvents.CALL_ID)
                .containsEntry(CallArguments.TO_NUMBER, PSTN_NUMBER);
        assertThat(ledger.writes).containsExactly("caller " + SampleEvents.CALL_ID);
        assertThat(meetings.deleted).isEmpty();
    }

    @Test
    void pauseOver_theCallerJoined_bridges() {
        ledger.caller = CallLedger.Caller.PRESENT;

        Decision decision = flowAt(NOW).decide(event("sma-action-successful-pause"));

        assertThat(decision.response().actions()).singleElement().isInstanceOf(CallAndBridge.class);
        assertThat(ledger.writes).containsExactly("caller " + SampleEvents.CALL_ID,
                "ringing " + SampleEvents.CALL_ID + " " + SampleEvents.TRANSACTION_ID);
    }

    @Test
    void pauseOver_theWaitGoesOnUntilItsDeadline_notFromEachPause() {
        ledger.caller = CallLedger.Caller.NOT_YET;
        long until = NOW.plusSeconds(3).toEpochMilli();

        Decision decision = flowAt(NOW).decide(event("sma-action-successful-pause",
                e -> attributes(e).put(CallArguments.CALLER_WAIT_UNTIL, Long.toString(until))));

        assertThat(decision.response().transactionAttributes()).containsEntry(CallArguments.CALLER_WAIT_UNTIL, Long.toString(until));
        assertThat(decision.response().actions()).singleElement().isInstanceOfSatisfying(com.clicktocall.model.sma.Pause.class,
                pause -> assertThat(pause.parameters().durationInMilliseconds()).as("17 s into the wait").isEqualTo("500"));
    }

    @Test
    void theLastWait_endsAtTheDeadline() {
        ledger.caller = CallLedger.Caller.NOT_YET;

        Decision decision = flowAt(NOW).decide(event("sma-action-successful-pause",
                e -> attributes(e).put(CallArguments.CALLER_WAIT_UNTIL, Long.toString(NOW.toEpochMilli() + 70))));

        assertThat(decision.response().actions()).singleElement().isInstanceOfSatisfying(com.clicktocall.model.sma.Pause.class,
                pause -> assertThat(pause.parameters().durationInMilliseconds()).isEqualTo("70"));
    }

    @Test
    void aGuardsEnd_keepsTheReasonItRecorded() {
        Decision decision = flow.decide(event("sma-call-update-requested-end",
                e -> arguments(e).put(CallArguments.END_REASON, "caller-left")));

        assertThat(decision.decision()).isEqualTo("ended-by-guard");
        assertThat(decision.response().actions()).hasSize(2).allSatisfy(a -> assertThat(a).isInstanceOf(Hangup.class));
        assertThat(ledger.writes).containsExactly("ended " + SampleEvents.CALL_ID + " " + OWNER_SUB + " caller-left");
    }

    @Test
    void callerNeverJoined_theCallEndsUnplaced_asCallerNeverJoined() {
        ledger.caller = CallLedger.Caller.NOT_YET;

        Decision decision = flowAt(NOW).decide(event("sma-action-successful-pause",
                e -> attributes(e).put(CallArguments.CALLER_WAIT_UNTIL, Long.toString(NOW.toEpochMilli()))));

        assertThat(decision.decision()).isEqualTo("caller-never-joined");
        assertThat(decision.response().actions()).allSatisfy(a -> assertThat(a).isInstanceOf(Hangup.class)).isNotEmpty();
        assertThat(ledger.writes).contains("ended " + SampleEvents.CALL_ID + " " + OWNER_SUB + " caller-never-joined");
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
    }

    @Test
    void ledgerUnreadable_untilTheDeadline_theCallEndsAsFailed_neverBridged() {
        ledger.caller = CallLedger.Caller.UNKNOWN;

        Decision waiting = flowAt(NOW).decide(event("sma-call-answered"));
        Decision ended = flowAt(NOW.plusSeconds(20)).decide(event("sma-action-successful-pause",
                e -> attributes(e).put(CallArguments.CALLER_WAIT_UNTIL, Long.toString(NOW.plusSeconds(20).toEpochMilli()))));

        assertThat(waiting.response().actions()).singleElement().isInstanceOf(com.clicktocall.model.sma.Pause.class);
        assertThat(waiting.detail()).isEqualTo("ledger-unavailable");
        assertThat(ended.decision()).isEqualTo("caller-unconfirmed");
        assertThat(ledger.writes).contains("ended " + SampleEvents.CALL_ID + " " + OWNER_SUB + " failed")
                .noneMatch(w -> w.startsWith("ringing"));
    }

    @Test
    void callerLeftBeforeTheBridge_endsTheCallAsCallerLeft() {
        ledger.caller = CallLedger.Caller.GONE;

        Decision decision = flowAt(NOW).decide(event("sma-call-answered"));

        assertThat(decision.decision()).isEqualTo("caller-left");
        assertThat(ledger.writes).contains("ended " + SampleEvents.CALL_ID + " " + OWNER_SUB + " caller-left");
        assertThat(meetings.deleted).containsExactly(MEETING_ID);
    }

    @Test
    void callAlreadyEndedByAnotherWriter_tearsDown_withoutDialling() {
        ledger.caller = CallLedger.Caller.CALL_ENDED;

        Decision decision = flowAt(NOW).decide(event("sma-call-answered"));

        assertThat(decision.decision()).isEqualTo("call-already-ended");
        assertThat(decision.response().actions()).noneMatch(a -> a instanceof CallAndBridge);
    }

    @Test
    void anUpdateInterruptingTheWait_doesNotStopIt() {
        ledger.caller = CallLedger.Caller.NOT_YET;
        long until = NOW.plusSeconds(10).toEpochMilli();

        Decision decision = flowAt(NOW).decide(event("sma-call-update-requested-digits", e -> {
            attributes(e).put(CallArguments.CALLER_WAIT_UNTIL, Long.toString(until));
            ((com.fasterxml.jackson.databind.node.ArrayNode) e.path("CallDetails").path("Participants")).remove(1);
        }));

        assertThat(decision.response().actions()).singleElement().isInstanceOf(com.clicktocall.model.sma.Pause.class);
        assertThat(decision.detail()).isEqualTo("after refused-no-leg-b");
    }

    @Test
    void theOwnersEnd_replacesCallerLeft_aLegsHangupDoesNot() {
        flow.decide(event("sma-call-update-requested-end"));
        flow.decide(event("sma-hangup-leg-a"));

        assertThat(ledger.writes).containsSubsequence(
                "ended " + SampleEvents.CALL_ID + " " + OWNER_SUB + " caller-hung-up replacing [CALLER_LEFT]",
                "ended " + SampleEvents.CALL_ID + " " + OWNER_SUB + " caller-hung-up");
        assertThat(ledger.writes.get(ledger.writes.size() - 1)).doesNotContain("replacing");
    }

    @Test
    void aMalformedWaitDeadline_startsAFreshOne_neverAnEndlessWait() {
        ledger.caller = CallLedger.Caller.NOT_YET;

        for (String hostile : List.of("soon", "", "9".repeat(400), "-1e9")) {
            Decision decision = flowAt(NOW).decide(event("sma-action-successful-pause",
                    e -> attributes(e).put(CallArguments.CALLER_WAIT_UNTIL, hostile)));

            assertThat(decision.response().actions()).as(hostile).noneMatch(a -> a instanceof CallAndBridge);
            assertThat(decision.response().transactionAttributes()).as(hostile)
                    .containsEntry(CallArguments.CALLER_WAIT_UNTIL, Long.toString(NOW.plusSeconds(20).toEpochMilli()));
        }
    }

    @Test
    void anEndWithAnUnknownReason_isTheOwnersOwnHangUp() {
        Decision decision = flow.decide(event("sma-call-update-requested-end",
                e -> arguments(e).put(CallArguments.END_REASON, "<script>x</script>")));

        assertThat(decision.decision()).isEqualTo("ended-by-owner");
        assertThat(ledger.writes).containsExactly("ended " + SampleEvents.CALL_ID + " " + OWNER_SUB + " caller-hung-up replacing [CALLER_LEFT]");
    }
}
