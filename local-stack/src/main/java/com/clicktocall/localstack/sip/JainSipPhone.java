package com.clicktocall.localstack.sip;

import com.clicktocall.localstack.sip.rtp.TelephoneEvent;
import com.clicktocall.model.sip.SipHeaders;
import com.clicktocall.model.sma.SmaLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ObjectInUseException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A {@link SipPhone} over the JAIN-SIP reference stack: UDP on 127.0.0.1, one stack per phone.
 *
 * <p>An INVITE goes to {@code sip:<toNumber>@<target>} from {@code sip:<callerIdNumber>@127.0.0.1}
 * with an SDP offer (PCMU/8000 and telephone-event/8000 as payload type 101, on an RTP port the phone
 * binds for the call) and the request's headers, whose values are made single-line by
 * {@link SipHeaders#sanitiseValue}. 1xx reports {@code ringing} (once), 2xx is ACKed and reports
 * {@code answered}, an error response reports {@code failed} (the stack ACKs it), no response at all
 * reports {@code failed(408)}. At the ring timeout the phone sends CANCEL and reports {@code notAnswered}
 * once the 487 (or any final answer) arrives, or after {@link #CANCEL_GRACE} without one. A BYE from the
 * far end is answered 200 OK and reported as {@code hungUpByFarEnd}. A far end that sends nothing at all
 * before the ring timeout gets no CANCEL (RFC 3261 §9.1) and the call reports {@code failed(408)}. Requests the phone does not take
 * (new INVITEs, re-INVITEs, unknown methods) are refused with a proper status; unparseable datagrams are
 * dropped by the stack.
 *
 * <p>Digits are sent as RFC 4733 telephone events to the media address of the far end's SDP answer,
 * from the call's own RTP port, one digit string after the other. No audio is sent.
 *
 * <p>The stack hands received messages to the phone on one thread, in order; listeners are called on it
 * (and on the phone's timer thread), so they should return quickly. They may call back into the call.
 */
public final class JainSipPhone implements SipPhone {

    private static final System.Logger LOG = System.getLogger(JainSipPhone.class.getName());

    /** How long to wait for the final response to a CANCELled INVITE before giving up on it. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(4);
    static final String USER_AGENT = "click-to-call-local-stack";
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS";

    /** The user part of the From and To URIs: a phone number, or a plain SIP user name. */
    private static final Pattern USER = Pattern.compile("\\+?[0-9A-Za-z._~-]{1,64}");

    private final LoopbackSipStack sip;
    private final ScheduledExecutorService timers;
    private final Map<String, OutboundCall> calls = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private JainSipPhone(int port, SipMessageLog log) throws IOException {
        this.timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("sip-phone-timer").factory());
        try {
            this.sip = LoopbackSipStack.open("sip-phone", port, new Events(), log);
        } catch (IOException | RuntimeException e) {
            timers.shutdownNow();
            throw e;
        }
    }

    /**
     * Starts a phone on UDP 127.0.0.1.
     *
     * @param port the SIP port, 0 for any free port (see {@link #port()})
     * @param log told of every SIP message sent and received ({@link SipMessageLog#NONE} for none)
     * @throws IOException when the port cannot be bound
     */
    public static JainSipPhone start(int port, SipMessageLog log) throws IOException {
        return new JainSipPhone(port, log);
    }

    /** The UDP port the phone's SIP stack listens on. */
    public int port() {
        return sip.port;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when a number is not a SIP user name (e.g. {@code +15551234567}), a
     *         header name is not one CallAndBridge allows ({@link SipHeaders#isAllowedName}), or the ring
     *         timeout is not positive; {@code null} ring timeout means the SMA's default
     * @throws IllegalStateException when the phone is closed
     * @throws UncheckedIOException when no RTP port is free
     */
    @Override
    public SipCall invite(InviteRequest request, SipCallListener listener) {
        validate(request, listener);
        if (closed) {
            throw new IllegalStateException("the SIP phone is closed");
        }
        Duration ringTimeout = request.ringTimeout() == null
                ? Duration.ofSeconds(SmaLimits.DEFAULT_CALL_TIMEOUT_SECONDS) : request.ringTimeout();
        DatagramSocket rtp = bindRtp();
        Request invite;
        try {
            invite = inviteRequest(request, rtp.getLocalPort());
        } catch (ParseException | SipException | InvalidArgumentException e) {
            rtp.close();
            throw new IllegalArgumentException("cannot build an INVITE for " + request + ": " + e.getMessage(), e);
        }
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        OutboundCall call = new OutboundCall(callId, listener, rtp, new DialogSignalling(sip, timers, CANCEL_GRACE), ended -> calls.remove(ended.sipCallId(), ended));
        calls.put(callId, call);
        try {
            ClientTransaction transaction = sip.provider.getNewClientTransaction(invite);
            call.sending(transaction, timers.schedule(call::ringTimeout, ringTimeout.toMillis(), TimeUnit.MILLISECONDS));
            transaction.sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "INVITE " + callId + " to " + request.target() + " could not be sent", e);
            timers.execute(() -> call.failure(503, "Service Unavailable (INVITE not sent: " + e.getMessage() + ")"));
        }
        return call;
    }

    private static void validate(InviteRequest request, SipCallListener listener) {
        if (request == null || listener == null || request.target() == null) {
            throw new IllegalArgumentException("an INVITE needs a request with a target, and a listener");
        }
        requireUser("caller id number", request.callerIdNumber());
        requireUser("number to call", request.toNumber());
        if (request.ringTimeout() != null && (request.ringTimeout().isNegative() || request.ringTimeout().isZero())) {
            throw new IllegalArgumentException("ring timeout must be positive, got " + request.ringTimeout());
        }
        request.headers().keySet().stream().filter(name -> !SipHeaders.isAllowedName(name)).findFirst()
                .ifPresent(name -> {
                    throw new IllegalArgumentException("SIP header '" + SipHeaders.sanitiseValue(name)
                            + "' is not allowed: names start with x- (not x-amzn, x-vc, ...), or are User-to-User or Diversion");
                });
    }

    private static void requireUser(String what, String value) {
        if (value == null || !USER.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + SipHeaders.sanitiseValue(value)
                    + "' is not a phone number or SIP user name");
        }
    }

    static DatagramSocket bindRtp() {
        try {
            return new DatagramSocket(new InetSocketAddress(InetAddress.getByName(LoopbackSipStack.HOST), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("no free RTP port on " + LoopbackSipStack.HOST, e);
        }
    }

    private Request inviteRequest(InviteRequest request, int rtpPort)
            throws ParseException, SipException, InvalidArgumentException {
        SipURI to = sip.addresses.createSipURI(request.toNumber(), request.target().host());
        to.setPort(request.target().port());
        SipURI from = sip.addresses.createSipURI(request.callerIdNumber(), LoopbackSipStack.HOST);
        from.setPort(sip.port);
        Address fromAddress = sip.addresses.createAddress(from);
        ViaHeader via = sip.headers.createViaHeader(LoopbackSipStack.HOST, sip.port, LoopbackSipStack.TRANSPORT, null);
        Request invite = sip.messages.createRequest(to, Request.INVITE, sip.provider.getNewCallId(),
                sip.headers.createCSeqHeader(1L, Request.INVITE),
                sip.headers.createFromHeader(fromAddress, Long.toHexString(ThreadLocalRandom.current().nextLong())),
                sip.headers.createToHeader(sip.addresses.createAddress((SipURI) to.clone()), null),
                List.of(via), sip.headers.createMaxForwardsHeader(70),
                sip.headers.createContentTypeHeader(SessionDescriptions.CONTENT_TYPE, SessionDescriptions.CONTENT_SUBTYPE),
                SessionDescriptions.describe(rtpPort, TelephoneEvent.DEFAULT_PAYLOAD_TYPE,
                        ThreadLocalRandom.current().nextLong(1L << 40)));
        invite.addHeader(sip.headers.createContactHeader(sip.addresses.createAddress((SipURI) from.clone())));
        invite.addHeader(sip.headers.createUserAgentHeader(List.of(USER_AGENT)));
        invite.addHeader(sip.headers.createAllowHeader(ALLOW));
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            invite.addHeader(sip.headers.createHeader(header.getKey(), SipHeaders.sanitiseValue(header.getValue())));
        }
        return invite;
    }

    /** Ends every open call (BYE or CANCEL), then stops the SIP stack and frees its port. */
    @Override
    public void close() {
        closed = true;
        for (OutboundCall call : List.copyOf(calls.values())) {
            try {
                call.hangUp();
                call.end();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "closing " + call, e);
            }
        }
        timers.shutdownNow();
        sip.close();
    }

    /** The stack's callbacks. */
    private final class Events implements SipListener {

        @Override
        public void processResponse(ResponseEvent event) {
            Response response = event.getResponse();
            CallIdHeader callIdHeader = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
            CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
            OutboundCall call = callIdHeader == null ? null : calls.get(callIdHeader.getCallId());
            if (call == null || cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
                return;
            }
            call.inviteResponse(response, event.getDialog());
        }

        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            String method = request.getMethod();
            if (Request.ACK.equals(method)) {
                return;
            }
            CallIdHeader callIdHeader = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
            OutboundCall call = callIdHeader == null ? null : calls.get(callIdHeader.getCallId());
            switch (method) {
                case Request.BYE -> {
                    if (call == null) {
                        respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    } else {
                        respond(event, Response.OK);
                        call.byeReceived();
                    }
                }
                case Request.OPTIONS -> respond(event, Response.OK);
                case Request.CANCEL -> respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                // A re-INVITE (call known) keeps the session as it is; this phone takes no incoming calls.
                case Request.INVITE -> respond(event, call != null ? Response.NOT_ACCEPTABLE_HERE : Response.DECLINE);
                default -> respond(event, Response.METHOD_NOT_ALLOWED);
            }
        }

        private void respond(RequestEvent event, int status) {
            sip.respond(event, status);
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            if (event.isServerTransaction() || event.getClientTransaction() == null) {
                return;
            }
            Request request = event.getClientTransaction().getRequest();
            if (Request.INVITE.equals(request.getMethod())) {
                OutboundCall call = calls.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
                if (call != null) {
                    call.inviteTimedOut();
                }
            }
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            LOG.log(Level.DEBUG, "SIP I/O error towards {0}:{1}", event.getHost(), event.getPort());
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
        }
    }
}
