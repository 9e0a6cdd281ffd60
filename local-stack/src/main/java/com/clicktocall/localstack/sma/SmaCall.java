package com.clicktocall.localstack.sma;

import static com.clicktocall.localstack.sma.SmaEventFactory.actionData;
import static com.clicktocall.localstack.sma.SmaEventFactory.actionDataOf;
import static com.clicktocall.localstack.sma.SmaEventFactory.argumentsParameters;
import static com.clicktocall.localstack.sma.SmaEventFactory.failedActionData;
import static com.clicktocall.localstack.sma.SmaEventFactory.hangupData;

import com.clicktocall.localstack.chime.Meetings;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One SMA transaction: the legs, the stored transaction attributes, the pending actions, and the
 * sequence of events sent to the handler. Everything that changes the call runs on the call's own
 * serial executor, so events reach the handler one at a time and in order, as the service sends them.
 * The events are built by {@link SmaEventFactory} and sent by {@link HandlerInvoker}; the answers are
 * checked by {@link SmaResponseCheck}, then action by action by {@link ActionRules}.
 */
final class SmaCall implements ActionRules.CallView, SmaEngine.RoutedCall {

    private static final int MAX_CONSECUTIVE_INVALID = 3;

    private final SmaEngine engine;
    private final SmaSettings settings;
    private final String transactionId = UUID.randomUUID().toString();
    private final CallTimeline timeline = new CallTimeline(transactionId);
    private final SmaEventFactory events;
    private final HandlerInvoker handler;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("sma-call").factory());
    private final Map<String, String> createHeaders;
    private final Map<String, String> createArguments;
    private final CallLeg legA;
    private CallLeg legB;
    private Map<String, String> attributes;
    private final Deque<JsonNode> pending = new ArrayDeque<>();
    private JsonNode bridgeAction;
    /** The Pause that runs, if one does: the list waits for it. */
    private JsonNode pauseAction;
    private ParticipantTag pausedLeg;
    private java.util.concurrent.ScheduledFuture<?> pauseTimer;
    /** Tells a timer of an interrupted Pause from the running one's. */
    private long pauseCount;
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
        this.events = new SmaEventFactory(settings, transactionId);
        this.handler = new HandlerInvoker(engine.lambda(), settings, timeline);
        this.createHeaders = Map.copyOf(sipHeaders);
        this.createArguments = Map.copyOf(arguments);
        this.legA = new CallLeg(ParticipantTag.LEG_A, to, from);
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
            if (!legA.connected()) {
                return;
            }
            timeline.add("meeting", "the meeting dropped LEG-A (" + why + ")", null);
            legA.drop();
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
            if (!invite(new InviteRequest(target, legA.from, legA.to, Map.of(),
                    Duration.ofSeconds(SmaLimits.DEFAULT_CALL_TIMEOUT_SECONDS)), legA)) {
                legA.end();
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
            legA.end();
            endReason = "failed";
            deliverLastHangup(legA, engine.meetings().find(meetingId).isEmpty() ? "404" : "403");
            return;
        }
        legA.joined(meetingId, attendee.get());
        timeline.add("meeting", "phone attendee " + attendee.get().attendeeId() + " joined meeting " + meetingId, null);
        deliver(InvocationEventType.RINGING, null, null, null);
        pending.clear(); // RINGING responses are ignored too
        legA.answer();
        deliver(InvocationEventType.CALL_ANSWERED, null, null, null);
        runActions();
    }

    // ---------------------------------------------------------------- actions

    private void runActions() {
        while (!ended && !pending.isEmpty() && pauseAction == null) {
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
                case ActionRules.PauseLeg pause -> pause(action, pause);
            }
        }
    }

    /** The list waits {@code durationMs} on the call's timer thread, not on a thread of its own. */
    private void pause(JsonNode action, ActionRules.PauseLeg pause) {
        timeline.add("action", "Pause " + pause.leg().wireName() + " for " + pause.durationMs() + " ms", action);
        pauseAction = action;
        pausedLeg = pause.leg();
        long count = ++pauseCount;
        pauseTimer = engine.timers().schedule(() -> submit(() -> pauseEnded(count)), pause.durationMs(), TimeUnit.MILLISECONDS);
    }

    private void pauseEnded(long count) {
        if (ended || pauseAction == null || count != pauseCount) {
            return; // interrupted, or its leg went
        }
        JsonNode done = pauseAction;
        stopPause();
        timeline.add("leg", "Pause of " + pausedLegName(done) + " done", null);
        if (pending.isEmpty()) {
            deliver(InvocationEventType.ACTION_SUCCESSFUL, actionDataOf(done), null, null);
        }
        runActions();
    }

    private String pausedLegName(JsonNode action) {
        return action.path("Parameters").path("CallId").asText(action.path("Parameters").path("ParticipantTag").asText("LEG-A"));
    }

    /** @return the Pause that ran, if one did */
    private Optional<JsonNode> stopPause() {
        JsonNode running = pauseAction;
        if (running == null) {
            return Optional.empty();
        }
        pauseAction = null;
        pausedLeg = null;
        pauseCount++;
        if (pauseTimer != null) {
            pauseTimer.cancel(false);
            pauseTimer = null;
        }
        return Optional.of(running);
    }

    /** The leg a Pause waits on is gone: the Pause ends with it, and no ACTION_SUCCESSFUL follows. */
    private void stopPauseOf(CallLeg leg) {
        if (pauseAction != null && pausedLeg == leg.tag) {
            stopPause();
            timeline.add("leg", "Pause of " + leg.tag.wireName() + " ended: the leg is gone", null);
        }
    }

    private void bridge(JsonNode action, ActionRules.Bridge bridge) {
        boolean viaVoiceConnector = BridgeEndpoint.AWS.equals(bridge.endpointType());
        SipTarget target = viaVoiceConnector ? engine.voiceConnectorTarget() : engine.pstnTarget();
        legB = new CallLeg(ParticipantTag.LEG_B, bridge.uri(), bridge.callerIdNumber());
        bridgeAction = action;
        awaitingBridge = true;
        timeline.add("action", "CallAndBridge to " + bridge.uri() + (viaVoiceConnector ? " through the Voice Connector" : " (PSTN)")
                + ", ring timeout " + bridge.timeoutSeconds() + " s", action);
        timeline.add("leg", "INVITE " + bridge.uri() + " at " + target, bridge.sipHeaders());
        engine.bridgeStarted(this);
        if (!invite(new InviteRequest(target, bridge.callerIdNumber(), bridge.uri(), bridge.sipHeaders(),
                Duration.ofSeconds(bridge.timeoutSeconds())), legB)) {
            awaitingBridge = false;
            legB.end();
            callStatus("ended", "failed");
            deliver(InvocationEventType.ACTION_FAILED, failedActionData(action, ActionRules.SYSTEM_EXCEPTION,
                    "the SIP call could not be placed"), null, null);
        }
    }

    /** @return whether the INVITE went out */
    private boolean invite(InviteRequest request, CallLeg leg) {
        SipCall call;
        try {
            call = engine.sipPhone().invite(request, new LegListener(leg));
            engine.sipCallPlaced(this, call.sipCallId());
        } catch (RuntimeException e) {
            timeline.add("error", "INVITE failed: " + e.getMessage(), null);
            return false;
        }
        leg.placed(call);
        return true;
    }

    private void sendDigits(ActionRules.Digits digits) {
        CallLeg leg = digits.leg() == ParticipantTag.LEG_A ? legA : legB;
        leg.sendDigits(digits.digits(), digits.toneDurationMs(), timeline);
    }

    private void hangUp(ActionRules.HangupLeg hangup) {
        CallLeg leg = hangup.leg() == ParticipantTag.LEG_A ? legA : legB;
        stopPauseOf(leg);
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
        CallLeg other = leg == legA ? legB : legA;
        if (other != null && other.connected()) {
            deliver(InvocationEventType.HANGUP, hangupData(leg, hangup.sipResponseCode()), null, null);
        } else {
            deliverLastHangup(leg, hangup.sipResponseCode());
        }
    }

    /** The SMA ends the leg (BYE, CANCEL, or the phone attendee leaves); nothing once it has ended. */
    private void disconnect(CallLeg leg) {
        leg.disconnect(timeline, engine.meetings());
    }

    // ---------------------------------------------------------------- the far end

    private final class LegListener implements SipCallListener {
        private final CallLeg leg;

        LegListener(CallLeg leg) {
            this.leg = leg;
        }

        @Override
        public void ringing() {
            submit(() -> {
                if (leg.ended()) {
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
                if (leg.ended()) {
                    return;
                }
                timeline.add("leg", "answered: " + leg.tag.wireName(), null);
                leg.answer();
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
                if (leg.ended()) {
                    return;
                }
                timeline.add("leg", "failed with " + sipStatus + " " + reason + ": " + leg.tag.wireName(), null);
                leg.end();
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
                if (leg.ended()) {
                    return;
                }
                timeline.add("leg", "not answered: " + leg.tag.wireName() + " (cancelled)", null);
                leg.end();
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
                if (leg.ended()) {
                    return;
                }
                timeline.add("leg", "hung up by the far end: " + leg.tag.wireName(), null);
                leg.drop();
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

    private void farEndHungUp(CallLeg leg, String code) {
        stopPauseOf(leg);
        if (leg == legB) {
            callStatus("ended", "hangup");
        }
        CallLeg other = leg == legA ? legB : legA;
        if (other != null && other.connected()) {
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
    private void deliverLastHangup(CallLeg leg, String code) {
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
        if (events.sequence() >= SmaSettings.MAX_INVOCATIONS_PER_CALL) {
            abandon("the handler was invoked " + events.sequence() + " times");
            return Optional.empty();
        }
        ObjectNode event = events.next(type, actionData, errorType, errorMessage, attributes, legA, legB);
        timeline.add("event", type.wireName() + " #" + events.sequence() + SmaEventFactory.summary(actionData, errorType), event);
        JsonNode response;
        switch (handler.invoke(event)) {
            case HandlerInvoker.GaveUp gaveUp -> {
                abandon(gaveUp.why());
                return Optional.empty();
            }
            case HandlerInvoker.Answered answered -> response = answered.response();
        }
        switch (SmaResponseCheck.check(response)) {
            case SmaResponseCheck.Invalid invalid -> {
                timeline.add("error", "invalid response: " + invalid.errorType() + ": " + invalid.errorMessage(), null);
                consecutiveInvalid++;
                if (consecutiveInvalid >= MAX_CONSECUTIVE_INVALID) {
                    abandon("the handler answered " + consecutiveInvalid + " invalid responses in a row");
                    return Optional.empty();
                }
                return deliver(InvocationEventType.INVALID_LAMBDA_RESPONSE, null, invalid.errorType(), invalid.errorMessage());
            }
            case SmaResponseCheck.Valid valid -> {
                if (type == InvocationEventType.ACTION_INTERRUPTED) {
                    // informational: what the handler returns for it is ignored
                    consecutiveInvalid = 0;
                    return Optional.of(response);
                }
                valid.actions().ifPresent(actions -> {
                    pending.clear();
                    pending.addAll(actions);
                });
                valid.attributes().ifPresent(newAttributes -> attributes = newAttributes);
                if (valid.actions().map(actions -> !actions.isEmpty()).orElse(false) && pauseAction != null) {
                    interruptPause();
                }
            }
        }
        consecutiveInvalid = 0;
        return Optional.of(response);
    }

    /**
     * A new, non-empty action list replaces the one a Pause holds: the Pause stops, the handler hears ACTION_INTERRUPTED with the
     * Pause as ActionData (its answer ignored), and the new list runs. An empty list ({@code []}, "nothing to do") leaves the Pause
     * running.
     */
    private void interruptPause() {
        JsonNode interrupted = stopPause().orElseThrow();
        timeline.add("action", "Pause interrupted by a new action list", interrupted);
        List<JsonNode> replacing = new ArrayList<>(pending);
        deliver(InvocationEventType.ACTION_INTERRUPTED, actionDataOf(interrupted), null, null);
        pending.clear();
        pending.addAll(replacing);
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
        stopPause();
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
        CallLeg leg = tag == ParticipantTag.LEG_A ? legA : tag == ParticipantTag.LEG_B ? legB : null;
        return leg != null && leg.connected();
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
        } catch (RejectedExecutionException e) {
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
}
