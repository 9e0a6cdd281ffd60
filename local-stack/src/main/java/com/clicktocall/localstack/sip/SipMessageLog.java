package com.clicktocall.localstack.sip;

import java.time.Instant;

/**
 * Receives every SIP message a {@link JainSipPhone} or an {@link EmbeddedAgent} sends or receives on
 * the wire, retransmissions and the stack's own messages (100 Trying, the ACK of an error response)
 * included, so that a call timeline can show the SIP exchange of each call. Called on SIP threads:
 * keep it quick and thread-safe. An exception thrown here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface SipMessageLog {

    SipMessageLog NONE = message -> {
    };

    void logged(Message message);

    enum Direction {
        SENT, RECEIVED
    }

    /**
     * One SIP message.
     *
     * @param callId its Call-ID (a {@link SipCall#sipCallId()}, or an agent call's id)
     * @param method the request method, or for a response the method of its CSeq
     * @param status the response status, 0 for a request
     * @param reason the response reason phrase, empty for a request
     * @param peer {@code host:port} of the other side
     */
    record Message(Instant time, Direction direction, String callId, String method, int status, String reason,
            String peer) {

        public boolean isRequest() {
            return status == 0;
        }

        /** {@code INVITE}, or {@code 180 Ringing (INVITE)}. */
        public String summary() {
            return isRequest() ? method : status + " " + reason + " (" + method + ")";
        }
    }
}
