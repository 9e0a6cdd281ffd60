package com.clicktocall.localstack.sip;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the {@link EmbeddedAgent} knows of one call, at one moment (an immutable snapshot).
 *
 * @param sipCallId the INVITE's Call-ID
 * @param from the user part of the From URI: the caller id number
 * @param to the user part of the Request-URI: the dialled number
 * @param headers every header of the INVITE, first value of each, names compared ignoring case
 * @param state where the call is
 * @param digits the DTMF digits received so far, in order
 * @param receivedAt when the INVITE arrived
 * @param answeredBy who answered, {@code null} until the call is answered
 * @param softphone what became of the softphone's leg ({@link Softphone}): empty when the softphone was not
 *        rung for this call, else e.g. {@code ringing}, {@code answered}, {@code 486 Busy Here},
 *        {@code no answer within 20 s}, {@code hung up}
 * @param softphoneMediaPackets the RTP packets the softphone's leg has received from the softphone (the
 *        agent's microphone, relayed by rtpengine) at the snapshot's moment, the final count once the leg has
 *        ended; 0 when the softphone was not rung or did not answer. Arriving packets do not wake
 *        {@link EmbeddedAgent#await}; the end of the leg does
 */
public record AgentCall(String sipCallId, String from, String to, Map<String, String> headers, State state,
        String digits, Instant receivedAt, AnsweredBy answeredBy, String softphone, long softphoneMediaPackets) {

    /** Who took the call: the agent's softphone, or the embedded agent itself (the dial plan's "no agent" path). */
    public enum AnsweredBy {
        SOFTPHONE, AGENT;

        /** {@code softphone} or {@code agent}, as the call timeline writes it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum State {
        /** 180 sent, no final answer yet. */
        RINGING,
        /** 200 OK sent: the call is up. */
        ANSWERED,
        /** Refused with 486 Busy Here. */
        BUSY,
        /** The caller cancelled before an answer. */
        CANCELLED,
        /** The caller sent BYE. */
        HUNG_UP_BY_CALLER,
        /**
         * The agent ended it ({@link EmbeddedAgent#hangUp}, or the softphone hung up): BYE when answered, 480
         * while ringing.
         */
        HUNG_UP_BY_AGENT;

        public boolean isFinal() {
            return this != RINGING && this != ANSWERED;
        }
    }

    public AgentCall {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
    }

    /** A header of the INVITE by name, any case; e.g. {@code header(SipHeaders.REQUESTOR_EMAIL)}. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
