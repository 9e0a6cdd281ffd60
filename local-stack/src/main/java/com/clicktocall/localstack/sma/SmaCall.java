package com.clicktocall.localstack.sma;

import com.clicktocall.localstack.chime.Meetings;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.lambda.InvocationResult;
import com.clicktocall.localstack.lambda.UnknownFunctionException;
import com.clicktocall.localstack.sip.InviteRequest;
import com.clicktocall.localstack.sip.SipCall;
import com.clicktocall.localstack.sip.SipCallListener;
import com.clicktocall.localstack.sip.SipTarget;
import com.clicktocall.localstack.web.MeetingEvents;
import com.clicktocall.model.sma.ActionData;
import com.clicktocall.model.sma.BridgeEndpoint;
import com.clicktocall.model.sma.Hangup;
import com.clicktocall.model.sma.InvocationEventType;
import com.clicktocall.model.sma.MeetingDialIn;
import com.clicktocall.model.sma.ParticipantTag;
import com.clicktocall.model.sma.SmaLimits;
import com.clicktocall.model.sma.SmaResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One SMA transaction: the legs, the stored transaction attributes, the pending actions, and the
 * sequence of events sent to the handler. Everything that changes the call runs on the call's own
 * serial executor, so events reach the handler one at a time and in order, as the service sends them.
 */
final class SmaCall implements ActionRules.CallView, SmaEngine.RoutedCall {

    /** One leg of the call. */
    static final class Leg {
        final ParticipantTag tag;
        final String callId = UUID.randomUUID().toString();
        final String to;
        final String from;
        final long startMillis = System.currentTimeMillis();
        boolean answered;
        boolean connected;
        boolean ended;
        String meetingId;
        Meetings.Attendee attendee;
        SipCall sip;

        Leg(ParticipantTag tag, String to, String from) {
            this.tag = tag;
            this.to = to;
            this.from = from;
        }
    }

    private static final String INVALID_RESPONSE = "InvalidResponse";
    private static final int MAX_CONSECUTIVE_INVALID = 3;

    private final SmaEngine engine;
    private final SmaSettings settings;
    private final String transactionId = UUID.randomUUID().toString();
    private final CallTimeline timeline = new CallTimeline(transactionId);
    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("sma-call").factory());
    private final Map<String, String> createHeaders;
    private final Map<String, String> createArguments;
    private final Leg legA;
    private Leg legB;
    private int sequence;
    private Map<String, String> attributes;
    private final Deque<JsonNode> pending = new ArrayDeque<>();
    private JsonNode bridgeAction;
    private boolean awaitingBridge;
    private int consecutiveInvalid;
    private volatile boolean ended;
    private volatile boolean callStatusEnded;
    private volatile String meetingId;
    private String endReason;
    private final List<String> sipCallIds = new ArrayList<>(2);

    SmaCall(SmaEngine engine, String from, String to, Map<String, String> sipHeaders, Map<String, String> arguments) {
        this.engine = engine;
        this.settings = engine.settings();
        this.createHeaders = Map.copyOf(sipHeaders);
        this.createArguments = Map.copyOf(arguments);
        this.legA = new Leg(ParticipantTag.LEG_A, to, from);
        this.meetingId = header(MeetingDialIn.MEETING_ID_HEADER);
    }

    String transactionId() {
        return transactionId;
    }

    @Override
    public CallTimeline timeline() {
        return timeline;
    }

    boolean ended() {
        return ended;
    }

    @Override
    public String meetingId() {
        return meetingId;
    }

    /** The SIP Call-IDs of the call's legs; changed under the engine's lock. */
    List<String> sipCallIds() {
        return sipCallIds;
    }

    // ---------------------------------------------------------------- what arrives from outside

    void start() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("From", legA.from);
        detail.put("To", legA.to);
        detail.put("SipHeaders", redacted(createHeaders));
        detail.put("ArgumentsMap", createArguments);
        timeline.add("api", "CreateSipMediaApplicationCall " + legA.from + " → " + legA.to, detail);
        submit(() -> {
            ObjectNode data = actionData(ActionData.CALL_CREATE_REQUEST, argumentsParameters(createArguments));
            if (deliver(InvocationEventType.NEW_OUTBOUND_CALL, data, null, null).isEmpty()) {
                return;
            }
            pending.clear(); // the service ignores the actions of a NEW_OUTBOUND_CALL response
            dialLegA();
        });
    }

    void update(Map<String, String> arguments) {
        timeline.add("api", "UpdateSipMediaApplicationCall", Map.of("Arguments", arguments));
        submit(() -> {
            deliver(InvocationEventType.CALL_UPDATE_REQUESTED,
                    actionData(ActionData.CALL_UPDATE_REQUEST, argumentsParameters(arguments)), null, null);
            runActions();
        });
    }

    /** The meeting the A leg is in ended, or its phone attendee was removed: the meeting drops the leg. */
    void droppedByMeeting(String why) {
        // before the meeting's own meeting-ended, which closes the browser's event stream
        callStatus("ended", "hangup");
        submit(() -> {
            if (!legA.connected) {
                return;
            }
            timeline.add("meeting", "the meeting dropped LEG-A (" + why + ")", null);
            legA.connected = false;
            legA.ended = true;
            farEndHungUp(legA, "0");
        });
    }

    // ---------------------------------------------------------------- the A leg

    private void dialLegA() {
        if (MeetingDialIn.PHONE_NUMBER.equals(legA.to)) {
            joinMeeting();
        } else {
            SipTarget target = engine.pstnTarget();
            timeline.add("leg", "INVITE " + legA.to + " at " + target + " (LEG-A)", null);
            legA.sip = invite(new InviteRequest(target, legA.from, legA.to, Map.of(),
                    Duration.ofSeconds(SmaLimits.DEFAULT_CALL_TIMEOUT_SECONDS)), legA);
            if (legA.sip == null) {
                legA.ended = true;
                deliverLastHangup(legA, "503");
            }
        }
    }

    private void joinMeeting() {
        String token = header(MeetingDialIn.JOIN_TOKEN_HEADER);
        Optional<Meetings.Attendee> attendee = engine.meetings().join(meetingId, token);
        if (attendee.isEmpty()) {
            timeline.add("meeting", "the meeting refused the call: " + (meetingId == null ? "no " + MeetingDialIn.MEETING_ID_HEADER
                    : engine.meetings().find(meetingId).isEmpty() ? "unknown meeting " + meetingId : "invalid join token"), null);
            legA.ended = true;
            endReason = "failed";
            deliverLastHangup(legA, engine.meetings().find(meetingId).isEmpty() ? "404" : "403");
            return;
        }
        legA.meetingId = meetingId;
        legA.attendee = attendee.get();
        timeline.add("meeting", "phone attendee " + attendee.get().attendeeId() + " joined meeting " + meetingId, null);
        deliver(InvocationEventType.RINGING, null, null, null);
        pending.clear(); // RINGING responses are ignored too
        legA.answered = true;
        legA.connected = true;
        deliver(InvocationEventType.CALL_ANSWERED, null, null, null);
        runActions();
    }

    // ---------------------------------------------------------------- actions

    private void runActions() {
        while (!ended && !pending.isEmpty()) {
            if (awaitingBridge && !Hangup.TYPE.equals(pending.peek().path("Type").asText())) {
                break; // the rest waits for the bridged leg's outcome; a Hangup does not
            }
            JsonNode action = pending.poll();
            ActionRules.Checked checked = engine.rules().check(action, this);
            String type = action.path("Type").asText();
            switch (checked) {
                case ActionRules.Failed failed -> {
                    timeline.add("action", type + " failed: " + failed.errorType() + ": " + failed.errorMessage(), action);
                    pending.clear();
                    deliver(InvocationEventType.ACTION_FAILED, failedActionData(action, failed.errorType(), failed.errorMessage()),
                            null, null);
                }
                case ActionRules.Bridge bridge -> bridge(action, bridge);
                case ActionRules.Digits digits -> {
                    sendDigits(digits);
                    if (pending.isEmpty() && !ended) {
                        deliver(InvocationEventType.ACTION_SUCCESSFUL, actionDataOf(action), null, null);
                    }
                }
                case ActionRules.HangupLeg hangup -> hangUp(hangup);
            }
        }
    }

    private void bridge(JsonNode action, ActionRules.Bridge bridge) {
        boolean viaVoiceConnector = BridgeEndpoint.AWS.equals(bridge.endpointType());
        SipTarget target = viaVoiceConnector ? engine.voiceConnectorTarget() : engine.pstnTarget();
        legB = new Leg(ParticipantTag.LEG_B, bridge.uri(), bridge.callerIdNumber());
        bridgeAction = action;
        awaitingBridge = true;
        timeline.add("action", "CallAndBridge to " + bridge.uri() + (viaVoiceConnector ? " through the Voice Connector" : " (PSTN)")
                + ", ring timeout " + bridge.timeoutSeconds() + " s", action);
        timeline.add("leg", "INVITE " + bridge.uri() + " at " + target, bridge.sipHeaders());
        engine.bridgeStarted(this);
        legB.sip = invite(new InviteRequest(target, bridge.callerIdNumber(), bridge.uri(), bridge.sipHeaders(),
                Duration.ofSeconds(bridge.timeoutSeconds())), legB);
        if (legB.sip == null) {
            awaitingBridge = false;
            legB.ended = true;
            callStatus("ended", "failed");
            deliver(InvocationEventType.ACTION_FAILED, failedActionData(action, ActionRules.SYSTEM_EXCEPTION,
                    "the SIP call could not be placed"), null, null);
        }
    }

    private SipCall invite(InviteRequest request, Leg leg) {
        try {
            SipCall call = engine.sipPhone().invite(request, new LegListener(leg));
            engine.sipCallPlaced(this, call.sipCallId());
            return call;
        } catch (RuntimeException e) {
            timeline.add("error", "INVITE failed: " + e.getMessage(), null);
            return null;
        }
    }

    private void sendDigits(ActionRules.Digits digits) {
        Leg leg = digits.leg() == ParticipantTag.LEG_A ? legA : legB;
        long planned = plannedDurationMs(digits.digits(), digits.toneDurationMs());
        long started = System.nanoTime();
        if (leg.sip != null) {
            timeline.add("leg", "DTMF " + digits.digits() + " to " + leg.tag.wireName() + " (" + digits.toneDurationMs() + " ms tones)",
                    null);
            try {
                leg.sip.sendDigits(digits.digits(), Duration.ofMillis(digits.toneDurationMs()));
            } catch (RuntimeException e) {
                timeline.add("error", "sending digits failed: " + e.getMessage(), null);
            }
        } else {
            timeline.add("meeting", "DTMF " + digits.digits() + " played into the meeting", null);
        }
        long left = planned - (System.nanoTime() - started) / 1_000_000;
        if (left > 0) {
            sleep(left);
        }
    }

    /** How long the tones take: each tone plus an equal gap, half a second per comma. */
    static long plannedDurationMs(String digits, int toneMs) {
        long total = 0;
        for (char c : digits.toCharArray()) {
            total += c == ',' ? 500 : 2L * toneMs;
        }
        return total;
    }

    private void hangUp(ActionRules.HangupLeg hangup) {
        Leg leg = hangup.leg() == ParticipantTag.LEG_A ? legA : legB;
        timeline.add("action", "Hangup " + leg.tag.wireName() + " (SipResponseCode " + hangup.sipResponseCode() + ")", null);
        if (awaitingBridge) {
            // hanging up either leg while LEG-B rings cancels LEG-B
            awaitingBridge = false;
            disconnect(legB);
            callStatus("ended", "hangup");
        }
        disconnect(leg);
        if (leg == legB) {
            callStatus("ended", "hangup");
        }
        Leg other = leg == legA ? legB : legA;
        if (other != null && other.connected) {
            deliver(InvocationEventType.HANGUP, hangupData(leg, hangup.sipResponseCode()), null, null);
        } else {
            deliverLastHangup(leg, hangup.sipResponseCode());
        }
    }

    private void disconnect(Leg leg) {
        if (leg.ended) {
            return;
        }
        leg.connected = false;
        leg.ended = true;
        if (leg.sip != null) {
            timeline.add("leg", (leg.answered ? "BYE" : "CANCEL") + " to " + leg.tag.wireName(), null);
            try {
                leg.sip.hangUp();
            } catch (RuntimeException e) {
                timeline.add("error", "hanging up failed: " + e.getMessage(), null);
            }
        }
        if (leg.attendee != null) {
            timeline.add("meeting", "phone attendee " + leg.attendee.attendeeId() + " left", null);
            engine.meetings().leave(leg.meetingId, leg.attendee.attendeeId());
        }
    }

    // ---------------------------------------------------------------- the far end

    private final class LegListener implements SipCallListener {
        private final Leg leg;

        LegListener(Leg leg) {
            this.leg = leg;
        }

        @Override
        public void ringing() {
            submit(() -> {
                if (leg.ended) {
                    return;
                }
                timeline.add("leg", "ringing: " + leg.tag.wireName(), null);
                if (leg == legB) {
                    callStatus("ringing", null);
                } else {
                    deliver(InvocationEventType.RINGING, null, null, null);
                    pending.clear();
                }
            });
        }

        @Override
        public void answered() {
            submit(() -> {
                if (leg.ended) {
                    return;
                }
                timeline.add("leg", "answered: " + leg.tag.wireName(), null);
                leg.answered = true;
                leg.connected = true;
                if (leg == legB) {
                    awaitingBridge = false;
                    callStatus("connected", null);
                    if (pending.isEmpty()) {
                        deliver(InvocationEventType.ACTION_SUCCESSFUL, actionDataOf(bridgeAction), null, null);
                    }
                } else {
                    deliver(InvocationEventType.CALL_ANSWERED, null, null, null);
                }
                runActions();
            });
        }

        @Override
        public void failed(int sipStatus, String reason) {
            submit(() -> {
                if (leg.ended) {
                    return;
                }
                timeline.add("leg", "failed with " + sipStatus + " " + reason + ": " + leg.tag.wireName(), null);
                leg.ended = true;
                if (leg == legA) {
                    deliverLastHangup(legA, Integer.toString(sipStatus));
                    return;
                }
                awaitingBridge = false;
                if (sipStatus == 408 || sipStatus == 480) {
                    notAnsweredB();
                } else {
                    callStatus("ended", sipStatus == 486 ? "busy" : "failed");
                    deliver(InvocationEventType.HANGUP, hangupData(legB, Integer.toString(sipStatus)), null, null);
                }
                runActions();
            });
        }

        @Override
        public void notAnswered() {
            submit(() -> {
                if (leg.ended) {
                    return;
                }
                timeline.add("leg", "not answered: " + leg.tag.wireName() + " (cancelled)", null);
                leg.ended = true;
                if (leg == legA) {
                    deliverLastHangup(legA, "480");
                    return;
                }
                awaitingBridge = false;
                notAnsweredB();
                runActions();
            });
        }

        @Override
        public void hungUpByFarEnd() {
            submit(() -> {
                if (leg.ended) {
                    return;
                }
                timeline.add("leg", "hung up by the far end: " + leg.tag.wireName(), null);
                leg.connected = false;
                leg.ended = true;
                farEndHungUp(leg, "0");
            });
        }
    }

    private void notAnsweredB() {
        callStatus("ended", "no-answer");
        deliver(InvocationEventType.ACTION_FAILED, failedActionData(bridgeAction, "CallNotAnswered",
                "The called party did not answer within " + bridgeAction.path("Parameters").path("CallTimeoutSeconds").asText("30")
                        + " seconds"), null, null);
    }

    private void farEndHungUp(Leg leg, String code) {
        if (leg == legB) {
            callStatus("ended", "hangup");
        }
        Leg other = leg == legA ? legB : legA;
        if (other != null && other.connected) {
            deliver(InvocationEventType.HANGUP, hangupData(leg, code), null, null);
            runActions();
        } else {
            if (other != null && awaitingBridge) {
                awaitingBridge = false;
                disconnect(other);
                callStatus("ended", "hangup");
            }
            deliverLastHangup(leg, code);
        }
    }

    /** The last connected leg is gone: the handler hears of it, its answer is ignored, and the transaction ends. */
    private void deliverLastHangup(Leg leg, String code) {
        deliver(InvocationEventType.HANGUP, hangupData(leg, code), null, null);
        finish(endReason == null ? "hangup" : endReason);
    }

    // ---------------------------------------------------------------- invoking the handler

    /**
     * Sends one event to the handler (retrying as the service does) and applies a valid response.
     *
     * @return the response, or empty when the call was abandoned
     */
    private Optional<JsonNode> deliver(InvocationEventType type, ObjectNode actionData, String errorType, String errorMessage) {
        if (ended) {
            return Optional.empty();
        }
        if (sequence >= SmaSettings.MAX_INVOCATIONS_PER_CALL) {
            abandon("the handler was invoked " + sequence + " times");
            return Optional.empty();
        }
        ObjectNode event = event(type, actionData, errorType, errorMessage);
        timeline.add("event", type.wireName() + " #" + sequence + summary(actionData, errorType), event);
        Optional<JsonNode> response = invoke(event);
        if (response.isEmpty()) {
            return response;
        }
        Optional<String[]> problem = apply(response.get());
        if (problem.isPresent()) {
            consecutiveInvalid++;
            if (consecutiveInvalid >= MAX_CONSECUTIVE_INVALID) {
                abandon("the handler answered " + consecutiveInvalid + " invalid responses in a row");
                return Optional.empty();
            }
            return deliver(InvocationEventType.INVALID_LAMBDA_RESPONSE, null, problem.get()[0], problem.get()[1]);
        }
        consecutiveInvalid = 0;
        return response;
    }

    private Optional<JsonNode> invoke(ObjectNode event) {
        byte[] payload;
        try {
            payload = Exchange.JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            abandon("cannot write the event: " + e.getMessage());
            return Optional.empty();
        }
        long deadline = System.nanoTime() + settings.hangupAfter().toNanos();
        int errors = 0;
        for (int attempt = 1; ; attempt++) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                abandon("no valid answer from " + settings.handlerFunction() + " within " + settings.hangupAfter().toMillis() + " ms");
                return Optional.empty();
            }
            long started = System.nanoTime();
            try {
                InvocationResult result = engine.lambda().invoke(settings.handlerFunction(), payload)
                        .get(Math.min(settings.invocationTimeout().toMillis(), remaining), TimeUnit.MILLISECONDS);
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                if (result.failed()) {
                    errors++;
                    timeline.add("error", settings.handlerFunction() + " failed after " + tookMs + " ms (attempt " + attempt + "): "
                            + abbreviate(result.payloadText()), null);
                    if (errors >= 2) {
                        abandon(settings.handlerFunction() + " failed twice");
                        return Optional.empty();
                    }
                    continue;
                }
                JsonNode response;
                try {
                    response = Exchange.JSON.readTree(result.payload());
                } catch (IOException e) {
                    response = Exchange.JSON.getNodeFactory().textNode(new String(result.payload(), StandardCharsets.UTF_8));
                }
                timeline.add("response", describe(response) + " in " + tookMs + " ms"
                        + (result.coldStart() ? " (cold start, init " + result.initDurationMs() + " ms)" : ""), response);
                return Optional.of(response == null ? Exchange.JSON.nullNode() : response);
            } catch (TimeoutException e) {
                timeline.add("error", "no answer from " + settings.handlerFunction() + " within "
                        + settings.invocationTimeout().toMillis() + " ms (attempt " + attempt + "): retrying", null);
            } catch (UnknownFunctionException e) {
                abandon("the SMA's handler " + settings.handlerFunction() + " is not deployed");
                return Optional.empty();
            } catch (ExecutionException e) {
                abandon("invocation failed: " + e.getCause());
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon("interrupted");
                return Optional.empty();
            }
        }
    }

    /** Applies a response; returns {ErrorType, ErrorMessage} when it is invalid (nothing is applied then). */
    private Optional<String[]> apply(JsonNode response) {
        if (response == null || !response.isObject()) {
            return invalid(INVALID_RESPONSE, "The response is not a JSON object");
        }
        JsonNode version = response.get("SchemaVersion");
        if (version != null && !version.isNull() && !SmaResponse.SCHEMA_VERSION.equals(version.asText())) {
            return invalid(INVALID_RESPONSE, "SchemaVersion must be " + SmaResponse.SCHEMA_VERSION + ", was " + version);
        }
        JsonNode actions = response.get("Actions");
        if (actions != null && !actions.isNull()) {
            if (!actions.isArray()) {
                return invalid(INVALID_RESPONSE, "Actions must be a list");
            }
            if (actions.size() > SmaLimits.MAX_ACTIONS_PER_RESPONSE) {
                return invalid("TooManyActions", "Actions has " + actions.size() + " actions. Maximum number of actions is "
                        + SmaLimits.MAX_ACTIONS_PER_RESPONSE);
            }
            for (JsonNode action : actions) {
                if (!action.isObject() || !action.path("Type").isTextual()) {
                    return invalid(INVALID_RESPONSE, "every action needs a Type");
                }
                if (!ActionRules.known(action.path("Type").asText())) {
                    return invalid("InvalidActionType", "Unknown action type " + action.path("Type").asText());
                }
            }
        }
        JsonNode attrs = response.get("TransactionAttributes");
        Map<String, String> newAttributes = null;
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                return invalid("TransactionAttributesInvalidMapSize", "TransactionAttributes must be a map of strings");
            }
            if (attrs.size() > SmaLimits.MAX_TRANSACTION_ATTRIBUTES) {
                return invalid("TransactionAttributesInvalidMapSize", "Transaction Attributes has too many mappings. "
                        + "Maximum number of mappings is " + SmaLimits.MAX_TRANSACTION_ATTRIBUTES);
            }
            newAttributes = new LinkedHashMap<>();
            int bytes = 0;
            var fields = attrs.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!field.getValue().isTextual()) {
                    return invalid("TransactionAttributesInvalidMapSize", "TransactionAttributes." + field.getKey() + " must be a string");
                }
                bytes += field.getKey().getBytes(StandardCharsets.UTF_8).length
                        + field.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
                newAttributes.put(field.getKey(), field.getValue().asText());
            }
            if (bytes > SmaLimits.MAX_TRANSACTION_ATTRIBUTES_BYTES) {
                return invalid("TransactionAttributesInvalidMapSize", "Transaction Attributes are " + bytes
                        + " bytes. Maximum size is " + SmaLimits.MAX_TRANSACTION_ATTRIBUTES_BYTES + " bytes");
            }
        }
        if (actions != null && !actions.isNull()) {
            pending.clear();
            actions.forEach(pending::add);
        }
        if (newAttributes != null) {
            attributes = newAttributes;
        }
        return Optional.empty();
    }

    private Optional<String[]> invalid(String type, String message) {
        timeline.add("error", "invalid response: " + type + ": " + message, null);
        return Optional.of(new String[] {type, message});
    }

    /** The handler cannot be reached or keeps failing: the SMA hangs up every leg and ends the call. */
    private void abandon(String why) {
        if (ended) {
            return;
        }
        timeline.add("error", "abandoning the call: " + why, null);
        endReason = "failed";
        callStatus("ended", "failed");
        finish("failed: " + why);
    }

    private void finish(String outcome) {
        if (ended) {
            return;
        }
        if (legB != null) {
            disconnect(legB);
        }
        disconnect(legA);
        ended = true;
        callStatus("ended", outcome.startsWith("failed") ? "failed" : "hangup");
        timeline.add("end", "transaction ended: " + outcome, null);
        timeline.end(outcome, settings.callsDirectory());
        engine.ended(this);
        executor.shutdown();
    }

    /** Stops the call when the stack shuts down. */
    void shutdown() {
        submit(() -> abandon("the local stack is stopping"));
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- events

    private ObjectNode event(InvocationEventType type, ObjectNode actionData, String errorType, String errorMessage) {
        sequence++;
        ObjectNode event = Exchange.JSON.createObjectNode();
        event.put("SchemaVersion", SmaResponse.SCHEMA_VERSION);
        event.put("Sequence", sequence);
        event.put("InvocationEventType", type.wireName());
        if (actionData != null) {
            event.set("ActionData", actionData);
        }
        ObjectNode details = event.putObject("CallDetails");
        details.put("TransactionId", transactionId);
        if (attributes != null) {
            ObjectNode attrs = details.putObject("TransactionAttributes");
            attributes.forEach(attrs::put);
        }
        details.put("AwsAccountId", settings.accountId());
        details.put("AwsRegion", settings.region());
        details.put("SipMediaApplicationId", settings.sipMediaApplicationId());
        ArrayNode participants = details.putArray("Participants");
        participants.add(participant(legA, type != InvocationEventType.NEW_OUTBOUND_CALL && type != InvocationEventType.RINGING));
        if (legB != null && (legB.answered || legB.ended)) {
            participants.add(participant(legB, true));
        }
        if (errorType != null) {
            event.put("ErrorType", errorType);
            event.put("ErrorMessage", errorMessage);
        }
        return event;
    }

    private ObjectNode participant(Leg leg, boolean withStatus) {
        ObjectNode p = Exchange.JSON.createObjectNode();
        p.put("CallId", leg.callId);
        p.put("ParticipantTag", leg.tag.wireName());
        p.put("To", leg.to);
        p.put("From", leg.from);
        p.put("Direction", "Outbound");
        p.put("StartTimeInMilliseconds", Long.toString(leg.startMillis));
        if (withStatus) {
            p.put("Status", leg.connected ? "Connected" : "Disconnected");
        }
        return p;
    }

    private static ObjectNode actionData(String type, ObjectNode parameters) {
        ObjectNode data = Exchange.JSON.createObjectNode();
        data.put("Type", type);
        data.set("Parameters", parameters);
        return data;
    }

    private static ObjectNode argumentsParameters(Map<String, String> arguments) {
        ObjectNode parameters = Exchange.JSON.createObjectNode();
        ObjectNode args = parameters.putObject("Arguments");
        arguments.forEach(args::put);
        return parameters;
    }

    private static ObjectNode actionDataOf(JsonNode action) {
        ObjectNode data = Exchange.JSON.createObjectNode();
        data.put("Type", action.path("Type").asText());
        JsonNode parameters = action.path("Parameters");
        data.set("Parameters", parameters.isObject() ? parameters.deepCopy() : Exchange.JSON.createObjectNode());
        return data;
    }

    private static ObjectNode failedActionData(JsonNode action, String errorType, String errorMessage) {
        ObjectNode data = actionDataOf(action);
        data.put("ErrorType", errorType);
        data.put("ErrorMessage", errorMessage);
        return data;
    }

    private static ObjectNode hangupData(Leg leg, String code) {
        ObjectNode parameters = Exchange.JSON.createObjectNode();
        parameters.put("SipResponseCode", code);
        parameters.put("CallId", leg.callId);
        parameters.put("ParticipantTag", leg.tag.wireName());
        return actionData(Hangup.TYPE, parameters);
    }

    // ---------------------------------------------------------------- CallView

    @Override
    public Optional<ParticipantTag> tagOf(String callId) {
        if (legA.callId.equals(callId)) {
            return Optional.of(ParticipantTag.LEG_A);
        }
        if (legB != null && legB.callId.equals(callId)) {
            return Optional.of(ParticipantTag.LEG_B);
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> callIdOf(ParticipantTag tag) {
        return switch (tag) {
            case LEG_A -> Optional.of(legA.callId);
            case LEG_B -> legB == null ? Optional.empty() : Optional.of(legB.callId);
            default -> Optional.empty();
        };
    }

    @Override
    public boolean connected(ParticipantTag tag) {
        Leg leg = tag == ParticipantTag.LEG_A ? legA : tag == ParticipantTag.LEG_B ? legB : null;
        return leg != null && leg.connected;
    }

    @Override
    public String legAFrom() {
        return legA.from;
    }

    // ---------------------------------------------------------------- small things

    private synchronized void callStatus(String status, String reason) {
        if ("ended".equals(status) && endReason == null) {
            // The first reason given for the end is the transaction's outcome too (busy, no-answer, ...).
            endReason = reason;
        }
        if (callStatusEnded || meetingId == null) {
            return;
        }
        if ("ended".equals(status)) {
            callStatusEnded = true;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("transactionId", transactionId);
        data.put("status", status);
        if (reason != null) {
            data.put("reason", reason);
        }
        engine.meetings().events().publish(meetingId, MeetingEvents.CALL_STATUS, data);
    }

    private void submit(Runnable task) {
        if (executor.isShutdown()) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    timeline.add("error", "internal error: " + e, null);
                    abandon("internal error in the local SMA: " + e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the call has ended
        }
    }

    private String header(String name) {
        for (Map.Entry<String, String> entry : createHeaders.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static Map<String, String> redacted(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.replaceAll((k, v) -> k.toLowerCase(Locale.ROOT).contains("token") ? "<redacted>" : v);
        return copy;
    }

    private static String summary(ObjectNode actionData, String errorType) {
        if (errorType != null) {
            return " (" + errorType + ")";
        }
        if (actionData == null) {
            return "";
        }
        String type = actionData.path("Type").asText();
        String error = actionData.path("ErrorType").asText("");
        String tag = actionData.path("Parameters").path("ParticipantTag").asText("");
        String code = actionData.path("Parameters").path("SipResponseCode").asText("");
        return " (" + type + (tag.isEmpty() ? "" : " " + tag) + (code.isEmpty() ? "" : " " + code)
                + (error.isEmpty() ? "" : ": " + error) + ")";
    }

    private static String describe(JsonNode response) {
        if (response == null || !response.isObject()) {
            return "response (not an object)";
        }
        JsonNode actions = response.get("Actions");
        if (actions == null || actions.isNull()) {
            return "response: actions unchanged";
        }
        StringBuilder text = new StringBuilder("response: [");
        for (int i = 0; i < actions.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(actions.get(i).path("Type").asText("?"));
        }
        return text.append("]").toString();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
