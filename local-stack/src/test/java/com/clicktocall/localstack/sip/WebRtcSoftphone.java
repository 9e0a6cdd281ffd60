package com.clicktocall.localstack.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The agent's browser softphone as the PBX sees it, on its own JAIN-SIP stack: answers every INVITE with 180 then
 * 200 OK carrying {@code answerSdp} (what sip.js answers to a WebRTC offer), answers BYE, and keeps the raw body of
 * each INVITE it got. It sends no RTP.
 */
final class WebRtcSoftphone implements AutoCloseable {

    private final LoopbackSipStack sip;
    private final byte[] answerSdp;
    private final BlockingQueue<byte[]> inviteBodies = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private WebRtcSoftphone(byte[] answerSdp) throws IOException {
        this.answerSdp = answerSdp;
        this.sip = LoopbackSipStack.open("webrtc-softphone", 0, new Events(), SipMessageLog.NONE);
    }

    static WebRtcSoftphone start(String answerSdp) throws IOException {
        return new WebRtcSoftphone(answerSdp.getBytes(StandardCharsets.UTF_8));
    }

    SipTarget target() {
        return new SipTarget(LoopbackSipStack.HOST, sip.port);
    }

    /** The body of the next INVITE, byte for byte. @throws AssertionError when none arrives within {@code timeout} */
    byte[] awaitInviteBody(Duration timeout) throws InterruptedException {
        byte[] body = inviteBodies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (body == null) {
            throw new AssertionError("no INVITE within " + timeout + "; requests: " + requests);
        }
        return body;
    }

    /** The methods of the requests received, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        sip.close();
    }

    private final class Events implements SipListener {

        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            requests.add(request.getMethod());
            switch (request.getMethod()) {
                case Request.INVITE -> answer(event);
                case Request.ACK -> {
                    // the dialog is up
                }
                default -> sip.respond(event, Response.OK);
            }
        }

        private void answer(RequestEvent event) {
            Request invite = event.getRequest();
            byte[] body = invite.getRawContent();
            inviteBodies.add(body == null ? new byte[0] : body);
            try {
                ServerTransaction transaction = event.getServerTransaction() != null
                        ? event.getServerTransaction() : sip.provider.getNewServerTransaction(invite);
                Response ringing = sip.messages.createResponse(Response.RINGING, invite);
                ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag("webrtc");
                transaction.sendResponse(ringing);
                Response ok = sip.messages.createResponse(Response.OK, invite);
                ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("webrtc");
                SipURI contact = sip.addresses.createSipURI("agent", LoopbackSipStack.HOST);
                contact.setPort(sip.port);
                ok.addHeader(sip.headers.createContactHeader(sip.addresses.createAddress(contact)));
                ok.setContent(answerSdp, sip.headers.createContentTypeHeader("application", "sdp"));
                transaction.sendResponse(ok);
            } catch (Exception e) {
                throw new IllegalStateException("the stand-in softphone could not answer", e);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
        }
    }
}
