package com.clicktocall.localstack.sma;

import com.clicktocall.model.dial.DtmfDigits;
import com.clicktocall.model.sip.SipHeaders;
import com.clicktocall.model.sma.BridgeEndpoint;
import com.clicktocall.model.sma.CallAndBridge;
import com.clicktocall.model.sma.Hangup;
import com.clicktocall.model.sma.ParticipantTag;
import com.clicktocall.model.sma.Pause;
import com.clicktocall.model.sma.SendDigits;
import com.clicktocall.model.sma.SmaLimits;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one returned action as the PSTN Audio service does, and reads it into what the engine executes.
 * A problem becomes {@code ACTION_FAILED} with {@code InvalidActionParameter}; an action the stack does
 * not emulate fails with {@code SystemException}.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/call-and-bridge.html">CallAndBridge</a>
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/send-digits.html">SendDigits</a>
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/hangup.html">Hangup</a>
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/pause.html">Pause</a>
 */
public final class ActionRules {

    public static final String INVALID_ACTION_PARAMETER = "InvalidActionParameter";
    public static final String SYSTEM_EXCEPTION = "SystemException";

    /** Real PSTN Audio actions that the local stack does not emulate (there is no media). */
    static final Set<String> NOT_EMULATED = Set.of("PlayAudio", "PlayAudioAndGetDigits", "ReceiveDigits", "RecordAudio",
            "JoinChimeMeeting", "ModifyChimeMeetingAttendees", "StartBotConversation", "Speak",
            "SpeakAndGetDigits", "StartCallRecording", "StopCallRecording", "PauseCallRecording", "ResumeCallRecording",
            "VoiceFocus", "StartVoiceToneAnalysis", "StopVoiceToneAnalysis", "StartSpeakerSearchTask",
            "StopSpeakerSearchTask", "CallUpdateRequest");

    /** E.164 with the leading +, as a PSTN bridge endpoint needs. */
    private static final Pattern PSTN_URI = Pattern.compile("^\\+[1-9]\\d{1,14}$");
    private static final Pattern VOICE_CONNECTOR_ARN = Pattern.compile("^arn:aws:chime:[a-z0-9-]+:\\d{12}:vc/[A-Za-z0-9-]+$");
    private static final Set<String> HANGUP_CODES = Set.of("0", "480", "486");

    /** What the rules need to know about the call. */
    public interface CallView {
        Optional<ParticipantTag> tagOf(String callId);

        Optional<String> callIdOf(ParticipantTag tag);

        boolean connected(ParticipantTag tag);

        String legAFrom();
    }

    /** The outcome of checking one action. */
    public sealed interface Checked {
    }

    public record Bridge(int timeoutSeconds, String callerIdNumber, String endpointType, String uri, String arn,
            Map<String, String> sipHeaders) implements Checked {
    }

    public record Digits(ParticipantTag leg, String callId, String digits, int toneDurationMs) implements Checked {
    }

    public record HangupLeg(ParticipantTag leg, String callId, String sipResponseCode) implements Checked {
    }

    /** Waits {@code durationMs} on a connected leg, then the list goes on. */
    public record PauseLeg(ParticipantTag leg, String callId, long durationMs) implements Checked {
    }

    public record Failed(String errorType, String errorMessage) implements Checked {
    }

    private final Set<String> ownedNumbers;
    private final Set<String> voiceConnectorArns;

    public ActionRules(Set<String> ownedNumbers, Set<String> voiceConnectorArns) {
        this.ownedNumbers = Set.copyOf(ownedNumbers);
        this.voiceConnectorArns = Set.copyOf(voiceConnectorArns);
    }

    /** Whether {@code type} names an action the service knows. */
    public static boolean known(String type) {
        return CallAndBridge.TYPE.equals(type) || SendDigits.TYPE.equals(type) || Hangup.TYPE.equals(type)
                || Pause.TYPE.equals(type) || NOT_EMULATED.contains(type);
    }

    public Checked check(JsonNode action, CallView call) {
        String type = action.path("Type").asText("");
        JsonNode parameters = action.path("Parameters");
        if (NOT_EMULATED.contains(type)) {
            return new Failed(SYSTEM_EXCEPTION, type + " is not emulated by the local stack (it has no media service)");
        }
        if (!parameters.isMissingNode() && !parameters.isNull() && !parameters.isObject()) {
            return invalid("Parameters must be an object");
        }
        return switch (type) {
            case CallAndBridge.TYPE -> checkCallAndBridge(parameters, call);
            case SendDigits.TYPE -> checkSendDigits(parameters, call);
            case Hangup.TYPE -> checkHangup(parameters, call);
            case Pause.TYPE -> checkPause(parameters, call);
            default -> invalid("unknown action type '" + type + "'");
        };
    }

    private Checked checkCallAndBridge(JsonNode p, CallView call) {
        if (!call.connected(ParticipantTag.LEG_A)) {
            return invalid("CallAndBridge needs a connected LEG-A");
        }
        if (call.callIdOf(ParticipantTag.LEG_B).isPresent() && call.connected(ParticipantTag.LEG_B)) {
            return invalid("the call is already bridged");
        }
        int timeout = SmaLimits.DEFAULT_CALL_TIMEOUT_SECONDS;
        JsonNode t = p.path("CallTimeoutSeconds");
        if (!t.isMissingNode() && !t.isNull()) {
            if (!t.canConvertToInt() || (!t.isInt() && !t.isTextual())) {
                return invalid("CallTimeoutSeconds must be a number");
            }
            timeout = t.isTextual() ? parseInt(t.asText(), -1) : t.asInt();
            if (timeout < SmaLimits.MIN_CALL_TIMEOUT_SECONDS || timeout > SmaLimits.MAX_CALL_TIMEOUT_SECONDS) {
                return invalid("CallTimeoutSeconds must be " + SmaLimits.MIN_CALL_TIMEOUT_SECONDS + "–"
                        + SmaLimits.MAX_CALL_TIMEOUT_SECONDS + ", was " + t.asText());
            }
        }
        String callerId = p.path("CallerIdNumber").asText(null);
        if (callerId == null || callerId.isBlank()) {
            return invalid("CallerIdNumber is required");
        }
        if (!ownedNumbers.contains(callerId) && !callerId.equals(call.legAFrom())) {
            return invalid("CallerIdNumber " + callerId + " is neither a number of the account nor the From of LEG-A");
        }
        JsonNode endpoints = p.path("Endpoints");
        if (!endpoints.isArray() || endpoints.size() != 1) {
            return invalid("Endpoints must hold exactly one endpoint");
        }
        JsonNode endpoint = endpoints.get(0);
        String endpointType = endpoint.path("BridgeEndpointType").asText("");
        String uri = endpoint.path("Uri").asText(null);
        String arn = endpoint.path("Arn").isMissingNode() || endpoint.path("Arn").isNull() ? null : endpoint.path("Arn").asText();
        if (uri == null || uri.isBlank()) {
            return invalid("Endpoints[0].Uri is required");
        }
        switch (endpointType) {
            case BridgeEndpoint.PSTN -> {
                if (arn != null) {
                    return invalid("Endpoints[0].Arn is not allowed for a PSTN endpoint");
                }
                if (!PSTN_URI.matcher(uri).matches()) {
                    return invalid("Endpoints[0].Uri '" + uri + "' is not an E.164 number");
                }
            }
            case BridgeEndpoint.AWS -> {
                if (arn == null || arn.isBlank()) {
                    return invalid("Endpoints[0].Arn is required for an AWS endpoint (the Voice Connector's ARN)");
                }
                if (!VOICE_CONNECTOR_ARN.matcher(arn).matches()) {
                    return invalid("Endpoints[0].Arn '" + arn + "' is not a Voice Connector ARN");
                }
                if (!voiceConnectorArns.contains(arn)) {
                    return invalid("Endpoints[0].Arn names an unknown Voice Connector: " + arn);
                }
            }
            default -> {
                return invalid("Endpoints[0].BridgeEndpointType must be PSTN or AWS, was '" + endpointType + "'");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = p.path("SipHeaders");
        if (!h.isMissingNode() && !h.isNull()) {
            if (!h.isObject()) {
                return invalid("SipHeaders must be a map of strings");
            }
            var fields = h.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!SipHeaders.isAllowedName(field.getKey())) {
                    return invalid("SIP header '" + field.getKey() + "' is not allowed (x- headers other than x-amzn, x-vc, "
                            + "x-canary, x-voice; User-to-User; Diversion)");
                }
                if (!field.getValue().isTextual()) {
                    return invalid("SIP header " + field.getKey() + " must have a string value");
                }
                String value = field.getValue().asText();
                if (!value.equals(SipHeaders.sanitiseValue(value))) {
                    return invalid("SIP header " + field.getKey() + " has a value that cannot be sent (control characters or too long)");
                }
                headers.put(field.getKey(), value);
            }
        }
        return new Bridge(timeout, callerId, endpointType, uri, arn, headers);
    }

    private Checked checkSendDigits(JsonNode p, CallView call) {
        String callId = p.path("CallId").asText(null);
        if (callId == null || callId.isBlank()) {
            return invalid("CallId is required");
        }
        Optional<ParticipantTag> leg = call.tagOf(callId);
        if (leg.isEmpty() || !call.connected(leg.get())) {
            return invalid("CallId " + callId + " is not a connected participant of the call");
        }
        String digits = p.path("Digits").asText(null);
        Optional<String> problem = DtmfDigits.problem(digits);
        if (problem.isPresent()) {
            return invalid("Digits: " + problem.get());
        }
        if (!digits.equals(digits.toUpperCase(java.util.Locale.ROOT))) {
            return invalid("Digits: A-D must be upper case");
        }
        int tone = SmaLimits.DEFAULT_TONE_DURATION_MS;
        JsonNode t = p.path("ToneDurationInMilliseconds");
        if (!t.isMissingNode() && !t.isNull()) {
            tone = t.isTextual() ? parseInt(t.asText(), -1) : t.canConvertToInt() ? t.asInt() : -1;
            if (tone < SmaLimits.MIN_TONE_DURATION_MS || tone > SmaLimits.MAX_TONE_DURATION_MS) {
                return invalid("ToneDurationInMilliseconds must be " + SmaLimits.MIN_TONE_DURATION_MS + "–"
                        + SmaLimits.MAX_TONE_DURATION_MS + ", was " + t.asText());
            }
        }
        return new Digits(leg.get(), callId, digits, tone);
    }

    /** The leg an action names, or why it names none (then {@code leg} is null). */
    private record NamedLeg(ParticipantTag leg, Failed problem) {
    }

    /**
     * The leg an action names: CallId (a participant of the call) wins over ParticipantTag; with neither, the
     * invoked leg (LEG-A: every call here is the SMA's outbound call).
     */
    private static NamedLeg namedLeg(JsonNode p, CallView call) {
        String callId = p.path("CallId").asText(null);
        String tagText = p.path("ParticipantTag").asText(null);
        if (callId != null && !callId.isBlank()) {
            return call.tagOf(callId).map(leg -> new NamedLeg(leg, null))
                    .orElseGet(() -> new NamedLeg(null, invalid("CallId " + callId + " is not a participant of the call")));
        }
        if (tagText != null) {
            ParticipantTag leg = ParticipantTag.fromWire(tagText);
            if (leg == ParticipantTag.UNKNOWN || call.callIdOf(leg).isEmpty()) {
                return new NamedLeg(null, invalid("ParticipantTag '" + tagText + "' is not a participant of the call"));
            }
            return new NamedLeg(leg, null);
        }
        return new NamedLeg(ParticipantTag.LEG_A, null);
    }

    private Checked checkHangup(JsonNode p, CallView call) {
        NamedLeg named = namedLeg(p, call);
        if (named.problem() != null) {
            return named.problem();
        }
        ParticipantTag leg = named.leg();
        String code = p.path("SipResponseCode").asText(Hangup.NORMAL);
        if (!HANGUP_CODES.contains(code)) {
            return invalid("SipResponseCode must be 0, 480 or 486, was '" + code + "'");
        }
        return new HangupLeg(leg, call.callIdOf(leg).orElseThrow(), code);
    }

    /**
     * The leg as {@link #namedLeg}, connected. DurationInMilliseconds is required, "an integer >0", a string as in the page's
     * example or a JSON integer, as CallTimeoutSeconds is read.
     */
    private Checked checkPause(JsonNode p, CallView call) {
        NamedLeg named = namedLeg(p, call);
        if (named.problem() != null) {
            return named.problem();
        }
        ParticipantTag leg = named.leg();
        if (!call.connected(leg)) {
            return invalid(leg.wireName() + " is not connected");
        }
        JsonNode d = p.path("DurationInMilliseconds");
        if (d.isMissingNode() || d.isNull()) {
            return invalid("DurationInMilliseconds is required");
        }
        long duration;
        if (d.isTextual()) {
            duration = parseLong(d.asText(), -1);
        } else if (d.isIntegralNumber() && d.canConvertToLong()) {
            duration = d.asLong();
        } else {
            return invalid("DurationInMilliseconds must be an integer, was " + d);
        }
        if (duration <= 0) {
            return invalid("DurationInMilliseconds must be an integer >0, was " + d.asText());
        }
        return new PauseLeg(leg, call.callIdOf(leg).orElseThrow(), duration);
    }

    private static long parseLong(String text, long fallback) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int parseInt(String text, int fallback) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Failed invalid(String message) {
        return new Failed(INVALID_ACTION_PARAMETER, message);
    }
}
