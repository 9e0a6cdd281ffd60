package com.clicktocall.localstack.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Properties;
import javax.sip.SipStack;

/**
 * The JAIN-SIP reference stack's server logger: sees every message on the wire and passes a summary to
 * the {@link SipMessageLog} attached after the stack is created. Named by class in the stack's
 * {@code gov.nist.javax.sip.SERVER_LOGGER} property; not for other use.
 */
public final class JainSipWireLog implements ServerLogger {

    private static final System.Logger LOG = System.getLogger(JainSipWireLog.class.getName());

    /**
     * The reference stack reports some received messages twice (through two of the overloads below) with
     * the same message object; a retransmission is a new object. The last few messages recorded, compared
     * by identity, keep each message on the wire once in the log.
     */
    private static final int RECENT = 32;

    private volatile SipMessageLog log = SipMessageLog.NONE;
    private final SIPMessage[] recent = new SIPMessage[RECENT];
    private int next;

    public JainSipWireLog() {
        // instantiated reflectively by the stack
    }

    void attach(SipMessageLog log) {
        this.log = log;
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        record(message, sender ? to : from, sender, time);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        record(message, sender ? to : from, sender, time);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        record(message, sender ? to : from, sender, System.currentTimeMillis());
    }

    private void record(SIPMessage message, String peer, boolean sent, long time) {
        if (!firstReport(message)) {
            return;
        }
        try {
            String callId = message.getCallId() == null ? "" : message.getCallId().getCallId();
            String method = message.getCSeq() == null ? "" : message.getCSeq().getMethod();
            int status = 0;
            String reason = "";
            if (message instanceof SIPRequest request) {
                method = request.getMethod();
            } else if (message instanceof SIPResponse response) {
                status = response.getStatusCode();
                reason = response.getReasonPhrase() == null ? "" : response.getReasonPhrase();
            }
            log.logged(new SipMessageLog.Message(Instant.ofEpochMilli(time > 0 ? time : System.currentTimeMillis()),
                    sent ? SipMessageLog.Direction.SENT : SipMessageLog.Direction.RECEIVED, callId, method, status,
                    reason, peer == null ? "" : peer));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SIP message log failed", e);
        }
    }

    private synchronized boolean firstReport(SIPMessage message) {
        for (SIPMessage seen : recent) {
            if (seen == message) {
                return false;
            }
        }
        recent[next] = message;
        next = (next + 1) % RECENT;
        return true;
    }

    @Override
    public void logException(Exception e) {
        LOG.log(Level.DEBUG, "SIP stack exception", e);
    }

    @Override
    public void closeLogFile() {
    }

    @Override
    public void setStackProperties(Properties properties) {
    }

    @Override
    public void setSipStack(SipStack sipStack) {
    }
}
