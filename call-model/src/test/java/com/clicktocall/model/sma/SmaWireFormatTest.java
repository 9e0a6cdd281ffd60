package com.clicktocall.model.sma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmaWireFormatTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void event_readsEveryDocumentedFieldAndIgnoresUnknownOnes() throws Exception {
        String event = """
                {"SchemaVersion":"1.0","Sequence":3,"InvocationEventType":"HANGUP","NewField":{"x":1},
                 "ActionData":{"Type":"Hangup","Parameters":{"SipResponseCode":"486","CallId":"b-1","ParticipantTag":"LEG-B"}},
                 "CallDetails":{"TransactionId":"tx-1","TransactionAttributes":{"MeetingId":"m-1"},"AwsAccountId":"111122223333",
                   "AwsRegion":"us-east-1","SipMediaApplicationId":"sma-1","Extra":true,
                   "Participants":[
                     {"CallId":"b-1","ParticipantTag":"LEG-B","To":"+12065550100","From":"+17035550111","Direction":"Outbound",
                      "StartTimeInMilliseconds":"1700000000000","Status":"Disconnected","Unknown":"x"},
                     {"CallId":"a-1","ParticipantTag":"LEG-A","To":"+17035550122","From":"SMA","Direction":"Outbound",
                      "StartTimeInMilliseconds":"1700000000000","Status":"Connected","SipHeaders":{"X-Foo":"bar"}}]}}
                """;
        SmaEvent parsed = json.readValue(event, SmaEvent.class);

        assertThat(parsed.invocationEventType()).isEqualTo(InvocationEventType.HANGUP);
        assertThat(parsed.sequence()).isEqualTo(3);
        assertThat(parsed.transactionId()).isEqualTo("tx-1");
        assertThat(parsed.actionData().parameters().sipResponseCode()).isEqualTo("486");
        assertThat(parsed.actionData().parameters().participantTag()).isEqualTo(ParticipantTag.LEG_B);
        assertThat(parsed.callDetails().attributes()).containsEntry(CallArguments.MEETING_ID, "m-1");
        // legs found by tag, not by position
        assertThat(parsed.callDetails().leg(ParticipantTag.LEG_A)).hasValueSatisfying(a -> {
            assertThat(a.callId()).isEqualTo("a-1");
            assertThat(a.from()).isEqualTo("SMA");
            assertThat(a.connected()).isTrue();
            assertThat(a.sipHeaders()).containsEntry("X-Foo", "bar");
        });
        assertThat(parsed.callDetails().leg(ParticipantTag.LEG_B)).hasValueSatisfying(b -> {
            assertThat(b.connected()).isFalse();
            assertThat(b.direction()).isEqualTo(Direction.OUTBOUND);
        });
    }

    @Test
    void unknownEnumValues_readAsUnknown() throws Exception {
        SmaEvent parsed = json.readValue("""
                {"InvocationEventType":"SOMETHING_NEW","CallDetails":{"Participants":[
                  {"ParticipantTag":"LEG-C","Direction":"Sideways","Status":"Parked"}]}}""", SmaEvent.class);
        assertThat(parsed.invocationEventType()).isEqualTo(InvocationEventType.UNKNOWN);
        Participant p = parsed.callDetails().participants().get(0);
        assertThat(p.participantTag()).isEqualTo(ParticipantTag.UNKNOWN);
        assertThat(p.direction()).isEqualTo(Direction.UNKNOWN);
        assertThat(p.status()).isEqualTo(CallStatus.UNKNOWN);
    }

    @Test
    void missingPartsAreSafeToAskFor() throws Exception {
        SmaEvent parsed = json.readValue("{}", SmaEvent.class);
        assertThat(parsed.transactionId()).isNull();
        CallDetails noParticipants = new CallDetails("t", null, null, null, null, null, null);
        assertThat(noParticipants.leg(ParticipantTag.LEG_A)).isEmpty();
        assertThat(noParticipants.attributes()).isEmpty();
        CallDetails nullParticipant = new CallDetails("t", null, null, null, null, null, Collections.singletonList(null));
        assertThat(nullParticipant.leg(ParticipantTag.LEG_B)).isEmpty();
        ActionData noParameters = new ActionData("CallUpdateRequest", null, null, null);
        assertThat(noParameters.arguments()).isEmpty();
    }

    @Test
    void response_writesActionsAsTheSmaExpects() throws Exception {
        SmaResponse response = SmaResponse.of(List.of(
                CallAndBridge.to(BridgeEndpoint.voiceConnector("+17035550199", "arn:aws:chime:us-east-1:111122223333:vc/abc"),
                        "+17035550111", 30, Map.of("X-RequestorEmail", "alice@example.com")),
                SendDigits.to("b-1", "12a#", 250),
                Hangup.leg(ParticipantTag.LEG_B)), Map.of(CallArguments.MEETING_ID, "m-1"));

        JsonNode tree = json.readTree(json.writeValueAsString(response));

        assertThat(tree.get("SchemaVersion").asText()).isEqualTo("1.0");
        JsonNode bridge = tree.get("Actions").get(0);
        assertThat(bridge.get("Type").asText()).isEqualTo("CallAndBridge");
        assertThat(bridge.at("/Parameters/CallTimeoutSeconds").asInt()).isEqualTo(30);
        assertThat(bridge.at("/Parameters/CallerIdNumber").asText()).isEqualTo("+17035550111");
        assertThat(bridge.at("/Parameters/Endpoints/0/BridgeEndpointType").asText()).isEqualTo("AWS");
        assertThat(bridge.at("/Parameters/Endpoints/0/Uri").asText()).isEqualTo("+17035550199");
        assertThat(bridge.at("/Parameters/Endpoints/0/Arn").asText()).startsWith("arn:aws:chime:");
        assertThat(bridge.at("/Parameters/SipHeaders/X-RequestorEmail").asText()).isEqualTo("alice@example.com");
        JsonNode digits = tree.get("Actions").get(1);
        assertThat(digits.get("Type").asText()).isEqualTo("SendDigits");
        assertThat(digits.at("/Parameters/Digits").asText()).isEqualTo("12A#");
        assertThat(digits.at("/Parameters/ToneDurationInMilliseconds").asInt()).isEqualTo(250);
        JsonNode hangup = tree.get("Actions").get(2);
        assertThat(hangup.at("/Parameters/ParticipantTag").asText()).isEqualTo("LEG-B");
        assertThat(hangup.at("/Parameters/SipResponseCode").asText()).isEqualTo("0");
        assertThat(hangup.at("/Parameters").has("CallId")).isFalse();
        assertThat(tree.at("/TransactionAttributes/MeetingId").asText()).isEqualTo("m-1");
    }

    @Test
    void pstnEndpoint_hasNoArn_andNullPartsAreOmitted() throws Exception {
        SmaResponse response = SmaResponse.of(List.of(
                CallAndBridge.to(BridgeEndpoint.pstn("+12065550100"), "+17035550111", 45, Map.of())));
        JsonNode tree = json.readTree(json.writeValueAsString(response));
        assertThat(tree.at("/Actions/0/Parameters/Endpoints/0").has("Arn")).isFalse();
        assertThat(tree.at("/Actions/0/Parameters").has("SipHeaders")).isFalse();
        assertThat(tree.has("TransactionAttributes")).isFalse();
        assertThat(json.writeValueAsString(SmaResponse.noActions())).isEqualTo("{\"SchemaVersion\":\"1.0\",\"Actions\":[]}");
    }

    @Test
    void actionFactories_refuseValuesTheSmaWouldReject() {
        assertThatThrownBy(() -> CallAndBridge.to(BridgeEndpoint.pstn("+12065550100"), "+1", 0, Map.of()))
                .hasMessageContaining("CallTimeoutSeconds");
        assertThatThrownBy(() -> CallAndBridge.to(BridgeEndpoint.pstn("+12065550100"), "+1", 121, Map.of()))
                .hasMessageContaining("CallTimeoutSeconds");
        assertThatThrownBy(() -> SendDigits.to("b", "12", 49)).hasMessageContaining("ToneDurationInMilliseconds");
        assertThatThrownBy(() -> SendDigits.to("b", "12", 24_001)).hasMessageContaining("ToneDurationInMilliseconds");
        assertThatThrownBy(() -> SendDigits.to("b", "1\r\n", 250)).isInstanceOf(IllegalArgumentException.class);
        List<Action> eleven = Collections.nCopies(11, Hangup.leg(ParticipantTag.LEG_A));
        assertThatThrownBy(() -> SmaResponse.of(eleven)).hasMessageContaining("at most 10");
    }

    @Test
    void participantTag_otherLeg() {
        assertThat(ParticipantTag.LEG_A.other()).isEqualTo(ParticipantTag.LEG_B);
        assertThat(ParticipantTag.LEG_B.other()).isEqualTo(ParticipantTag.LEG_A);
        assertThat(ParticipantTag.fromWire("LEG-B")).isEqualTo(ParticipantTag.LEG_B);
    }

    @Test
    void updateKind_readsOnlyItsWireNames() {
        assertThat(UpdateKind.fromWire("digits")).contains(UpdateKind.DIGITS);
        assertThat(UpdateKind.fromWire("end")).contains(UpdateKind.END);
        assertThat(UpdateKind.fromWire("END")).isEmpty();
        assertThat(UpdateKind.fromWire(null)).isEmpty();
    }
}
