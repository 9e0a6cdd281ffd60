package com.clicktocall.localstack.sma;

import com.clicktocall.localstack.chime.ChimeException;
import com.clicktocall.localstack.chime.Meetings;
import com.clicktocall.localstack.chime.SipMediaApplications;
import com.clicktocall.localstack.lambda.LambdaService;
import com.clicktocall.localstack.sip.AgentCall;
import com.clicktocall.localstack.sip.AgentListener;
import com.clicktocall.localstack.sip.SipMessageLog;
import com.clicktocall.localstack.sip.SipPhone;
import com.clicktocall.localstack.sip.SipTarget;
import com.clicktocall.localstack.web.MeetingEvents;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The emulated SIP media application: one {@link SmaCall} per transaction, driven by the control
 * plane (create, update), the meetings (a deleted meeting drops its phone leg) and the SIP peers.
 */
public final class SmaEngine implements SipMediaApplications, Meetings.Listener, AutoCloseable {

    private final SmaSettings settings;
    private final LambdaService lambda;
    private final Meetings meetings;
    private final SipPhone sipPhone;
    private final ActionRules rules;
    private volatile SipTarget voiceConnectorTarget;
    private volatile SipTarget pstnTarget;
    /** What the SIP and PBX routing needs of a call, live or ended: where its timeline is, and its meeting. */
    interface RoutedCall {
        CallTimeline timeline();

        String meetingId();
    }

    /** An ended call as it is retained: its timeline and what routes late SIP messages to it, not its legs. */
    private record EndedCall(CallTimeline timeline, String meetingId, List<String> sipCallIds) implements RoutedCall {
    }

    /** Routing actions waiting for a call to know its SIP Call-ID, and since when. */
    private record Early(long sinceNanos, List<Consumer<RoutedCall>> actions) {
    }

    /** How long a routing action waits for its call to learn the SIP Call-ID (the INVITE is logged while it is sent). */
    private static final long EARLY_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    /** The calls in progress. */
    private final Map<String, SmaCall> calls = new ConcurrentHashMap<>();
    /** The calls in progress by the meeting they are in, so a meeting's end finds its calls without a scan. */
    private final Map<String, Set<SmaCall>> byMeeting = new ConcurrentHashMap<>();
    /** The last {@code settings.retainedEndedCalls()} ended calls, oldest first. Under {@link #lock}. */
    private final java.util.LinkedHashMap<String, EndedCall> endedCalls = new java.util.LinkedHashMap<>();
    /** SIP Call-ID → the call, in progress or retained. */
    private final Map<String, RoutedCall> bySipCallId = new ConcurrentHashMap<>();
    /** Under {@link #lock}, oldest first. */
    private final java.util.LinkedHashMap<String, Early> early = new java.util.LinkedHashMap<>();
    private final Object lock = new Object();
    private final List<Consumer<SmaCall>> bridgeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** One thread for every call's timers (Pause): a timer only puts work on its call's own executor. */
    private final java.util.concurrent.ScheduledExecutorService timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sma-timers").factory());

    public SmaEngine(SmaSettings settings, LambdaService lambda, Meetings meetings, SipPhone sipPhone) {
        this.settings = settings;
        this.lambda = lambda;
        this.meetings = meetings;
        this.sipPhone = sipPhone;
        this.rules = new ActionRules(settings.phoneNumbers(), settings.voiceConnectorArns());
        this.voiceConnectorTarget = settings.voiceConnectorTarget();
        this.pstnTarget = settings.pstnTarget();
        meetings.addListener(this);
    }

    @Override
    public String createCall(String sipMediaApplicationId, String fromPhoneNumber, String toPhoneNumber,
            Map<String, String> sipHeaders, Map<String, String> arguments) {
        requireSma(sipMediaApplicationId);
        if (!settings.phoneNumbers().contains(fromPhoneNumber)) {
            throw ChimeException.badRequest("FromPhoneNumber " + fromPhoneNumber + " is not a phone number of the account");
        }
        SmaCall call = new SmaCall(this, fromPhoneNumber, toPhoneNumber, sipHeaders, arguments);
        calls.put(call.transactionId(), call);
        if (call.meetingId() != null) {
            byMeeting.computeIfAbsent(call.meetingId(), id -> ConcurrentHashMap.newKeySet()).add(call);
        }
        call.start();
        return call.transactionId();
    }

    @Override
    public void updateCall(String sipMediaApplicationId, String transactionId, Map<String, String> arguments) {
        requireSma(sipMediaApplicationId);
        SmaCall call = calls.get(transactionId);
        if (call == null || call.ended()) {
            throw ChimeException.notFound("No call with transaction id " + transactionId + " is in progress.");
        }
        call.update(arguments);
    }

    private void requireSma(String sipMediaApplicationId) {
        if (!settings.sipMediaApplicationId().equals(sipMediaApplicationId)) {
            throw ChimeException.notFound("SIP media application " + sipMediaApplicationId + " not found.");
        }
    }

    @Override
    public void meetingEnded(String meetingId) {
        callsIn(meetingId).forEach(c -> c.droppedByMeeting("meeting deleted"));
    }

    @Override
    public void attendeeRemoved(String meetingId, Meetings.Attendee attendee) {
        callsIn(meetingId).forEach(c -> c.droppedByMeeting("attendee " + attendee.attendeeId() + " deleted"));
    }

    private List<SmaCall> callsIn(String meetingId) {
        Set<SmaCall> inMeeting = byMeeting.get(meetingId);
        return inMeeting == null ? List.of() : inMeeting.stream().filter(c -> !c.ended()).toList();
    }

    /** The timeline of a call in progress or of one of the last {@code retainedEndedCalls} ended ones. */
    public Optional<CallTimeline> timeline(String transactionId) {
        SmaCall call = calls.get(transactionId);
        if (call != null) {
            return Optional.of(call.timeline());
        }
        synchronized (lock) {
            return Optional.ofNullable(endedCalls.get(transactionId)).map(EndedCall::timeline);
        }
    }

    /** The calls in progress and the retained ended ones. */
    public Collection<String> transactionIds() {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        synchronized (lock) {
            ids.addAll(endedCalls.keySet());
        }
        ids.addAll(calls.keySet());
        return List.copyOf(ids);
    }

    public long activeCalls() {
        return calls.values().stream().filter(c -> !c.ended()).count();
    }

    /** What the engine holds, for measurements: calls in progress, ended calls retained, SIP Call-IDs routed, meetings indexed. */
    public Map<String, Integer> retained() {
        synchronized (lock) {
            return Map.of("calls", calls.size(), "endedCalls", endedCalls.size(), "sipCallIds", bySipCallId.size(),
                    "meetings", byMeeting.size(), "early", early.size());
        }
    }

    /** Told when a call's CallAndBridge starts (the moment the INVITE leaves), for measurements. */
    public void onBridgeStarted(Consumer<SmaCall> listener) {
        bridgeListeners.add(listener);
    }

    /** Routes the SIP phone's messages into the timeline of the call they belong to. */
    public SipMessageLog sipMessageLog() {
        return message -> route(message.callId(), call -> call.timeline().add("sip",
                (message.direction() == SipMessageLog.Direction.SENT ? "→ " : "← ") + message.summary() + "  " + message.peer(), null));
    }

    /** The timeline's words, after {@code softphone: }, once the softphone's answer is on the meeting's event stream. */
    public static final String SOFTPHONE_ANSWER_RELAYED = "the softphone's answer relayed to the caller's page";

    /** Routes what the embedded agent sees (the INVITE's headers, digits, state) into the call's timeline. */
    public AgentListener agentListener() {
        return new AgentListener() {
            @Override
            public void callReceived(AgentCall call) {
                route(call.sipCallId(), c -> c.timeline().add("pbx", "INVITE received from " + call.from() + " to " + call.to()
                        + ", state " + call.state(), call.headers()));
            }

            @Override
            public void stateChanged(AgentCall call) {
                String by = call.answeredBy() == null ? "" : " by " + call.answeredBy().label();
                route(call.sipCallId(), c -> c.timeline().add("pbx", "call " + call.state() + by, null));
            }

            @Override
            public void softphoneProgress(AgentCall call, String event) {
                route(call.sipCallId(), c -> c.timeline().add("pbx", "softphone: " + event, null));
            }

            @Override
            public void callerMediaAnswered(AgentCall call, String sdp) {
                route(call.sipCallId(), c -> {
                    String meetingId = c.meetingId();
                    if (meetingId == null) {
                        c.timeline().add("pbx", "softphone: the softphone's answer was not relayed: the call has no meeting", null);
                        return;
                    }
                    meetings.events().publish(meetingId, MeetingEvents.MEDIA_ANSWER, Map.of("sdp", sdp));
                    c.timeline().add("pbx", "softphone: " + SOFTPHONE_ANSWER_RELAYED, null);
                });
            }

            @Override
            public void digitReceived(AgentCall call, char digit) {
                route(call.sipCallId(), c -> c.timeline().add("pbx", "digit " + digit + " received (so far: " + call.digits() + ")", null));
            }
        };
    }

    void sipCallPlaced(SmaCall call, String sipCallId) {
        Early waiting;
        RoutedCall routed = call;
        synchronized (lock) {
            waiting = early.remove(sipCallId);
            if (calls.get(call.transactionId()) == call) {
                call.sipCallIds().add(sipCallId);
            } else {
                // the call ended while its INVITE went out: route to what is retained of it, if anything
                routed = endedCalls.get(call.transactionId());
            }
            if (routed != null) {
                bySipCallId.put(sipCallId, routed);
            }
        }
        if (waiting != null && routed != null) {
            RoutedCall target = routed;
            waiting.actions().forEach(w -> w.accept(target));
        }
    }

    private void route(String sipCallId, Consumer<RoutedCall> action) {
        if (sipCallId == null) {
            return;
        }
        RoutedCall call;
        synchronized (lock) {
            call = bySipCallId.get(sipCallId);
            if (call == null) {
                // the INVITE is logged while it is being sent, before the call knows its Call-ID
                long now = System.nanoTime();
                var oldest = early.values().iterator();
                while (oldest.hasNext() && now - oldest.next().sinceNanos() > EARLY_WAIT_NANOS) {
                    oldest.remove();
                }
                if (early.size() < 10_000) {
                    early.computeIfAbsent(sipCallId, k -> new Early(now, new java.util.ArrayList<>())).actions().add(action);
                }
                return;
            }
        }
        action.accept(call);
    }

    /** Points the Voice Connector and PSTN routes at other SIP peers, for calls bridged from now on. */
    public void route(SipTarget voiceConnector, SipTarget pstn) {
        this.voiceConnectorTarget = voiceConnector;
        this.pstnTarget = pstn;
    }

    SipTarget voiceConnectorTarget() {
        return voiceConnectorTarget;
    }

    SipTarget pstnTarget() {
        return pstnTarget;
    }

    SmaSettings settings() {
        return settings;
    }

    LambdaService lambda() {
        return lambda;
    }

    Meetings meetings() {
        return meetings;
    }

    SipPhone sipPhone() {
        if (sipPhone == null) {
            throw new IllegalStateException("no SIP phone is configured");
        }
        return sipPhone;
    }

    ActionRules rules() {
        return rules;
    }

    java.util.concurrent.ScheduledExecutorService timers() {
        return timers;
    }

    void bridgeStarted(SmaCall call) {
        bridgeListeners.forEach(l -> l.accept(call));
    }

    /**
     * The call's timeline and SIP Call-IDs stay known for the last {@code retainedEndedCalls} ended calls:
     * GET /local/calls/{id} serves the timeline, and the last SIP messages (the 200 OK to a BYE) arrive
     * after the transaction has ended. The call itself (its legs, SIP dialogs, executor) is let go.
     */
    void ended(SmaCall call) {
        String meetingId = call.meetingId();
        if (meetingId != null) {
            byMeeting.computeIfPresent(meetingId, (id, inMeeting) -> {
                inMeeting.remove(call);
                return inMeeting.isEmpty() ? null : inMeeting;
            });
        }
        synchronized (lock) {
            calls.remove(call.transactionId(), call);
            List<String> sipCallIds = List.copyOf(call.sipCallIds());
            int retained = settings.retainedEndedCalls();
            if (retained > 0) {
                EndedCall ended = new EndedCall(call.timeline(), meetingId, sipCallIds);
                endedCalls.put(call.transactionId(), ended);
                sipCallIds.forEach(id -> bySipCallId.put(id, ended));
            } else {
                sipCallIds.forEach(id -> bySipCallId.remove(id, call));
            }
            var oldest = endedCalls.values().iterator();
            while (endedCalls.size() > retained && oldest.hasNext()) {
                EndedCall forgotten = oldest.next();
                oldest.remove();
                forgotten.sipCallIds().forEach(id -> bySipCallId.remove(id, forgotten));
            }
        }
    }

    @Override
    public void close() {
        calls.values().stream().filter(c -> !c.ended()).toList().parallelStream().forEach(SmaCall::shutdown);
        timers.shutdownNow();
    }
}
