package com.clicktocall.localstack.sip;

import com.clicktocall.localstack.sip.rtp.TelephoneEvent;
import com.clicktocall.localstack.sip.rtp.TelephoneEventReceiver;
import com.clicktocall.model.sip.SipHeaders;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The local stack's default PBX: a SIP user agent on UDP 127.0.0.1 that plays the agent's phone. It
 * answers INVITEs according to {@link Config} (by default every one, with 180 Ringing then 200 OK), keeps
 * a record of each call (the INVITE's headers such as {@code X-RequestorEmail}, from, to, state), decodes
 * the RFC 4733 digits sent to the RTP port of its SDP answer, answers BYE, and can hang up itself.
 *
 * <h2>The agent's softphone</h2>
 * With a {@link Softphone} configured it plays the PBX's dial plan ({@code pbx/asterisk/extensions.conf}): a
 * call to the Voice Connector's number hears 180, and the agent rings the softphone's address of record at its
 * registrar (a second call, the B leg, from its own SIP stack: {@code X-RequestorEmail} copied, the e-mail as
 * the From display name, its own PCMU + telephone-event offer). When the softphone answers, the caller's call
 * is answered too ({@link AgentCall#answeredBy()} {@code SOFTPHONE}),
 * every digit the caller sends reaches the softphone as one SIP INFO ({@code application/dtmf-relay},
 * {@code Signal=<digit>\r\nDuration=<ms>\r\n}, as Asterisk sends for {@code dtmf_mode=info}), and a BYE
 * from either side ends the other. While the softphone's leg is up the agent sends it audio where Asterisk
 * would bridge the caller's voice (PCMU, 20 ms frames: a quiet beep every 3 s, see {@link SoftphoneMedia}) and
 * counts the RTP packets it sends back; when the leg ends it tells both counts
 * ({@code media: <sent> RTP packets sent to the softphone, <received> received from it}). When it does not (an error response such as 404, 480, 486 or 603, no
 * answer within the ring timeout, then cancelled, no response at all, a send failure), the call goes on
 * as without a softphone, by its {@link AgentBehaviour}: the dial plan's "no agent: answer" path. A caller's
 * CANCEL cancels the softphone too. {@link AgentListener#softphoneProgress} and {@link AgentCall#softphone()}
 * say what became of the softphone's leg.
 *
 * <h2>The caller page's own audio</h2>
 * With {@link Config#withCallerOffers} and an offer kept for the call's {@code X-RequestorEmail}, the softphone's
 * INVITE carries that offer (the caller page's WebRTC SDP) unchanged instead of the agent's own: the two browsers
 * then exchange audio directly, the agent sends no comfort tone and opens no RTP port for that leg, and the
 * softphone's SDP answer goes to {@link AgentListener#callerMediaAnswered}. {@link AgentListener#softphoneProgress}
 * is told {@value #CALLER_OFFER_RELAYED}. The caller's leg keeps its plain RTP, and digits still reach the
 * softphone as SIP INFO.
 *
 * <h2>Wiring it into the stack</h2>
 * <pre>{@code
 * EmbeddedAgent agent = EmbeddedAgent.start(
 *         EmbeddedAgent.Config.defaults().withPort(5080)
 *                 .withBehaviours(EmbeddedAgent.Config.parseBehaviours("+15550100486=busy,+15550100000=never-answer"))
 *                 .withSoftphone(Softphone.fromOptions("sip:agent@127.0.0.1:5070", "20", "+12065550199").orElse(null)),
 *         timelineListener,            // AgentListener: callReceived, stateChanged, softphoneProgress, digitReceived
 *         sipMessages);                // SipMessageLog: every SIP message in and out
 * SipTarget pbx = agent.target();      // sip:127.0.0.1:5080, where CallAndBridge calls go
 * List<AgentCall> calls = agent.calls();                 // snapshots, oldest first
 * Optional<AgentCall> call = agent.call(sipCallId);      // one call by Call-ID
 * agent.await(c -> c.digits().equals("1234"), Duration.ofSeconds(5));   // bounded wait, for tests
 * agent.hangUp(sipCallId);             // the agent ends the call (BYE, or 480 while ringing)
 * agent.close();
 * }</pre>
 *
 * All methods are thread-safe. Listener methods run on SIP and RTP threads.
 */
public final class EmbeddedAgent implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedAgent.class.getName());
    private static final String USER = "agent";
    /** Ended calls beyond this many are forgotten, oldest first, unless the configuration says otherwise. */
    static final int MAX_REMEMBERED_CALLS = 500;
    /** RFC 3261 §15: no BYE on an answered call before its ACK; this long at most is waited for it. */
    static final Duration ACK_WAIT = Duration.ofSeconds(2);
    /** What {@link AgentListener#softphoneProgress} is told when the softphone leg carries the caller page's offer. */
    public static final String CALLER_OFFER_RELAYED = "the caller's WebRTC offer relayed to the softphone";

    /**
     * How the agent behaves.
     *
     * @param port UDP port on 127.0.0.1, 0 for any free port
     * @param ringDelay how long {@link AgentBehaviour#ANSWER} rings before the 200 OK
     * @param defaultBehaviour for numbers not in {@code byNumber}
     * @param byNumber behaviour per dialled number (the Request-URI's user part, e.g. {@code +15550100486})
     * @param softphone the agent's softphone, rung first for calls to its Voice Connector number; {@code null}
     *        for none (every call is the embedded agent's)
     * @param callerOffers the caller pages' WebRTC offers, sent to the softphone in place of the agent's own SDP;
     *        {@code null} for none
     * @param rememberedCalls ended calls beyond this many are forgotten, oldest first, so a long-running stack stays small
     */
    public record Config(int port, Duration ringDelay, AgentBehaviour defaultBehaviour,
            Map<String, AgentBehaviour> byNumber, Softphone softphone, CallerMediaOffers callerOffers, int rememberedCalls) {

        public Config {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("agent port must be 0-65535, got " + port);
            }
            if (ringDelay == null || ringDelay.isNegative()) {
                throw new IllegalArgumentException("ring delay must be zero or positive, got " + ringDelay);
            }
            if (defaultBehaviour == null) {
                throw new IllegalArgumentException("a default behaviour is required");
            }
            byNumber = Map.copyOf(byNumber);
            if (rememberedCalls < 0) {
                throw new IllegalArgumentException("remembered calls must be zero or more, got " + rememberedCalls);
            }
        }

        /** Any free port, answers every call at once. */
        public static Config defaults() {
            return new Config(0, Duration.ZERO, AgentBehaviour.ANSWER, Map.of(), null, null, MAX_REMEMBERED_CALLS);
        }

        public Config withPort(int port) {
            return new Config(port, ringDelay, defaultBehaviour, byNumber, softphone, callerOffers, rememberedCalls);
        }

        public Config withRingDelay(Duration ringDelay) {
            return new Config(port, ringDelay, defaultBehaviour, byNumber, softphone, callerOffers, rememberedCalls);
        }

        public Config withDefaultBehaviour(AgentBehaviour behaviour) {
            return new Config(port, ringDelay, behaviour, byNumber, softphone, callerOffers, rememberedCalls);
        }

        /**
         * Rings the agent's softphone first for calls to {@code softphone.voiceConnectorNumber()}; the behaviours
         * apply when it does not answer. {@code null} switches it off.
         */
        public Config withSoftphone(Softphone softphone) {
            return new Config(port, ringDelay, defaultBehaviour, byNumber, softphone, callerOffers, rememberedCalls);
        }

        /**
         * When the softphone is rung for a call whose {@code X-RequestorEmail} has an offer in {@code offers}, the
         * offer (the caller page's WebRTC SDP) is taken and sent unchanged as the softphone leg's SDP, and the
         * softphone's answer goes to {@link AgentListener#callerMediaAnswered}; the agent then sends no audio of
         * its own on that leg.
         */
        /** Ended calls beyond {@code count} are forgotten (their snapshots leave {@link EmbeddedAgent#calls()}), oldest first. */
        public Config withRememberedCalls(int count) {
            return new Config(port, ringDelay, defaultBehaviour, byNumber, softphone, callerOffers, count);
        }

        public Config withCallerOffers(CallerMediaOffers offers) {
            return new Config(port, ringDelay, defaultBehaviour, byNumber, softphone, offers, rememberedCalls);
        }

        /** The caller page's offer for {@code email}, taken: given at most once. */
        Optional<String> takeCallerOffer(String email) {
            return callerOffers == null ? Optional.empty() : callerOffers.take(email);
        }

        /**
         * @param addressOfRecord e.g. {@code sip:agent@127.0.0.1:5070}
         * @throws IllegalArgumentException see {@link Softphone#of}
         */
        public Config withSoftphone(String addressOfRecord, String voiceConnectorNumber, Duration ringTimeout) {
            return withSoftphone(Softphone.of(addressOfRecord, voiceConnectorNumber, ringTimeout));
        }

        /** The softphone to ring first for a call to {@code number}: only the Voice Connector's number has one. */
        Optional<Softphone> softphoneFor(String number) {
            return Optional.ofNullable(softphone).filter(s -> s.voiceConnectorNumber().equals(number));
        }

        public Config withBehaviours(Map<String, AgentBehaviour> behaviours) {
            Map<String, AgentBehaviour> all = new LinkedHashMap<>(byNumber);
            all.putAll(behaviours);
            return new Config(port, ringDelay, defaultBehaviour, all, softphone, callerOffers, rememberedCalls);
        }

        public Config withBehaviour(String number, AgentBehaviour behaviour) {
            return withBehaviours(Map.of(number, behaviour));
        }

        /**
         * Reads {@code number=behaviour} pairs separated by commas, e.g.
         * {@code +15550100486=busy, +15550100000=never-answer}; blank means none.
         *
         * @throws IllegalArgumentException naming the pair that is not {@code number=behaviour}
         */
        public static Map<String, AgentBehaviour> parseBehaviours(String text) {
            Map<String, AgentBehaviour> behaviours = new LinkedHashMap<>();
            if (text == null || text.isBlank()) {
                return behaviours;
            }
            for (String pair : text.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                if (equals <= 0 || pair.substring(0, equals).isBlank()) {
                    throw new IllegalArgumentException("'" + pair.strip() + "' is not number=behaviour");
                }
                behaviours.put(pair.substring(0, equals).strip(), AgentBehaviour.parse(pair.substring(equals + 1)));
            }
            return behaviours;
        }

        AgentBehaviour behaviourFor(String number) {
            return byNumber.getOrDefault(number, defaultBehaviour);
        }
    }

    private final Config config;
    private final AgentListener listener;
    private final LoopbackSipStack sip;
    private final ScheduledExecutorService timers;
    private final SoftphoneLegs softphoneLegs;
    private final Map<String, InboundCall> calls = new ConcurrentHashMap<>();
    private final Object changes = new Object();

    private EmbeddedAgent(Config config, AgentListener listener, SipMessageLog log) throws IOException {
        this.config = config;
        this.listener = listener;
        this.timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("sip-agent-timer").factory());
        try {
            this.sip = LoopbackSipStack.open("sip-agent", config.port(), new Events(), log);
        } catch (IOException | RuntimeException e) {
            timers.shutdownNow();
            throw e;
        }
        this.softphoneLegs = new SoftphoneLegs(sip, timers, USER);
    }

    /**
     * Starts the agent on UDP 127.0.0.1.
     *
     * @throws IOException when the port cannot be bound
     */
    public static EmbeddedAgent start(Config config, AgentListener listener, SipMessageLog log) throws IOException {
        return new EmbeddedAgent(config, listener == null ? AgentListener.NONE : listener,
                log == null ? SipMessageLog.NONE : log);
    }

    /** Where to send INVITEs: {@code sip:127.0.0.1:<port>}. */
    public SipTarget target() {
        return new SipTarget(LoopbackSipStack.HOST, sip.port);
    }

    public int port() {
        return sip.port;
    }

    /** The calls received since the start (ended ones beyond the last 500 forgotten), oldest first. */
    public List<AgentCall> calls() {
        return calls.values().stream().map(InboundCall::snapshot)
                .sorted(Comparator.comparing(AgentCall::receivedAt)).toList();
    }

    public Optional<AgentCall> call(String sipCallId) {
        return Optional.ofNullable(calls.get(sipCallId)).map(InboundCall::snapshot);
    }

    /**
     * Waits, at most {@code timeout}, for a call that matches {@code condition}.
     *
     * @return the first matching call (oldest first), or empty on timeout
     */
    public Optional<AgentCall> await(Predicate<AgentCall> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (true) {
                Optional<AgentCall> match = calls().stream().filter(condition).findFirst();
                long left = deadline - System.nanoTime();
                if (match.isPresent() || left <= 0) {
                    return match;
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
        }
    }

    /**
     * Ends a call from the agent's side: BYE when answered, 480 Temporarily Unavailable while ringing.
     *
     * @return false when there is no such call or it has already ended
     */
    public boolean hangUp(String sipCallId) {
        InboundCall call = calls.get(sipCallId);
        return call != null && call.hangUp();
    }

    /** Hangs up the calls still up (and their softphone legs), then stops the SIP stack and frees its ports. */
    @Override
    public void close() {
        for (InboundCall call : List.copyOf(calls.values())) {
            call.hangUp();
        }
        softphoneLegs.close();
        timers.shutdownNow();
        sip.close();
    }

    private void forgetOldCalls() {
        int excess = calls.size() - config.rememberedCalls();
        if (excess > 0) {
            calls().stream().filter(call -> call.state().isFinal()).limit(excess)
                    .forEach(call -> calls.remove(call.sipCallId()));
        }
    }

    private void changed() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    /** One call at the agent. State changes under its lock; messages and listener calls after it. */
    private final class InboundCall {

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

        InboundCall(Request request, ServerTransaction invite) {
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

        synchronized AgentCall snapshot() {
            return new AgentCall(callId, from, to, headers, state, digits.toString(), receivedAt, answeredBy, softphoneProgress,
                    softphoneMediaPackets >= 0 ? softphoneMediaPackets
                            : softphoneLeg == null ? 0 : softphoneLegs.mediaPacketsReceived(softphoneLeg));
        }

        void start(AgentBehaviour behaviour) {
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
                tell(l -> l.softphoneProgress(now, CALLER_OFFER_RELAYED));
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
                    SipURI contact = sip.addresses.createSipURI(USER, LoopbackSipStack.HOST);
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

        private void tell(java.util.function.Consumer<AgentListener> event) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "agent listener failed on call " + callId, e);
            }
            changed();
        }
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

    /** The stack's callbacks. */
    private final class Events implements SipListener {

        @Override
        public void processRequest(RequestEvent event) {
            if (softphoneLegs.request(event)) {
                return;
            }
            Request request = event.getRequest();
            CallIdHeader callIdHeader = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
            InboundCall call = callIdHeader == null ? null : calls.get(callIdHeader.getCallId());
            switch (request.getMethod()) {
                case Request.INVITE -> {
                    if (call != null) {
                        // A re-INVITE: this agent keeps the session as it is.
                        respond(event, Response.NOT_ACCEPTABLE_HERE);
                    } else {
                        invite(event);
                    }
                }
                case Request.ACK -> {
                    if (call != null) {
                        call.acked();
                    }
                }
                case Request.CANCEL -> {
                    respond(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK);
                    if (call != null) {
                        call.cancelled();
                    }
                }
                case Request.BYE -> {
                    respond(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK);
                    if (call != null) {
                        call.byeReceived();
                    }
                }
                case Request.OPTIONS -> respond(event, Response.OK);
                default -> respond(event, Response.METHOD_NOT_ALLOWED);
            }
        }

        private void invite(RequestEvent event) {
            ServerTransaction transaction;
            try {
                transaction = event.getServerTransaction() != null
                        ? event.getServerTransaction() : sip.provider.getNewServerTransaction(event.getRequest());
            } catch (SipException e) {
                // A retransmission racing its own transaction: the transaction answers it.
                LOG.log(Level.DEBUG, "INVITE not taken", e);
                return;
            }
            InboundCall call = new InboundCall(event.getRequest(), transaction);
            if (calls.putIfAbsent(call.callId, call) == null) {
                forgetOldCalls();
                call.start(config.behaviourFor(call.to));
            }
        }

        private void respond(RequestEvent event, int status) {
            sip.respond(event, status);
        }

        @Override
        public void processResponse(ResponseEvent event) {
            // Besides the softphone legs' responses, only those to the agent's own BYEs arrive: nothing depends on them.
            softphoneLegs.response(event);
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            softphoneLegs.timeout(event);
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            LOG.log(Level.DEBUG, "SIP I/O error towards {0}:{1}", event.getHost(), event.getPort());
            softphoneLegs.ioError(event.getHost(), event.getPort());
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
        }
    }
}
