package com.clicktocall.localstack.sma;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.model.sma.ParticipantTag;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionRulesTest {

    static final String VC_ARN = "arn:aws:chime:us-east-1:111122223333:vc/abc123";
    final ActionRules rules = new ActionRules(Set.of("+12065550100"), Set.of(VC_ARN));

    /** LEG-A connected as call-a; LEG-B connected as call-b when {@code bridged}. */
    record View(boolean bridged) implements ActionRules.CallView {
        @Override
        public Optional<ParticipantTag> tagOf(String callId) {
            return switch (callId) {
                case "call-a" -> Optional.of(ParticipantTag.LEG_A);
                case "call-b" -> bridged ? Optional.of(ParticipantTag.LEG_B) : Optional.empty();
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<String> callIdOf(ParticipantTag tag) {
            return tag == ParticipantTag.LEG_A ? Optional.of("call-a") : tag == ParticipantTag.LEG_B && bridged ? Optional.of("call-b") : Optional.empty();
        }

        @Override
        public boolean connected(ParticipantTag tag) {
            return tag == ParticipantTag.LEG_A || (tag == ParticipantTag.LEG_B && bridged);
        }

        @Override
        public String legAFrom() {
            return "+12065550100";
        }
    }

    static JsonNode json(String text) throws Exception {
        return Exchange.JSON.readTree(text.replace('\'', '"'));
    }

    static String bridge(String endpoint) {
        return "{'Type':'CallAndBridge','Parameters':{'CallTimeoutSeconds':30,'CallerIdNumber':'+12065550100','Endpoints':[" + endpoint
                + "],'SipHeaders':{'X-RequestorEmail':'a@example.com'}}}";
    }

    ActionRules.Checked check(String action, boolean bridged) throws Exception {
        return rules.check(json(action), new View(bridged));
    }

    String failure(String action) throws Exception {
        ActionRules.Checked checked = check(action, false);
        assertThat(checked).isInstanceOf(ActionRules.Failed.class);
        return ((ActionRules.Failed) checked).errorType() + ": " + ((ActionRules.Failed) checked).errorMessage();
    }

    @Test
    void callAndBridgeToTheVoiceConnector_isReadWithItsHeaders() throws Exception {
        ActionRules.Checked checked = check(bridge("{'BridgeEndpointType':'AWS','Uri':'+12065550199','Arn':'" + VC_ARN + "'}"), false);

        assertThat(checked).isEqualTo(new ActionRules.Bridge(30, "+12065550100", "AWS", "+12065550199", VC_ARN,
                java.util.Map.of("X-RequestorEmail", "a@example.com")));
    }

    @Test
    void callAndBridge_refusedAsTheServiceRefusesIt() throws Exception {
        assertThat(failure(bridge("{'BridgeEndpointType':'PSTN','Uri':'+12065550123','Arn':'" + VC_ARN + "'}")))
                .startsWith("InvalidActionParameter").contains("Arn is not allowed");
        assertThat(failure(bridge("{'BridgeEndpointType':'AWS','Uri':'+12065550199'}"))).contains("Arn is required");
        assertThat(failure(bridge("{'BridgeEndpointType':'AWS','Uri':'+12065550199','Arn':'arn:aws:chime:us-east-1:111122223333:vc/other'}")))
                .contains("unknown Voice Connector");
        assertThat(failure(bridge("{'BridgeEndpointType':'PSTN','Uri':'12065550123'}"))).contains("not an E.164 number");
        assertThat(failure(bridge("{'BridgeEndpointType':'PSTN','Uri':'+12065550123'},{'BridgeEndpointType':'PSTN','Uri':'+12065550124'}")))
                .contains("exactly one endpoint");
        assertThat(failure(bridge("{'BridgeEndpointType':'SIP','Uri':'+12065550123'}"))).contains("PSTN or AWS");
        assertThat(failure(bridge("{'BridgeEndpointType':'PSTN','Uri':'+12065550123'}").replace("30", "121"))).contains("CallTimeoutSeconds");
        assertThat(failure(bridge("{'BridgeEndpointType':'PSTN','Uri':'+12065550123'}").replace("30", "0"))).contains("CallTimeoutSeconds");
        assertThat(failure(bridge("{'BridgeEndpointType':'PSTN','Uri':'+12065550123'}").replace("'CallerIdNumber':'+12065550100'",
                "'CallerIdNumber':'+19005550100'"))).contains("CallerIdNumber");
        assertThat(failure(bridge("{'BridgeEndpointType':'PSTN','Uri':'+12065550123'}").replace("X-RequestorEmail", "X-Amzn-Trace")))
                .contains("not allowed");
        assertThat(failure(bridge("{'BridgeEndpointType':'PSTN','Uri':'+12065550123'}").replace("X-RequestorEmail", "Contact")))
                .contains("not allowed");
    }

    @Test
    void callerIdMayBeTheFromOfLegA() throws Exception {
        ActionRules foreign = new ActionRules(Set.of("+12065550111"), Set.of());

        assertThat(foreign.check(json(bridge("{'BridgeEndpointType':'PSTN','Uri':'+12065550123'}")), new View(false)))
                .isInstanceOf(ActionRules.Bridge.class);
    }

    @Test
    void sendDigits_needsAConnectedCallIdAndDtmfDigits() throws Exception {
        assertThat(check("{'Type':'SendDigits','Parameters':{'CallId':'call-b','Digits':'12#*A,','ToneDurationInMilliseconds':100}}", true))
                .isEqualTo(new ActionRules.Digits(ParticipantTag.LEG_B, "call-b", "12#*A,", 100));
        assertThat(failure("{'Type':'SendDigits','Parameters':{'CallId':'call-b','Digits':'12'}}")).contains("not a connected participant");
        assertThat(failure("{'Type':'SendDigits','Parameters':{'CallId':'call-a','Digits':'12x'}}")).contains("not a DTMF digit");
        assertThat(failure("{'Type':'SendDigits','Parameters':{'CallId':'call-a','Digits':'12','ToneDurationInMilliseconds':40}}"))
                .contains("ToneDurationInMilliseconds");
        assertThat(failure("{'Type':'SendDigits','Parameters':{'CallId':'call-a','Digits':'" + "1".repeat(51) + "'}}")).contains("50");
    }

    @Test
    void hangup_byTagOrCallId_withTheAllowedCodes() throws Exception {
        assertThat(check("{'Type':'Hangup','Parameters':{'ParticipantTag':'LEG-B','SipResponseCode':'486'}}", true))
                .isEqualTo(new ActionRules.HangupLeg(ParticipantTag.LEG_B, "call-b", "486"));
        assertThat(check("{'Type':'Hangup','Parameters':{'CallId':'call-a'}}", true))
                .isEqualTo(new ActionRules.HangupLeg(ParticipantTag.LEG_A, "call-a", "0"));
        assertThat(failure("{'Type':'Hangup','Parameters':{'ParticipantTag':'LEG-A','SipResponseCode':'404'}}")).contains("0, 480 or 486");
        assertThat(failure("{'Type':'Hangup','Parameters':{'ParticipantTag':'LEG-B'}}")).contains("not a participant");
    }

    @Test
    void pause_byCallIdOrTag_withAPositiveIntegerDuration() throws Exception {
        assertThat(check("{'Type':'Pause','Parameters':{'CallId':'call-a','DurationInMilliseconds':'500'}}", false))
                .isEqualTo(new ActionRules.PauseLeg(ParticipantTag.LEG_A, "call-a", 500));
        assertThat(check("{'Type':'Pause','Parameters':{'CallId':'call-b','ParticipantTag':'LEG-A','DurationInMilliseconds':250}}", true))
                .as("ParticipantTag is ignored when CallId is given")
                .isEqualTo(new ActionRules.PauseLeg(ParticipantTag.LEG_B, "call-b", 250));
        assertThat(check("{'Type':'Pause','Parameters':{'ParticipantTag':'LEG-B','DurationInMilliseconds':'3000'}}", true))
                .isEqualTo(new ActionRules.PauseLeg(ParticipantTag.LEG_B, "call-b", 3000));
        assertThat(check("{'Type':'Pause','Parameters':{'DurationInMilliseconds':'1'}}", false))
                .as("without CallId or ParticipantTag: the invoked leg")
                .isEqualTo(new ActionRules.PauseLeg(ParticipantTag.LEG_A, "call-a", 1));
    }

    @Test
    void pause_refusedAsTheServiceRefusesIt() throws Exception {
        assertThat(failure("{'Type':'Pause','Parameters':{'CallId':'call-a'}}")).startsWith("InvalidActionParameter")
                .contains("DurationInMilliseconds is required");
        assertThat(failure("{'Type':'Pause','Parameters':{'CallId':'call-a','DurationInMilliseconds':'0'}}")).contains(">0");
        assertThat(failure("{'Type':'Pause','Parameters':{'CallId':'call-a','DurationInMilliseconds':'-5'}}")).contains(">0");
        assertThat(failure("{'Type':'Pause','Parameters':{'CallId':'call-a','DurationInMilliseconds':'half a second'}}")).contains(">0");
        assertThat(failure("{'Type':'Pause','Parameters':{'CallId':'call-a','DurationInMilliseconds':500.5}}")).contains("integer");
        assertThat(failure("{'Type':'Pause','Parameters':{'CallId':'call-x','DurationInMilliseconds':'500'}}")).contains("not a participant");
        assertThat(failure("{'Type':'Pause','Parameters':{'ParticipantTag':'LEG-B','DurationInMilliseconds':'500'}}"))
                .contains("not a participant");
        assertThat(failure("{'Type':'Pause','Parameters':{'ParticipantTag':'LEG-C','DurationInMilliseconds':'500'}}"))
                .contains("not a participant");
        assertThat(ActionRules.known("Pause")).isTrue();
    }

    @Test
    void actionsWithoutMedia_failAsSystemException_unknownTypesAsInvalid() throws Exception {
        assertThat(failure("{'Type':'PlayAudio','Parameters':{}}")).startsWith("SystemException");
        assertThat(failure("{'Type':'Teleport','Parameters':{}}")).startsWith("InvalidActionParameter").contains("unknown action type");
        assertThat(ActionRules.known("Teleport")).isFalse();
        assertThat(ActionRules.known("JoinChimeMeeting")).isTrue();
    }
}
