package com.clicktocall.localstack.sip;

import java.lang.System.Logger.Level;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The {@link EmbeddedAgent}'s SIP stack callbacks. The softphone legs take their own messages; of the rest, an
 * INVITE with a new Call-ID starts an {@link InboundCall} (a re-INVITE is refused with 488), ACK, CANCEL and
 * BYE go to the call of their Call-ID (481 when there is none), OPTIONS is answered 200, anything else 405.
 */
final class AgentSipListener implements SipListener {

    private static final System.Logger LOG = System.getLogger(AgentSipListener.class.getName());

    private final EmbeddedAgent agent;

    /** {@code agent} is read on each message: its SIP stack is opened with this listener. */
    AgentSipListener(EmbeddedAgent agent) {
        this.agent = agent;
    }

    @Override
    public void processRequest(RequestEvent event) {
        if (agent.softphoneLegs().request(event)) {
            return;
        }
        Request request = event.getRequest();
        CallIdHeader callIdHeader = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        InboundCall call = callIdHeader == null ? null : agent.inboundCall(callIdHeader.getCallId());
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
                    ? event.getServerTransaction() : agent.sip().provider.getNewServerTransaction(event.getRequest());
        } catch (SipException e) {
            // A retransmission racing its own transaction: the transaction answers it.
            LOG.log(Level.DEBUG, "INVITE not taken", e);
            return;
        }
        agent.received(event.getRequest(), transaction);
    }

    private void respond(RequestEvent event, int status) {
        agent.sip().respond(event, status);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // Besides the softphone legs' responses, only those to the agent's own BYEs arrive: nothing depends on them.
        agent.softphoneLegs().response(event);
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        agent.softphoneLegs().timeout(event);
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.log(Level.DEBUG, "SIP I/O error towards {0}:{1}", event.getHost(), event.getPort());
        agent.softphoneLegs().ioError(event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
