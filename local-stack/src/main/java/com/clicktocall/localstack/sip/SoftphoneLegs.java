package com.clicktocall.localstack.sip;

import com.clicktocall.localstack.sip.rtp.ComfortTone;
import com.clicktocall.localstack.sip.rtp.TelephoneEvent;
import com.clicktocall.model.sip.SipHeaders;
import java.lang.System.Logger.Level;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The {@link EmbeddedAgent}'s calls to the agent's softphone (the B legs), on the agent's own SIP stack: the
 * INVITE the dial plan's {@code Dial} would send, its responses, requests and timeouts, and the caller's
 * digits relayed as SIP INFO (the agent endpoint's {@code dtmf_mode=info}: WebRTC gives JavaScript no
 * received RFC 4733 events). Each leg's state machine is an {@link OutboundCall}, its audio a
 * {@link SoftphoneMedia} (none when the leg carries the caller page's own offer); nothing here throws into the
 * stack's threads.
 */
final class SoftphoneLegs {

    private static final System.Logger LOG = System.getLogger(SoftphoneLegs.class.getName());

    /** What Asterisk sends for {@code dtmf_mode=info}: {@code application/dtmf-relay}. */
    static final String DTMF_RELAY_TYPE = "application";
    static final String DTMF_RELAY_SUBTYPE = "dtmf-relay";
    /** The From user when the caller's is not a SIP user name. */
    static final String ANONYMOUS = "anonymous";

    private static final Pattern USER = Pattern.compile("\\+?[0-9A-Za-z._~-]{1,64}");
    private static final Pattern NOT_IN_DISPLAY_NAME = Pattern.compile("[\"\\\\\\p{Cntrl}]");

    /** What a leg tells the {@link EmbeddedAgent}: its progress, and at its end what its audio did. */
    interface LegListener extends SipCallListener {

        /**
         * An answered leg has ended (either side's BYE, or the PBX closing) and its audio stopped: called once,
         * before {@link #hungUpByFarEnd()} when the softphone ended it. Never called for a leg not answered.
         */
        void mediaEnded(SoftphoneMedia.Counts counts);

        /**
         * A leg that carried the caller's own offer was answered with {@code sdp}: called once, right after
         * {@link #answered()}. A 2xx without a body is not reported here.
         */
        void callerMediaAnswered(String sdp);
    }

    /**
     * One leg: its call, where it rings, its audio; passes the call's events on, starting the audio on the answer.
     * A leg that carries the caller's offer has no audio of its own ({@code media} is {@code null}): its answer
     * is passed on instead.
     */
    private final class Leg implements SipCallListener {

        private final LegListener listener;
        private final SipTarget target;
        private final SoftphoneMedia media;
        private volatile OutboundCall call;

        Leg(LegListener listener, SipTarget target, SoftphoneMedia media) {
            this.listener = listener;
            this.target = target;
            this.media = media;
        }

        OutboundCall call() {
            return call;
        }

        SipTarget target() {
            return target;
        }

        @Override
        public void ringing() {
            listener.ringing();
        }

        @Override
        public void answered() {
            if (media == null) {
                listener.answered();
                call.answerSdp().map(sdp -> new String(sdp, StandardCharsets.UTF_8)).ifPresentOrElse(listener::callerMediaAnswered,
                        () -> LOG.log(Level.INFO, "softphone leg {0} answered the caller's offer without an SDP answer",
                                call.sipCallId()));
                return;
            }
            call.answeredMedia().ifPresentOrElse(far -> media.start(far.address()),
                    () -> LOG.log(Level.INFO, "softphone leg {0} answered without a usable audio stream: no audio sent",
                            call.sipCallId()));
            listener.answered();
        }

        @Override
        public void failed(int sipStatus, String reason) {
            listener.failed(sipStatus, reason);
        }

        @Override
        public void notAnswered() {
            listener.notAnswered();
        }

        @Override
        public void hungUpByFarEnd() {
            listener.hungUpByFarEnd();
        }

        /** The call has ended (it closed the RTP socket first): once, the audio's counts go to the listener. */
        void ended(OutboundCall ended) {
            java.util.Optional.ofNullable(media).flatMap(SoftphoneMedia::stop).ifPresent(counts -> {
                try {
                    listener.mediaEnded(counts);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "softphone leg " + ended.sipCallId() + ": listener failed on mediaEnded", e);
                }
            });
            // Only now: until the listener has the final count, the live one stays readable.
            legs.remove(ended.sipCallId());
        }
    }

    private final LoopbackSipStack sip;
    private final ScheduledExecutorService timers;
    private final DialogSignalling signalling;
    private final String contactUser;
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    /** Paces every leg's audio: not {@code timers}, which may wait for an ACK. */
    private final ScheduledExecutorService mediaPacer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("softphone-rtp-pacer").factory());
    private final ComfortTone tone = new ComfortTone();

    SoftphoneLegs(LoopbackSipStack sip, ScheduledExecutorService timers, String contactUser) {
        this.sip = sip;
        this.timers = timers;
        this.signalling = new DialogSignalling(sip, timers, JainSipPhone.CANCEL_GRACE);
        this.contactUser = contactUser;
    }

    /** Stops every leg's audio; the legs themselves are ended by hanging up their calls first. */
    void close() {
        mediaPacer.shutdownNow();
    }

    /**
     * Sends the softphone an INVITE and returns its leg at once; the leg reports to {@code listener} (on SIP
     * and timer threads) exactly one of answered, failed (an error response, 408 when the softphone never
     * responded, 503 when the INVITE could not be sent) or not answered within the ring timeout (it is then
     * cancelled). Once answered, the leg sends the softphone audio ({@link SoftphoneMedia}) until it ends, and
     * then reports what its audio did ({@link LegListener#mediaEnded}). With {@code callerOffer}, the INVITE
     * carries that SDP, byte for byte, in place of the leg's own; the leg then opens no RTP port, sends no audio,
     * and passes the softphone's answer to {@link LegListener#callerMediaAnswered}.
     *
     * @param callerUser the caller's number: the From user
     * @param requestorEmail the caller's e-mail, {@code null} or blank when there is none: sent as
     *        {@code X-RequestorEmail} and as the From display name, like the dial plan's {@code agent-leg}
     * @param callerOffer the caller page's WebRTC offer, {@code null} for the leg's own PCMU offer
     * @throws java.io.UncheckedIOException when no RTP port is free
     * @throws IllegalStateException when the INVITE cannot be built
     */
    OutboundCall ring(Softphone softphone, String callerUser, String requestorEmail, String callerOffer, LegListener listener) {
        DatagramSocket rtp = callerOffer == null ? JainSipPhone.bindRtp() : null;
        Request invite;
        try {
            byte[] sdp = rtp == null ? callerOffer.getBytes(StandardCharsets.UTF_8)
                    : SessionDescriptions.describe(rtp.getLocalPort(), TelephoneEvent.DEFAULT_PAYLOAD_TYPE,
                            ThreadLocalRandom.current().nextLong(1L << 40));
            invite = invite(softphone, callerUser, requestorEmail, sdp);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            if (rtp != null) {
                rtp.close();
            }
            throw new IllegalStateException("cannot build the softphone's INVITE: " + e.getMessage(), e);
        }
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        Leg leg = new Leg(listener, softphone.registrar(), rtp == null ? null : new SoftphoneMedia(rtp, mediaPacer, tone));
        OutboundCall call = new OutboundCall(callId, leg, rtp, signalling, leg::ended);
        leg.call = call;
        legs.put(callId, leg);
        try {
            ClientTransaction transaction = sip.provider.getNewClientTransaction(invite);
            call.sending(transaction, timers.schedule(call::ringTimeout, softphone.ringTimeout().toMillis(), TimeUnit.MILLISECONDS));
            transaction.sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "INVITE to the softphone " + softphone.addressOfRecord() + " could not be sent", e);
            call.failure(Response.SERVICE_UNAVAILABLE, "Service Unavailable (INVITE not sent: " + e.getMessage() + ")");
        }
        return call;
    }

    private Request invite(Softphone softphone, String callerUser, String requestorEmail, byte[] sdp)
            throws ParseException, SipException, InvalidArgumentException {
        SipURI requestUri = sip.addresses.createSipURI(softphone.user(), softphone.registrar().host());
        requestUri.setPort(softphone.registrar().port());
        String user = callerUser != null && USER.matcher(callerUser).matches() ? callerUser : ANONYMOUS;
        Address from = sip.addresses.createAddress(sip.addresses.createSipURI(user, LoopbackSipStack.HOST));
        String email = requestorEmail == null ? "" : SipHeaders.sanitiseValue(requestorEmail).strip();
        if (!email.isEmpty()) {
            from.setDisplayName(NOT_IN_DISPLAY_NAME.matcher(email).replaceAll(""));
        }
        ViaHeader via = sip.headers.createViaHeader(LoopbackSipStack.HOST, sip.port, LoopbackSipStack.TRANSPORT, null);
        Request invite = sip.messages.createRequest(requestUri, Request.INVITE, sip.provider.getNewCallId(),
                sip.headers.createCSeqHeader(1L, Request.INVITE),
                sip.headers.createFromHeader(from, Long.toHexString(ThreadLocalRandom.current().nextLong())),
                sip.headers.createToHeader(sip.addresses.createAddress((SipURI) requestUri.clone()), null),
                List.of(via), sip.headers.createMaxForwardsHeader(70),
                sip.headers.createContentTypeHeader(SessionDescriptions.CONTENT_TYPE, SessionDescriptions.CONTENT_SUBTYPE), sdp);
        SipURI contact = sip.addresses.createSipURI(contactUser, LoopbackSipStack.HOST);
        contact.setPort(sip.port);
        invite.addHeader(sip.headers.createContactHeader(sip.addresses.createAddress(contact)));
        invite.addHeader(sip.headers.createUserAgentHeader(List.of(JainSipPhone.USER_AGENT)));
        invite.addHeader(sip.headers.createAllowHeader(JainSipPhone.ALLOW));
        if (!email.isEmpty()) {
            invite.addHeader(sip.headers.createHeader(SipHeaders.REQUESTOR_EMAIL, email));
        }
        return invite;
    }

    /** The RTP packets received so far on a leg's socket; 0 once the leg has ended (its listener has the final count). */
    long mediaPacketsReceived(OutboundCall leg) {
        Leg known = legs.get(leg.sipCallId());
        return known == null || known.media == null ? 0 : known.media.received();
    }

    /**
     * Sends one digit to an answered softphone as an in-dialog INFO, as Asterisk does for
     * {@code dtmf_mode=info}. Does nothing when the leg is not answered; a failure is logged.
     */
    void relayDigit(OutboundCall leg, char digit, int durationMillis) {
        leg.answeredDialog().ifPresent(dialog -> {
            try {
                Request info = dialog.createRequest(Request.INFO);
                info.setContent(dtmfRelay(digit, durationMillis),
                        sip.headers.createContentTypeHeader(DTMF_RELAY_TYPE, DTMF_RELAY_SUBTYPE));
                dialog.sendRequest(sip.provider.getNewClientTransaction(info));
            } catch (ParseException | SipException | RuntimeException e) {
                LOG.log(Level.WARNING, "INFO for digit " + digit + " on " + leg.sipCallId() + " failed", e);
            }
        });
    }

    /** The body of an {@code application/dtmf-relay} INFO, in Asterisk's format. */
    static byte[] dtmfRelay(char digit, int durationMillis) {
        return ("Signal=" + digit + "\r\nDuration=" + durationMillis + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    // --- the stack's callbacks, for the legs' Call-IDs --------------------------------------------------

    /** @return whether the response belongs to a softphone leg (and was handled) */
    boolean response(ResponseEvent event) {
        Response response = event.getResponse();
        Leg leg = leg(response.getHeader(CallIdHeader.NAME));
        if (leg == null) {
            return false;
        }
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        // Responses to the leg's INFOs and BYE change nothing.
        if (cseq != null && Request.INVITE.equals(cseq.getMethod())) {
            leg.call().inviteResponse(response, event.getDialog());
        }
        return true;
    }

    /** @return whether the request belongs to a softphone leg (and was answered) */
    boolean request(RequestEvent event) {
        Request request = event.getRequest();
        Leg leg = leg(request.getHeader(CallIdHeader.NAME));
        if (leg == null) {
            return false;
        }
        switch (request.getMethod()) {
            case Request.ACK -> {
                // nothing: the leg sends no 2xx of its own
            }
            case Request.BYE -> {
                sip.respond(event, Response.OK);
                leg.call().byeReceived();
            }
            case Request.INFO, Request.OPTIONS -> sip.respond(event, Response.OK);
            // A re-INVITE: the leg keeps the session as it is, as the embedded agent does.
            case Request.INVITE -> sip.respond(event, Response.NOT_ACCEPTABLE_HERE);
            case Request.CANCEL -> sip.respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            default -> sip.respond(event, Response.METHOD_NOT_ALLOWED);
        }
        return true;
    }

    /** An INVITE of a leg whose transaction timed out ends the leg as 408. */
    void timeout(TimeoutEvent event) {
        if (event.isServerTransaction() || event.getClientTransaction() == null) {
            return;
        }
        Request request = event.getClientTransaction().getRequest();
        Leg leg = leg(request.getHeader(CallIdHeader.NAME));
        if (leg != null && Request.INVITE.equals(request.getMethod())) {
            leg.call().inviteTimedOut();
        }
    }

    /** The stack could not send to {@code host:port}: the legs still calling there fail with 503. */
    void ioError(String host, int port) {
        for (Leg leg : List.copyOf(legs.values())) {
            if (leg.target().host().equalsIgnoreCase(host) && leg.target().port() == port) {
                leg.call().failure(Response.SERVICE_UNAVAILABLE, "Service Unavailable (I/O error towards " + host + ":" + port + ")");
            }
        }
    }

    private Leg leg(javax.sip.header.Header callId) {
        return callId instanceof CallIdHeader header ? legs.get(header.getCallId()) : null;
    }
}
