package com.clicktocall.localstack.sip;

import com.clicktocall.localstack.sip.rtp.TelephoneEventSender;
import com.clicktocall.model.dial.DtmfDigits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Response;

/**
 * One call placed by {@link JainSipPhone}: its state machine and its RTP stream. State changes happen
 * under the call's lock; SIP messages are sent and the listener is told after the lock is released, so
 * a listener may call back into the call.
 */
final class OutboundCall implements SipCall {

    private static final System.Logger LOG = System.getLogger(OutboundCall.class.getName());

    enum State {
        CALLING, RINGING, CANCELLING, ANSWERED, ENDED
    }

    private enum CancelReason {
        RING_TIMEOUT, HANG_UP
    }

    /** The SIP messages and timers a call needs: sent by {@link JainSipPhone}, recorded by the state machine's tests. */
    interface Signalling {
        void ack(Dialog dialog, long cseq);

        void bye(Dialog dialog);

        void cancel(ClientTransaction invite);

        /** Stops retransmitting an INVITE nobody answered. */
        void abandon(ClientTransaction invite);

        void scheduleCancelGrace(OutboundCall call);
    }

    private final String callId;
    private final SipCallListener listener;
    private final DatagramSocket rtpSocket;
    private final Signalling signalling;
    private final Consumer<OutboundCall> onEnd;

    private State state = State.CALLING;
    private CancelReason cancelReason;
    private boolean ringingReported;
    private boolean responded;
    private ClientTransaction invite;
    private Dialog dialog;
    private SessionDescriptions.Media farEndMedia;
    private byte[] answerSdp;
    private TelephoneEventSender digits;
    private ExecutorService digitQueue;
    private ScheduledFuture<?> ringTimer;

    /** @param rtpSocket the call's own RTP socket, closed when it ends; {@code null} when the call has no audio of its own */
    OutboundCall(String callId, SipCallListener listener, DatagramSocket rtpSocket, Signalling signalling,
            Consumer<OutboundCall> onEnd) {
        this.callId = callId;
        this.listener = listener;
        this.rtpSocket = rtpSocket;
        this.signalling = signalling;
        this.onEnd = onEnd;
    }

    @Override
    public String sipCallId() {
        return callId;
    }

    synchronized State state() {
        return state;
    }

    synchronized void sending(ClientTransaction invite, ScheduledFuture<?> ringTimer) {
        this.invite = invite;
        this.ringTimer = ringTimer;
    }

    // --- from the far end -------------------------------------------------------------------------------

    /** A response to this call's INVITE, with the dialog the stack gave it. */
    void inviteResponse(Response response, Dialog responseDialog) {
        int status = response.getStatusCode();
        if (status < 200) {
            if (status > 100) {
                provisional();
            } else {
                trying();
            }
        } else if (status < 300) {
            success(responseDialog, ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber(),
                    response.getRawContent());
        } else {
            failure(status, response.getReasonPhrase());
        }
    }

    /** The dialog of the answered call, for in-dialog requests; empty unless answered. */
    synchronized Optional<Dialog> answeredDialog() {
        return state == State.ANSWERED ? Optional.ofNullable(dialog) : Optional.empty();
    }

    /** The audio stream of the far end's SDP answer; empty unless answered with a usable one. */
    synchronized Optional<SessionDescriptions.Media> answeredMedia() {
        return state == State.ANSWERED ? Optional.ofNullable(farEndMedia) : Optional.empty();
    }

    /** The SDP body of the far end's 2xx, unchanged; empty unless answered with one. */
    synchronized Optional<byte[]> answerSdp() {
        return state == State.ANSWERED && answerSdp != null && answerSdp.length > 0 ? Optional.of(answerSdp.clone()) : Optional.empty();
    }

    /** 100 Trying: the far end is there, nothing to report. */
    synchronized void trying() {
        responded = true;
    }

    void provisional() {
        boolean report;
        synchronized (this) {
            responded = true;
            if (state == State.CALLING) {
                state = State.RINGING;
            }
            report = state == State.RINGING && !ringingReported;
            ringingReported |= report;
        }
        if (report) {
            tell(SipCallListener::ringing, "ringing");
        }
    }

    void success(Dialog responseDialog, long cseq, byte[] sdp) {
        State before;
        CancelReason reason;
        boolean withMedia;
        synchronized (this) {
            responded = true;
            before = state;
            reason = cancelReason;
            if (responseDialog != null) {
                dialog = responseDialog;
            }
            if (before == State.CALLING || before == State.RINGING) {
                state = State.ANSWERED;
                answerSdp = sdp;
                farEndMedia = SessionDescriptions.audio(sdp).orElse(null);
                digits = farEndMedia == null || rtpSocket == null ? null
                        : new TelephoneEventSender(rtpSocket, farEndMedia.address(), farEndMedia.telephoneEventPayloadType());
            } else if (before == State.CANCELLING) {
                state = State.ENDED;
            }
            withMedia = digits != null || rtpSocket == null;
        }
        if (responseDialog == null) {
            // Not expected with automatic dialog support; the far end will give up on its 200 OK.
            LOG.log(Level.WARNING, "2xx without a dialog on call {0}: cannot ACK", callId);
        } else {
            signalling.ack(responseDialog, cseq);
        }
        switch (before) {
            case CALLING, RINGING -> {
                if (!withMedia) {
                    LOG.log(Level.INFO, "call {0} answered without a usable audio stream: digits will be dropped", callId);
                }
                tell(SipCallListener::answered, "answered");
            }
            case CANCELLING -> {
                // The answer crossed our CANCEL: the call exists now, so end it with BYE.
                bye(responseDialog);
                ended(reason == CancelReason.RING_TIMEOUT);
            }
            case ENDED -> bye(responseDialog);
            case ANSWERED -> {
                // A retransmitted 200 OK: the ACK above answers it.
            }
        }
    }

    private void bye(Dialog on) {
        if (on != null) {
            signalling.bye(on);
        }
    }

    void failure(int status, String reason) {
        State before;
        CancelReason cancelled;
        synchronized (this) {
            responded = true;
            before = state;
            cancelled = cancelReason;
            if (before == State.CALLING || before == State.RINGING || before == State.CANCELLING) {
                state = State.ENDED;
            }
        }
        switch (before) {
            case CALLING, RINGING -> {
                end();
                tell(l -> l.failed(status, reason), "failed");
            }
            case CANCELLING -> ended(cancelled == CancelReason.RING_TIMEOUT);
            default -> {
                // a late or duplicate final response: nothing left to do
            }
        }
    }

    void inviteTimedOut() {
        failure(408, "Request Timeout");
    }

    /** A BYE from the far end. @return whether it ended an answered call */
    boolean byeReceived() {
        synchronized (this) {
            if (state != State.ANSWERED) {
                return false;
            }
            state = State.ENDED;
        }
        end();
        tell(SipCallListener::hungUpByFarEnd, "hungUpByFarEnd");
        return true;
    }

    // --- from the phone ---------------------------------------------------------------------------------

    /**
     * The ring timeout. A far end that answered nothing at all gets no CANCEL (RFC 3261 §9.1: only after a
     * provisional response): the INVITE is abandoned and reported as {@code failed(408)}.
     */
    void ringTimeout() {
        ClientTransaction silent = null;
        synchronized (this) {
            if (state == State.CALLING && !responded) {
                state = State.ENDED;
                silent = invite;
            }
        }
        if (silent == null) {
            cancel(CancelReason.RING_TIMEOUT);
            return;
        }
        signalling.abandon(silent);
        end();
        tell(l -> l.failed(408, "Request Timeout (no response from the far end)"), "failed");
    }

    /** No final response arrived after our CANCEL: give up waiting for one. */
    void cancelGraceOver() {
        CancelReason reason;
        synchronized (this) {
            if (state != State.CANCELLING) {
                return;
            }
            state = State.ENDED;
            reason = cancelReason;
        }
        ended(reason == CancelReason.RING_TIMEOUT);
    }

    @Override
    public void hangUp() {
        Dialog bye = null;
        synchronized (this) {
            if (state == State.ANSWERED) {
                state = State.ENDED;
                bye = dialog;
            }
        }
        if (bye != null) {
            signalling.bye(bye);
            end();
            return;
        }
        cancel(CancelReason.HANG_UP);
    }

    private void cancel(CancelReason reason) {
        ClientTransaction transaction;
        synchronized (this) {
            if (state != State.CALLING && state != State.RINGING) {
                return;
            }
            state = State.CANCELLING;
            cancelReason = reason;
            transaction = invite;
        }
        if (transaction != null) {
            signalling.cancel(transaction);
        }
        signalling.scheduleCancelGrace(this);
    }

    @Override
    public void sendDigits(String digitsToSend, Duration toneDuration) {
        String valid = DtmfDigits.normalise(digitsToSend);
        if (toneDuration == null || toneDuration.isNegative() || toneDuration.isZero()) {
            throw new IllegalArgumentException("tone duration must be positive, got " + toneDuration);
        }
        TelephoneEventSender sender;
        ExecutorService queue;
        synchronized (this) {
            if (state != State.ANSWERED || digits == null) {
                LOG.log(Level.INFO, "call {0} is {1}: digits not sent", callId, state);
                return;
            }
            if (digitQueue == null) {
                digitQueue = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("dtmf-" + callId).factory());
            }
            sender = digits;
            queue = digitQueue;
        }
        try {
            queue.execute(() -> {
                try {
                    sender.send(valid, toneDuration);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "call " + callId + ": sending digits failed", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.INFO, "call {0} ended: digits not sent", callId);
        }
    }

    private void ended(boolean notAnswered) {
        end();
        if (notAnswered) {
            tell(SipCallListener::notAnswered, "notAnswered");
        }
    }

    /** Frees the call's media and forgets it; safe to call more than once. */
    void end() {
        ExecutorService queue;
        ScheduledFuture<?> timer;
        synchronized (this) {
            queue = digitQueue;
            timer = ringTimer;
        }
        if (queue != null) {
            queue.shutdownNow();
        }
        if (timer != null) {
            timer.cancel(false);
        }
        if (rtpSocket != null) {
            rtpSocket.close();
        }
        onEnd.accept(this);
    }

    private void tell(Consumer<SipCallListener> event, String name) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "call " + callId + ": listener failed on " + name, e);
        }
    }

    @Override
    public String toString() {
        return "SipCall[" + callId + ", " + state() + "]";
    }
}
