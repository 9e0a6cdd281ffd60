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
    private final Map<String, SmaCall> calls = new ConcurrentHashMap<>();
    private final Map<String, SmaCall> bySipCallId = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<SmaCall>>> early = new java.util.HashMap<>();
    private final List<Consumer<SmaCall>> bridgeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

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
        calls.values().stream().filter(c -> !c.ended() && meetingId.equals(c.meetingId()))
                .forEach(c -> c.droppedByMeeting("meeting deleted"));
    }

    @Override
    public void attendeeRemoved(String meetingId, Meetings.Attendee attendee) {
        calls.values().stream().filter(c -> !c.ended() && meetingId.equals(c.meetingId()))
                .forEach(c -> c.droppedByMeeting("attendee " + attendee.attendeeId() + " deleted"));
    }

    public Optional<CallTimeline> timeline(String transactionId) {
        return Optional.ofNullable(calls.get(transactionId)).map(SmaCall::timeline);
    }

    public Collection<String> transactionIds() {
        return List.copyOf(calls.keySet());
    }

    public long activeCalls() {
        return calls.values().stream().filter(c -> !c.ended()).count();
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
        List<Consumer<SmaCall>> waiting;
        synchronized (early) {
            bySipCallId.put(sipCallId, call);
            waiting = early.remove(sipCallId);
        }
        if (waiting != null) {
            waiting.forEach(w -> w.accept(call));
        }
    }

    private void route(String sipCallId, Consumer<SmaCall> action) {
        if (sipCallId == null) {
            return;
        }
        SmaCall call;
        synchronized (early) {
            call = bySipCallId.get(sipCallId);
            if (call == null) {
                // the INVITE is logged while it is being sent, before the call knows its Call-ID
                if (early.size() < 10_000) {
                    early.computeIfAbsent(sipCallId, k -> new java.util.ArrayList<>()).add(action);
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

    void bridgeStarted(SmaCall call) {
        bridgeListeners.forEach(l -> l.accept(call));
    }

    /**
     * The call and its SIP dialogs stay known: GET /local/calls/{id} serves its timeline, and the last
     * SIP messages (the 200 OK to a BYE) arrive after the transaction has ended.
     */
    void ended(SmaCall call) {
    }

    @Override
    public void close() {
        calls.values().stream().filter(c -> !c.ended()).toList().parallelStream().forEach(SmaCall::shutdown);
    }
}
