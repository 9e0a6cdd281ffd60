package com.clicktocall.localstack.sip;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ObjectInUseException;
import javax.sip.SipException;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

/**
 * The SIP work of an {@link OutboundCall} on one {@link LoopbackSipStack}: failures are logged and the call
 * goes on, so that nothing thrown here reaches the stack's threads.
 */
final class DialogSignalling implements OutboundCall.Signalling {

    private static final System.Logger LOG = System.getLogger(DialogSignalling.class.getName());

    private final LoopbackSipStack sip;
    private final ScheduledExecutorService timers;
    private final Duration cancelGrace;

    /** @param cancelGrace how long to wait for the final response to a CANCELled INVITE before giving up on it */
    DialogSignalling(LoopbackSipStack sip, ScheduledExecutorService timers, Duration cancelGrace) {
        this.sip = sip;
        this.timers = timers;
        this.cancelGrace = cancelGrace;
    }

    @Override
    public void ack(Dialog dialog, long cseq) {
        try {
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "ACK on " + dialog.getCallId().getCallId() + " failed", e);
        }
    }

    @Override
    public void bye(Dialog dialog) {
        try {
            ClientTransaction transaction = sip.provider.getNewClientTransaction(dialog.createRequest(Request.BYE));
            dialog.sendRequest(transaction);
        } catch (SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "BYE on " + dialog.getCallId().getCallId() + " failed", e);
        }
    }

    @Override
    public void cancel(ClientTransaction invite) {
        try {
            sip.provider.getNewClientTransaction(invite.createCancel()).sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "CANCEL of " + invite.getRequest().getHeader(CallIdHeader.NAME) + " failed", e);
        }
    }

    @Override
    public void abandon(ClientTransaction invite) {
        try {
            invite.terminate();
        } catch (ObjectInUseException | RuntimeException e) {
            LOG.log(Level.DEBUG, "abandoning an INVITE", e);
        }
    }

    @Override
    public void scheduleCancelGrace(OutboundCall call) {
        try {
            timers.schedule(call::cancelGraceOver, cancelGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            call.cancelGraceOver();
        }
    }
}
