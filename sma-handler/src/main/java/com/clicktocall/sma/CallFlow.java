package com.clicktocall.sma;

import com.clicktocall.model.dial.DialDecision;
import com.clicktocall.model.dial.DialPolicy;
import com.clicktocall.model.dial.DtmfDigits;
import com.clicktocall.model.identity.Subs;
import com.clicktocall.model.ledger.EndReason;
import com.clicktocall.model.sip.SipHeaders;
import com.clicktocall.model.sma.Action;
import com.clicktocall.model.sma.ActionData;
import com.clicktocall.model.sma.BridgeEndpoint;
import com.clicktocall.model.sma.CallAndBridge;
import com.clicktocall.model.sma.CallArguments;
import com.clicktocall.model.sma.CallDetails;
import com.clicktocall.model.sma.Hangup;
import com.clicktocall.model.sma.Participant;
import com.clicktocall.model.sma.ParticipantTag;
import com.clicktocall.model.sma.Pause;
import com.clicktocall.model.sma.SendDigits;
import com.clicktocall.model.sma.SmaEvent;
import com.clicktocall.model.sma.SmaLimits;
import com.clicktocall.model.sma.SmaResponse;
import com.clicktocall.model.sma.UpdateKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The call's logic: one SMA event in, one decision out. Pure apart from {@link MeetingTeardown}, holds
 * no state between events (everything a call needs travels in its {@code TransactionAttributes}), and
 * never returns an invalid response.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html">Understanding telephony events</a>
 */
public final class CallFlow {

    /**
     * Longest argument kept as a transaction attribute. Ids, numbers, ARNs and e-mail addresses are far
     * shorter; with six keys the attributes stay well inside the SMA's 20 KB, so an oversized argument
     * is dropped here rather than rejected later as an INVALID_LAMBDA_RESPONSE.
     */
    static final int MAX_ATTRIBUTE_VALUE_LENGTH = 256;

    /** The ArgumentsMap keys call-control sends and the handler keeps; anything else is dropped. */
    static final List<String> CALL_ARGUMENT_KEYS = List.of(CallArguments.CALL_ID, CallArguments.MEETING_ID, CallArguments.TO_NUMBER,
            CallArguments.ROUTE, CallArguments.VOICE_CONNECTOR_ARN, CallArguments.OWNER_SUB, CallArguments.OWNER_EMAIL);

    /**
     * The owner's own hang-up replaces {@code caller-left}: the page hangs up, then leaves the meeting, and the
     * meeting's event may reach the ledger first (docs/CALL-LEDGER.md, "End reasons").
     */
    static final Set<EndReason> OWNER_END_REPLACES = Set.of(EndReason.CALLER_LEFT);

    /** A refused inbound call hears "temporarily unavailable" rather than ringing out. */
    static final String SIP_UNAVAILABLE = "480";

    private static final String TRUE = "true";
    /** The {@code ErrorType} of a {@code CallAndBridge} whose far end did not answer in time. */
    static final String CALL_NOT_ANSWERED = "CallNotAnswered";

    /** Call ids and meeting ids are UUIDs; anything else is not echoed back or sent to AWS. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** A Voice Connector ARN: one line, no blanks (its exact shape varies by partition). */
    private static final Pattern ARN = Pattern.compile("arn:[a-z-]+:chime:[\\x21-\\x7E]{1,200}");

    private final BridgeSettings settings;
    private final DialPolicy policy;
    private final MeetingTeardown meetings;
    private final CallLedger ledger;
    private final Clock clock;

    /**
     * @param policy the dial policy call-control applies, applied again to the destination before it is
     *               bridged on the PSTN: the handler does not take {@code ToNumber} on trust
     */
    public CallFlow(BridgeSettings settings, DialPolicy policy, MeetingTeardown meetings, CallLedger ledger) {
        this(settings, policy, meetings, ledger, Clock.systemUTC());
    }

    /** @param clock the time the wait for the caller is measured with */
    public CallFlow(BridgeSettings settings, DialPolicy policy, MeetingTeardown meetings, CallLedger ledger, Clock clock) {
        this.settings = settings;
        this.policy = policy;
        this.meetings = meetings;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** With the default dial policy (US and Canada, the default block-list). */
    public CallFlow(BridgeSettings settings, MeetingTeardown meetings, CallLedger ledger) {
        this(settings, DialPolicy.defaults(Optional.empty()), meetings, ledger);
    }

    public Decision decide(SmaEvent event) {
        if (event == null || event.invocationEventType() == null) {
            return Decision.of(SmaResponse.noActions(), "unknown-event");
        }
        CallDetails call = event.callDetails() == null
                ? new CallDetails(null, null, null, null, null, null, null) : event.callDetails();
        ActionData actionData = event.actionData() == null ? new ActionData(null, null, null, null) : event.actionData();
        return switch (event.invocationEventType()) {
            case NEW_INBOUND_CALL -> refuseInbound(call);
            case NEW_OUTBOUND_CALL -> rememberArguments(actionData);
            case CALL_ANSWERED -> bridge(call);
            case CALL_UPDATE_REQUESTED -> keepWaitingForCaller(call, update(call, actionData));
            case ACTION_FAILED -> actionFailed(call, actionData);
            case HANGUP -> hangup(call, actionData);
            case ACTION_SUCCESSFUL -> actionSucceeded(call, actionData);
            // ACTION_INTERRUPTED follows a Pause that an update interrupted (the update's own answer decides
            // what comes next), and the SMA ignores what is returned for it anyway.
            case RINGING, ACTION_INTERRUPTED, DIGITS_RECEIVED -> Decision.of(SmaResponse.noActions(), "none");
            // The SMA refused the previous answer, so the call is in a state this handler did not choose:
            // end it (hang up what is up, delete the meeting) rather than leave it to run unsupervised.
            case INVALID_LAMBDA_RESPONSE -> endCall(call, "ended-after-invalid-response", EndReason.FAILED);
            case UNKNOWN -> Decision.of(SmaResponse.noActions(), "unknown-event");
        };
    }

    /**
     * Ends the call after an internal error while deciding {@code event}: hangs up what is connected and
     * deletes the meeting. Falls back to no actions when even that fails.
     */
    public Decision endAfterError(SmaEvent event) {
        try {
            CallDetails call = event == null ? null : event.callDetails();
            if (call == null) {
                return Decision.of(SmaResponse.noActions(), "internal-error");
            }
            return endCall(call, "internal-error", EndReason.FAILED);
        } catch (RuntimeException e) {
            return Decision.of(SmaResponse.noActions(), "internal-error");
        }
    }

    // --- events -------------------------------------------------------------------------------------

    private Decision refuseInbound(CallDetails call) {
        String callId = call.leg(ParticipantTag.LEG_A).map(Participant::callId).filter(CallFlow::isId).orElse(null);
        Hangup refusal = new Hangup(new Hangup.Parameters(callId,
                callId == null ? ParticipantTag.LEG_A.wireName() : null, SIP_UNAVAILABLE));
        return Decision.of(SmaResponse.of(List.of(refusal)), "refused-inbound");
    }

    private Decision rememberArguments(ActionData actionData) {
        Map<String, String> arguments = actionData.arguments();
        Map<String, String> kept = new HashMap<>();
        Set<String> dropped = new TreeSet<>();
        for (Map.Entry<String, String> argument : arguments.entrySet()) {
            String key = argument.getKey();
            String value = argument.getValue();
            if (!CALL_ARGUMENT_KEYS.contains(key)) {
                dropped.add("unknown");
            } else if (value == null || value.length() > MAX_ATTRIBUTE_VALUE_LENGTH) {
                dropped.add(key);
            } else {
                kept.put(key, value);
            }
        }
        Decision decision = Decision.of(SmaResponse.of(List.of(), kept), "arguments-kept");
        return dropped.isEmpty() ? decision : decision.withDetail("dropped " + String.join(",", dropped));
    }

    private Decision bridge(CallDetails call) {
        if (call.leg(ParticipantTag.LEG_B).isPresent()) {
            // The bridged leg does not raise CALL_ANSWERED; if it ever does, the call is already bridged.
            return Decision.of(SmaResponse.noActions(), "none");
        }
        Map<String, String> attributes = call.attributes();
        if (TRUE.equals(attributes.get(CallArguments.MEETING_DELETED))) {
            return endCall(call, "refused-meeting-ended", EndReason.FAILED);
        }
        String to = attributes.get(CallArguments.TO_NUMBER);
        if (to == null || !BridgeSettings.E164.matcher(to).matches()) {
            return endCall(call, "refused-invalid-destination", EndReason.FAILED);
        }
        Optional<CallArguments.Route> route = route(attributes.get(CallArguments.ROUTE));
        if (route.isEmpty()) {
            return endCall(call, "refused-unknown-route", EndReason.FAILED);
        }
        if (route.get() == CallArguments.Route.PSTN && policy.decide(to) instanceof DialDecision.Refused refused) {
            return endCall(call, "refused-dial-policy", EndReason.FAILED).withDetail(refused.reason().code());
        }
        Optional<Decision> waiting = waitForCaller(call);
        if (waiting.isPresent()) {
            return waiting.get();
        }
        Decision bridge = switch (route.get()) {
            case PSTN -> Decision.of(SmaResponse.of(List.of(CallAndBridge.to(BridgeEndpoint.pstn(to),
                    settings.callerIdNumber(), settings.callTimeoutSeconds(), null))), "bridge-pstn");
            case VOICE_CONNECTOR -> bridgeToVoiceConnector(call, to);
        };
        if (!bridge.response().actions().isEmpty() && bridge.response().actions().get(0) instanceof CallAndBridge) {
            return callId(call).map(id -> bridge.withLedger(ledger.ringing(id, call.transactionId()))).orElse(bridge);
        }
        return bridge;
    }

    /**
     * The far end is dialled only once the caller's browser attendee is in the meeting (docs/CALL-GUARDS.md):
     * until then the meeting leg waits in {@link Pause}s, each followed by another look at the ledger, for at
     * most {@link BridgeSettings#callerJoinTimeout()} from the first look. Empty: the caller is there.
     */
    private Optional<Decision> waitForCaller(CallDetails call) {
        Optional<String> id = callId(call);
        CallLedger.Caller caller = id.map(ledger::caller).orElse(CallLedger.Caller.NOT_YET);
        switch (caller) {
            case PRESENT -> {
                return Optional.empty();
            }
            case GONE -> {
                return Optional.of(endCall(call, "caller-left", EndReason.CALLER_LEFT));
            }
            case CALL_ENDED -> {
                // Another writer ended the call (its reason stays in the ledger): tear down what is left.
                return Optional.of(endCall(call, "call-already-ended", EndReason.FAILED));
            }
            case NOT_YET, UNKNOWN -> {
                // handled below
            }
        }
        long now = clock.millis();
        long until = waitUntil(call.attributes()).orElse(now + settings.callerJoinTimeout().toMillis());
        if (now >= until) {
            // Never bridge blind: a caller the ledger could not vouch for is a caller who is not there.
            return Optional.of(caller == CallLedger.Caller.UNKNOWN
                    ? endCall(call, "caller-unconfirmed", EndReason.FAILED)
                    : endCall(call, "caller-never-joined", EndReason.CALLER_NEVER_JOINED));
        }
        Optional<String> meetingLeg = call.leg(ParticipantTag.LEG_A).map(Participant::callId).filter(CallFlow::isId);
        if (meetingLeg.isEmpty()) {
            return Optional.of(endCall(call, "refused-no-leg-a", EndReason.FAILED));
        }
        Map<String, String> kept = keptAttributes(call.attributes());
        kept.put(CallArguments.CALLER_WAIT_UNTIL, Long.toString(until));
        long waited = now - (until - settings.callerJoinTimeout().toMillis());
        int pauseMs = waited < BridgeSettings.CALLER_FIRST_CHECKS.toMillis()
                ? BridgeSettings.CALLER_FIRST_CHECKS_PAUSE_MS : BridgeSettings.CALLER_CHECK_PAUSE_MS;
        Pause pause = Pause.callId(meetingLeg.get(), (int) Math.min(pauseMs, until - now));
        Decision waiting = Decision.of(SmaResponse.of(List.of(pause), kept), "waiting-for-caller");
        return Optional.of(caller == CallLedger.Caller.UNKNOWN ? waiting.withDetail("ledger-unavailable") : waiting);
    }

    private static Optional<Long> waitUntil(Map<String, String> attributes) {
        try {
            return Optional.ofNullable(attributes.get(CallArguments.CALLER_WAIT_UNTIL)).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code CallAndBridge} succeeded: the far end answered; a {@code Pause} is over: look for the caller again. */
    private Decision actionSucceeded(CallDetails call, ActionData succeeded) {
        if (succeeded.isType(Pause.TYPE)) {
            return bridge(call);
        }
        if (!succeeded.isType(CallAndBridge.TYPE)) {
            return Decision.of(SmaResponse.noActions(), "none");
        }
        Decision connected = Decision.of(SmaResponse.noActions(), "connected");
        return callId(call).map(id -> connected.withLedger(ledger.connected(id, call.attributes().get(CallArguments.OWNER_SUB),
                call.transactionId()))).orElse(connected);
    }

    private Decision bridgeToVoiceConnector(CallDetails call, String to) {
        String arn = call.attributes().get(CallArguments.VOICE_CONNECTOR_ARN);
        if (arn == null || !ARN.matcher(arn).matches()) {
            return endCall(call, "refused-invalid-voice-connector", EndReason.FAILED);
        }
        String email = SipHeaders.sanitiseValue(call.attributes().get(CallArguments.OWNER_EMAIL));
        Map<String, String> headers = email.isEmpty() ? null : Map.of(SipHeaders.REQUESTOR_EMAIL, email);
        return Decision.of(SmaResponse.of(List.of(CallAndBridge.to(BridgeEndpoint.voiceConnector(to, arn),
                settings.callerIdNumber(), settings.callTimeoutSeconds(), headers))), "bridge-voice-connector");
    }

    private Decision update(CallDetails call, ActionData actionData) {
        Map<String, String> arguments = actionData.arguments();
        if (!Subs.same(call.attributes().get(CallArguments.OWNER_SUB), arguments.get(CallArguments.REQUESTER_SUB))) {
            return Decision.of(SmaResponse.noActions(), "refused-not-owner");
        }
        Optional<UpdateKind> kind = UpdateKind.fromWire(arguments.get(CallArguments.UPDATE));
        if (kind.isEmpty()) {
            return Decision.of(SmaResponse.noActions(), "refused-unknown-update");
        }
        return switch (kind.get()) {
            case DIGITS -> sendDigits(call, arguments.get(CallArguments.DIGITS));
            // The call guards say why they end a call (the ledger has it already); the owner's own end replaces caller-left.
            case END -> EndReason.fromWire(arguments.get(CallArguments.END_REASON))
                    .map(reason -> endCall(call, "ended-by-guard", reason).withDetail(reason.wireName()))
                    .orElseGet(() -> endCall(call, "ended-by-owner", EndReason.CALLER_HUNG_UP, OWNER_END_REPLACES));
        };
    }

    /**
     * An update interrupts the {@link Pause} of a call waiting for its caller. Unless the update ended the
     * call, the wait goes on: an answer without actions would leave the meeting leg with nothing to do.
     */
    private Decision keepWaitingForCaller(CallDetails call, Decision update) {
        boolean waiting = call.attributes().containsKey(CallArguments.CALLER_WAIT_UNTIL) && call.leg(ParticipantTag.LEG_B).isEmpty();
        if (!waiting || !update.response().actions().isEmpty()) {
            return update;
        }
        return bridge(call).withDetail("after " + update.decision());
    }

    private Decision sendDigits(CallDetails call, String digits) {
        Optional<String> problem = DtmfDigits.problem(digits);
        if (problem.isPresent()) {
            return Decision.of(SmaResponse.noActions(), "refused-invalid-digits");
        }
        Optional<String> legB = call.leg(ParticipantTag.LEG_B)
                .filter(Participant::connected).map(Participant::callId).filter(CallFlow::isId);
        if (legB.isEmpty()) {
            return Decision.of(SmaResponse.noActions(), "refused-no-leg-b");
        }
        return Decision.of(SmaResponse.of(List.of(SendDigits.to(legB.get(), digits, SmaLimits.DEFAULT_TONE_DURATION_MS))),
                "send-digits");
    }

    private Decision actionFailed(CallDetails call, ActionData failed) {
        if (failed.isType(SendDigits.TYPE)) {
            // Tones that did not play leave the call as it was; the person can try again.
            return Decision.of(SmaResponse.noActions(), "digits-failed");
        }
        if (failed.isType(Hangup.TYPE)) {
            return withTeardown(call, List.of(), "hangup-failed", EndReason.FAILED);
        }
        // CallAndBridge (not answered, refused parameters, anything) or an action this handler never sent.
        EndReason reason = CALL_NOT_ANSWERED.equals(failed.errorType()) ? EndReason.NO_ANSWER : EndReason.FAILED;
        return endCall(call, "bridge-failed", reason);
    }

    private Decision hangup(CallDetails call, ActionData hangup) {
        ParticipantTag gone = hangup.parameters() == null || hangup.parameters().participantTag() == null
                ? ParticipantTag.UNKNOWN : hangup.parameters().participantTag();
        List<Action> actions = new ArrayList<>(2);
        for (ParticipantTag tag : List.of(ParticipantTag.LEG_B, ParticipantTag.LEG_A)) {
            if (tag != gone) {
                call.leg(tag).filter(Participant::connected).ifPresent(leg -> actions.add(hangupOf(leg)));
            }
        }
        String decision = switch (gone) {
            case LEG_A -> "hangup-leg-a";
            case LEG_B -> "hangup-leg-b";
            case UNKNOWN -> "hangup-unknown-leg";
        };
        EndReason reason = switch (gone) {
            case LEG_A -> EndReason.CALLER_HUNG_UP;
            case LEG_B -> EndReason.ofFarEndHangup(hangup.parameters().sipResponseCode());
            case UNKNOWN -> EndReason.FAILED;
        };
        return withTeardown(call, actions, decision, reason);
    }

    // --- ending a call ------------------------------------------------------------------------------

    /** Hangs up every connected leg (LEG-A by tag when the participants are unknown) and deletes the meeting. */
    private Decision endCall(CallDetails call, String decision, EndReason reason) {
        return endCall(call, decision, reason, Set.of());
    }

    private Decision endCall(CallDetails call, String decision, EndReason reason, Set<EndReason> replaces) {
        List<Action> actions = new ArrayList<>(2);
        for (ParticipantTag tag : List.of(ParticipantTag.LEG_B, ParticipantTag.LEG_A)) {
            call.leg(tag).filter(Participant::connected).ifPresent(leg -> actions.add(hangupOf(leg)));
        }
        if (actions.isEmpty() && call.leg(ParticipantTag.LEG_A).isEmpty()) {
            actions.add(Hangup.leg(ParticipantTag.LEG_A));
        }
        return withTeardown(call, actions, decision, reason, replaces);
    }

    private Decision withTeardown(CallDetails call, List<Action> actions, String decision, EndReason reason) {
        return withTeardown(call, actions, decision, reason, Set.of());
    }

    /**
     * Records why the call ended, then deletes the call's meeting once: the {@code MeetingDeleted}
     * attribute records that it is gone, so the second leg's HANGUP does not ask again. A failure leaves
     * it unset, so a later event retries. The reason is written first because the meeting's deletion
     * ends the call for everyone else too, and the first reason recorded is the one that stays.
     *
     * <p>Deleting the meeting is also what ends the call where the SMA ignores the answer: it runs no
     * actions returned for the HANGUP of a call with a single leg, nor for ACTION_INTERRUPTED.
     *
     * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/hangup.html">Hangup</a>
     */
    private Decision withTeardown(CallDetails call, List<Action> actions, String decision, EndReason reason,
            Set<EndReason> replaces) {
        Map<String, String> attributes = withLedgersKnowledge(call);
        String ledgerOutcome = callId(attributes)
                .map(id -> ledger.ended(id, attributes.get(CallArguments.OWNER_SUB), reason, replaces).logName()).orElse(null);
        String meetingId = attributes.get(CallArguments.MEETING_ID);
        if (TRUE.equals(attributes.get(CallArguments.MEETING_DELETED))) {
            return new Decision(SmaResponse.of(actions), decision, "already-deleted", null, ledgerOutcome);
        }
        if (meetingId == null || !isId(meetingId)) {
            return new Decision(SmaResponse.of(actions), decision, "none", null, ledgerOutcome);
        }
        MeetingTeardown.Result result = meetings.deleteMeeting(meetingId);
        if (!result.gone()) {
            return new Decision(SmaResponse.of(actions), decision, "failed", result.detail(), ledgerOutcome);
        }
        Map<String, String> kept = keptAttributes(attributes);
        kept.put(CallArguments.MEETING_DELETED, TRUE);
        String meeting = result.outcome() == MeetingTeardown.Outcome.DELETED ? "deleted" : "already-gone";
        return new Decision(SmaResponse.of(actions, kept), decision, meeting, null, ledgerOutcome);
    }

    /** The call's key in the ledger, when call-control placed it (a call without one is not in the ledger). */
    private static Optional<String> callId(CallDetails call) {
        return callId(call.attributes());
    }

    private static Optional<String> callId(Map<String, String> attributes) {
        return Optional.ofNullable(attributes.get(CallArguments.CALL_ID)).filter(CallFlow::isId);
    }

    /**
     * The call's attributes, completed from the ledger when the call never got them (its
     * NEW_OUTBOUND_CALL failed or never came): the ledger knows the call by its transaction id, with its
     * owner and meeting, so an ending still records why and deletes the meeting. Where the ledger does not
     * know the call yet, the sweeper finds its orphaned meeting (docs/CALL-LEDGER.md).
     */
    private Map<String, String> withLedgersKnowledge(CallDetails call) {
        Map<String, String> attributes = call.attributes();
        if (attributes.containsKey(CallArguments.MEETING_ID) || !isId(call.transactionId())) {
            return attributes;
        }
        Optional<CallLedger.KnownCall> known = ledger.byTransactionId(call.transactionId())
                .filter(k -> isId(k.callId()));
        if (known.isEmpty()) {
            return attributes;
        }
        Map<String, String> completed = new HashMap<>(attributes);
        completed.put(CallArguments.CALL_ID, known.get().callId());
        if (known.get().ownerSub() != null) {
            completed.put(CallArguments.OWNER_SUB, known.get().ownerSub());
        }
        known.get().meetingId().filter(CallFlow::isId).ifPresent(id -> completed.put(CallArguments.MEETING_ID, id));
        return completed;
    }

    /** The stored attributes this handler owns, within the SMA's limits by construction. */
    private static Map<String, String> keptAttributes(Map<String, String> attributes) {
        Map<String, String> kept = new HashMap<>();
        for (String key : CALL_ARGUMENT_KEYS) {
            String value = attributes.get(key);
            if (value != null && value.length() <= MAX_ATTRIBUTE_VALUE_LENGTH) {
                kept.put(key, value);
            }
        }
        return kept;
    }

    private static Hangup hangupOf(Participant leg) {
        return isId(leg.callId()) ? Hangup.callId(leg.callId()) : Hangup.leg(leg.participantTag());
    }

    private static Optional<CallArguments.Route> route(String value) {
        for (CallArguments.Route route : CallArguments.Route.values()) {
            if (route.name().equals(value)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    private static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
