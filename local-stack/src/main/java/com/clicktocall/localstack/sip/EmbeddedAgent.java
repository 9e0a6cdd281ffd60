package com.clicktocall.localstack.sip;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * The local stack's default PBX: a SIP user agent on UDP 127.0.0.1 that plays the agent's phone. It
 * answers INVITEs according to {@link AgentConfig} (by default every one, with 180 Ringing then 200 OK), keeps
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
 * With {@link AgentConfig#withCallerOffers} and an offer kept for the call's {@code X-RequestorEmail}, the softphone's
 * INVITE carries that offer (the caller page's WebRTC SDP) unchanged instead of the agent's own: the two browsers
 * then exchange audio directly, the agent sends no comfort tone and opens no RTP port for that leg, and the
 * softphone's SDP answer goes to {@link AgentListener#callerMediaAnswered}. {@link AgentListener#softphoneProgress}
 * is told {@value #CALLER_OFFER_RELAYED}. The caller's leg keeps its plain RTP, and digits still reach the
 * softphone as SIP INFO.
 *
 * <h2>Wiring it into the stack</h2>
 * <pre>{@code
 * EmbeddedAgent agent = EmbeddedAgent.start(
 *         AgentConfig.defaults().withPort(5080)
 *                 .withBehaviours(AgentBehaviours.parse("+15550100486=busy,+15550100000=never-answer"))
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
 * All methods are thread-safe. Listener methods run on SIP and RTP threads. Each call's state machine is an
 * {@link InboundCall}; {@link AgentSipListener} hands it what the SIP stack receives.
 */
public final class EmbeddedAgent implements AutoCloseable {

    /** The agent's SIP user: the Contact of its answers, the From of its calls to the softphone. */
    static final String USER = "agent";
    /** What {@link AgentListener#softphoneProgress} is told when the softphone leg carries the caller page's offer. */
    public static final String CALLER_OFFER_RELAYED = "the caller's WebRTC offer relayed to the softphone";

    private final AgentConfig config;
    private final LoopbackSipStack sip;
    private final ScheduledExecutorService timers;
    private final SoftphoneLegs softphoneLegs;
    private final InboundCall.AgentSide side;
    private final Map<String, InboundCall> calls = new ConcurrentHashMap<>();
    private final Object changes = new Object();

    private EmbeddedAgent(AgentConfig config, AgentListener listener, SipMessageLog log) throws IOException {
        this.config = config;
        this.timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("sip-agent-timer").factory());
        try {
            this.sip = LoopbackSipStack.open("sip-agent", config.port(), new AgentSipListener(this), log);
        } catch (IOException | RuntimeException e) {
            timers.shutdownNow();
            throw e;
        }
        this.softphoneLegs = new SoftphoneLegs(sip, timers, USER);
        this.side = new InboundCall.AgentSide(config, listener, sip, timers, softphoneLegs, this::changed);
    }

    /**
     * Starts the agent on UDP 127.0.0.1.
     *
     * @throws IOException when the port cannot be bound
     */
    public static EmbeddedAgent start(AgentConfig config, AgentListener listener, SipMessageLog log) throws IOException {
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

    // ---------------------------------------------------------------- for the SIP listener

    LoopbackSipStack sip() {
        return sip;
    }

    SoftphoneLegs softphoneLegs() {
        return softphoneLegs;
    }

    /** The call of {@code sipCallId}, or {@code null}. */
    InboundCall inboundCall(String sipCallId) {
        return calls.get(sipCallId);
    }

    /** An INVITE outside any call: a new call, unless it is a retransmission of one just taken. */
    void received(Request invite, ServerTransaction transaction) {
        InboundCall call = new InboundCall(invite, transaction, side);
        if (calls.putIfAbsent(call.callId(), call) == null) {
            forgetOldCalls();
            call.start();
        }
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
}
