package com.clicktocall.localstack.sip;

import com.clicktocall.localstack.sip.rtp.TelephoneEvent;
import com.clicktocall.localstack.sip.rtp.TelephoneEventReceiver;
import com.clicktocall.model.sip.SipHeaders;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One call at the {@link EmbeddedAgent}, from its INVITE to its end: rings, answers, refuses or rings on as its
 * {@link AgentBehaviour} says, or rings the agent's softphone first and follows what becomes of that leg;
 * collects the caller's digits, and ends on the caller's CANCEL or BYE or the agent's hang-up. State changes
 * under its lock; messages and listener calls after it.
 */
final class InboundCall {

    /**
     * What a call uses of the agent it reached.
     *
     * @param changed wakes {@link EmbeddedAgent#await} after every change the listener is told of
     */
    record AgentSide(AgentConfig config, AgentListener listener, LoopbackSipStack sip, ScheduledExecutorService timers,
            SoftphoneLegs softphoneLegs, Runnable changed) {
    }

    private static final System.Logger LOG = System.getLogger(InboundCall.class.getName());
    /** RFC 3261 §15: no BYE on an answered call before its ACK; this long at most is waited for it. */
    static final Duration ACK_WAIT = Duration.ofSeconds(2);

    private final AgentConfig config;
    private final AgentListener listener;
    private final LoopbackSipStack sip;
    private final ScheduledExecutorService timers;
    private final SoftphoneLegs softphoneLegs;
    private final Runnable changed;

    private final String callId;
    private final String from;
    private final String to;
    private final Map<String, String> headers;
    private final Instant receivedAt = Instant.now();
    private final ServerTransaction invite;
    private final String toTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final int telephoneEventPayloadType;

    private AgentCall.State state = AgentCall.State.RINGING;
    private AgentCall.AnsweredBy answeredBy;
    private String softphoneProgress = "";
    /** The final count, once the softphone's answered leg has ended; before that, the live one is read. */
    private long softphoneMediaPackets = -1;
    private boolean acked;
    private final StringBuilder digits = new StringBuilder();
    private TelephoneEventReceiver media;
    private Dialog dialog;
    private ScheduledFuture<?> answer;
    private OutboundCall softphoneLeg;

    InboundCall(Request request, ServerTransaction invite, AgentSide agent) {
        this.config = agent.config();
        this.listener = agent.listener();
        this.sip = agent.sip();
        this.timers = agent.timers();
        this.softphoneLegs = agent.softphoneLegs();
        this.changed = agent.changed();
        this.callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        this.from = user(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI());
        String dialled = user(request.getRequestURI());
        this.to = dialled.isEmpty() ? user(((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI()) : dialled;
        this.headers = headersOf(request);
        this.invite = invite;
        this.telephoneEventPayloadType = SessionDescriptions.audio(request.getRawContent())
                .map(SessionDescriptions.Media::telephoneEventPayloadType)
                .orElse(TelephoneEvent.DEFAULT_PAYLOAD_TYPE);
    }

    String callId() {
        return callId;
    }

    synchronized AgentCall snapshot() {
        return new AgentCall(callId, from, to, headers, state, digits.toString(), receivedAt, answeredBy, softphoneProgress,
                softphoneMediaPackets >= 0 ? softphoneMediaPackets
                        : softphoneLeg == null ? 0 : softphoneLegs.mediaPacketsReceived(softphoneLeg));
    }

    /** Answers the INVITE as the agent's configuration says for the dialled number. */
    void start() {
        AgentBehaviour behaviour = config.behaviourFor(to);
        Optional<Softphone> softphone = config.softphoneFor(to);
        if (softphone.isPresent()) {
            respond(Response.RINGING, null);
            tell(l -> l.callReceived(snapshot()));
            ringSoftphone(softphone.get(), behaviour);
            return;
        }
        if (behaviour == AgentBehaviour.BUSY) {
            synchronized (this) {
                state = AgentCall.State.BUSY;
            }
            respond(Response.BUSY_HERE, null);
            tell(l -> l.callReceived(snapshot()));
            return;
        }
        respond(Response.RINGING, null);
        tell(l -> l.callReceived(snapshot()));
        behaveAfterRinging(behaviour);
    }

    /** What {@code behaviour} does once the caller hears ringing. */
    private void behaveAfterRinging(AgentBehaviour behaviour) {
        switch (behaviour) {
            case ANSWER -> {
                try {
                    ScheduledFuture<?> scheduled = timers.schedule(() -> answer(AgentCall.AnsweredBy.AGENT),
                            config.ringDelay().toMillis(), TimeUnit.MILLISECONDS);
                    synchronized (this) {
                        answer = scheduled;
                    }
                } catch (RejectedExecutionException e) {
                    LOG.log(Level.DEBUG, "agent closing: call {0} not answered", callId);
                }
            }
            case BUSY -> {
                synchronized (this) {
                    if (state != AgentCall.State.RINGING) {
                        return;
                    }
                    state = AgentCall.State.BUSY;
                }
                respond(Response.BUSY_HERE, null);
                tell(l -> l.stateChanged(snapshot()));
            }
            case NEVER_ANSWER -> {
                // rings until the caller cancels
            }
        }
    }

    /** The dial plan's {@code Dial}: the softphone rings first; without its answer, {@code behaviour} applies. */
    private void ringSoftphone(Softphone softphone, AgentBehaviour behaviour) {
        softphoneProgressed("rung", "ringing the softphone " + softphone.addressOfRecord());
        String email = snapshot().header(SipHeaders.REQUESTOR_EMAIL).orElse(null);
        String callerOffer = config.takeCallerOffer(email).orElse(null);
        if (callerOffer != null) {
            AgentCall now = snapshot();
            tell(l -> l.softphoneProgress(now, EmbeddedAgent.CALLER_OFFER_RELAYED));
        }
        OutboundCall leg;
        try {
            leg = softphoneLegs.ring(softphone, from, email, callerOffer, new SoftphoneOutcome(softphone, behaviour));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "call " + callId + ": the softphone could not be rung", e);
            softphoneNotAnswered("not rung (" + e.getMessage() + ")", behaviour);
            return;
        }
        boolean stillRinging;
        synchronized (this) {
            softphoneLeg = leg;
            stillRinging = state == AgentCall.State.RINGING || answeredBy == AgentCall.AnsweredBy.SOFTPHONE;
        }
        if (!stillRinging) {
            // The call ended while the INVITE was being sent.
            leg.hangUp();
        }
    }

    /** What became of the softphone's leg; the A leg follows. */
    private final class SoftphoneOutcome implements SoftphoneLegs.LegListener {

        private final Softphone softphone;
        private final AgentBehaviour behaviour;

        SoftphoneOutcome(Softphone softphone, AgentBehaviour behaviour) {
            this.softphone = softphone;
            this.behaviour = behaviour;
        }

        @Override
        public void ringing() {
            softphoneProgressed("ringing", "the softphone is ringing");
        }

        @Override
        public void answered() {
            softphoneAnswered();
        }

        @Override
        public void failed(int sipStatus, String reason) {
            softphoneNotAnswered(sipStatus + " " + reason, behaviour);
        }

        @Override
        public void notAnswered() {
            Duration ring = softphone.ringTimeout();
            softphoneNotAnswered("no answer within " + (ring.toMillisPart() == 0 ? ring.toSeconds() + " s" : ring.toMillis() + " ms"),
                    behaviour);
        }

        @Override
        public void mediaEnded(SoftphoneMedia.Counts counts) {
            softphoneMediaEnded(counts);
        }

        @Override
        public void callerMediaAnswered(String sdp) {
            AgentCall now;
            synchronized (InboundCall.this) {
                if (state != AgentCall.State.ANSWERED || answeredBy != AgentCall.AnsweredBy.SOFTPHONE) {
                    // The caller went while the softphone answered: nobody is left to hear it.
                    return;
                }
                now = snapshot();
            }
            tell(l -> l.callerMediaAnswered(now, sdp));
        }

        @Override
        public void hungUpByFarEnd() {
            softphoneProgressed("hung up", "the softphone hung up");
            try {
                // Not on the SIP thread: hanging up may wait for the caller's ACK, which arrives on it.
                timers.execute(InboundCall.this::hangUp);
            } catch (RejectedExecutionException e) {
                hangUp();
            }
        }
    }

    private void softphoneProgressed(String progress, String event) {
        AgentCall now;
        synchronized (this) {
            softphoneProgress = progress;
            now = snapshot();
        }
        tell(l -> l.softphoneProgress(now, event));
    }

    /** The softphone's answered leg has ended: its audio is told, the leg's progress stays as it is. */
    private void softphoneMediaEnded(SoftphoneMedia.Counts counts) {
        AgentCall now;
        synchronized (this) {
            softphoneMediaPackets = counts.received();
            now = snapshot();
        }
        tell(l -> l.softphoneProgress(now, counts.event()));
    }

    private void softphoneAnswered() {
        if (answer(AgentCall.AnsweredBy.SOFTPHONE)) {
            return;
        }
        // The caller has gone meanwhile: the softphone's call ends too.
        OutboundCall leg;
        synchronized (this) {
            leg = softphoneLeg;
        }
        if (leg != null) {
            leg.hangUp();
        }
    }

    /** The dial plan's "no agent" path: the embedded agent behaves as without a softphone. */
    private void softphoneNotAnswered(String reason, AgentBehaviour behaviour) {
        synchronized (this) {
            if (state != AgentCall.State.RINGING) {
                return;
            }
        }
        String next = switch (behaviour) {
            case ANSWER -> "the embedded agent answers";
            case BUSY -> "the embedded agent refuses it as busy";
            case NEVER_ANSWER -> "the call rings on, never answered";
        };
        softphoneProgressed(reason, "the softphone did not answer (" + reason + "): " + next);
        behaveAfterRinging(behaviour);
    }

    /** @return whether the call was ringing and is now answered */
    private boolean answer(AgentCall.AnsweredBy by) {
        TelephoneEventReceiver receiver;
        try {
            receiver = TelephoneEventReceiver.open(telephoneEventPayloadType, this::digit);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "no RTP port for call " + callId, e);
            hangUp();
            return false;
        }
        synchronized (this) {
            if (state != AgentCall.State.RINGING) {
                receiver.close();
                return false;
            }
            state = AgentCall.State.ANSWERED;
            answeredBy = by;
            media = receiver;
            dialog = invite.getDialog();
            if (by == AgentCall.AnsweredBy.SOFTPHONE) {
                softphoneProgress = "answered";
            }
        }
        byte[] sdp = SessionDescriptions.describe(receiver.port(), telephoneEventPayloadType,
                ThreadLocalRandom.current().nextLong(1L << 40));
        respond(Response.OK, sdp);
        tell(l -> l.stateChanged(snapshot()));
        return true;
    }

    private void digit(TelephoneEvent event) {
        char digit = event.digit().orElseThrow();
        AgentCall now;
        OutboundCall relayTo;
        synchronized (this) {
            digits.append(digit);
            now = snapshot();
            relayTo = answeredBy == AgentCall.AnsweredBy.SOFTPHONE ? softphoneLeg : null;
        }
        if (relayTo != null) {
            softphoneLegs.relayDigit(relayTo, digit, event.duration() / TelephoneEvent.SAMPLES_PER_MILLISECOND);
        }
        tell(l -> l.digitReceived(now, digit));
    }

    /** A CANCEL for this call's INVITE. */
    void cancelled() {
        synchronized (this) {
            if (state != AgentCall.State.RINGING) {
                return;
            }
            state = AgentCall.State.CANCELLED;
            if (answer != null) {
                answer.cancel(false);
            }
        }
        respond(Response.REQUEST_TERMINATED, null);
        endSoftphoneLeg();
        tell(l -> l.stateChanged(snapshot()));
    }

    /** A BYE from the caller. */
    void byeReceived() {
        if (end(AgentCall.State.ANSWERED, AgentCall.State.HUNG_UP_BY_CALLER)) {
            endSoftphoneLeg();
            tell(l -> l.stateChanged(snapshot()));
        }
    }

    synchronized void acked() {
        acked = true;
        notifyAll();
    }

    boolean hangUp() {
        AgentCall.State before;
        Dialog up;
        synchronized (this) {
            long deadline = System.nanoTime() + ACK_WAIT.toNanos();
            for (long left = ACK_WAIT.toNanos(); state == AgentCall.State.ANSWERED && !acked && left > 0;
                    left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            before = state;
            up = dialog;
        }
        if (before == AgentCall.State.RINGING && end(before, AgentCall.State.HUNG_UP_BY_AGENT)) {
            respond(Response.TEMPORARILY_UNAVAILABLE, null);
        } else if (before == AgentCall.State.ANSWERED && end(before, AgentCall.State.HUNG_UP_BY_AGENT)) {
            bye(up);
        } else {
            return false;
        }
        endSoftphoneLeg();
        tell(l -> l.stateChanged(snapshot()));
        return true;
    }

    /** BYE to an answered softphone, CANCEL to a ringing one; nothing once its leg has ended. */
    private void endSoftphoneLeg() {
        OutboundCall leg;
        synchronized (this) {
            leg = softphoneLeg;
        }
        if (leg != null) {
            leg.hangUp();
        }
    }

    private boolean end(AgentCall.State from, AgentCall.State to) {
        TelephoneEventReceiver receiver;
        synchronized (this) {
            if (state != from) {
                return false;
            }
            state = to;
            receiver = media;
            if (answer != null) {
                answer.cancel(false);
            }
        }
        if (receiver != null) {
            receiver.close();
        }
        return true;
    }

    private void bye(Dialog up) {
        if (up == null) {
            return;
        }
        try {
            ClientTransaction transaction = sip.provider.getNewClientTransaction(up.createRequest(Request.BYE));
            up.sendRequest(transaction);
        } catch (SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "BYE on " + callId + " failed", e);
        }
    }

    private void respond(int status, byte[] sdp) {
        try {
            Response response = sip.messages.createResponse(status, invite.getRequest());
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
            if (status < 300) {
                SipURI contact = sip.addresses.createSipURI(EmbeddedAgent.USER, LoopbackSipStack.HOST);
                contact.setPort(sip.port);
                response.addHeader(sip.headers.createContactHeader(sip.addresses.createAddress(contact)));
            }
            if (sdp != null) {
                response.setContent(sdp, sip.headers.createContentTypeHeader(
                        SessionDescriptions.CONTENT_TYPE, SessionDescriptions.CONTENT_SUBTYPE));
            }
            invite.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "call " + callId + ": could not send " + status, e);
        }
    }

    private void tell(Consumer<AgentListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "agent listener failed on call " + callId, e);
        }
        changed.run();
    }

    private static String user(URI uri) {
        return uri instanceof SipURI sipUri && sipUri.getUser() != null ? sipUri.getUser() : "";
    }

    private static Map<String, String> headersOf(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (ListIterator<?> names = request.getHeaderNames(); names.hasNext(); ) {
            String name = (String) names.next();
            Header header = request.getHeader(name);
            if (header != null) {
                String text = header.toString().strip();
                int colon = text.indexOf(':');
                headers.putIfAbsent(colon > 0 ? text.substring(0, colon).strip() : name,
                        colon > 0 ? text.substring(colon + 1).strip() : text);
            }
        }
        return headers;
    }
}
