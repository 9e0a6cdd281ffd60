package com.clicktocall.localstack.sip;

/**
 * What happens at the {@link EmbeddedAgent}, for a call timeline. Called on SIP or RTP threads, one call's
 * events in order; keep it quick. Exceptions are logged and otherwise ignored.
 */
public interface AgentListener {

    AgentListener NONE = new AgentListener() {
    };

    /** An INVITE arrived (state {@link AgentCall.State#RINGING}, or already {@code BUSY}). */
    default void callReceived(AgentCall call) {
    }

    /** The call's state changed (answered, cancelled, hung up by either side). */
    default void stateChanged(AgentCall call) {
    }

    /**
     * The softphone's leg of a call progressed ({@link Softphone}): rung, ringing, answered, not answered
     * and why (then the embedded agent behaves as without a softphone), hung up. {@code call.softphone()}
     * holds the latest of these; {@code event} says it for a timeline. When an answered leg ends, one more
     * event, {@code media: <sent> RTP packets sent to the softphone, <received> received from it}, reports its
     * audio both ways ({@code call.softphoneMediaPackets()} is then the final received count) and leaves
     * {@code call.softphone()} as it was.
     */
    default void softphoneProgress(AgentCall call, String event) {
    }

    /**
     * The softphone answered a leg that carried the caller page's WebRTC offer ({@link CallerMediaOffers}):
     * {@code sdp} is the softphone's answer, unchanged, for the caller's page. Called once per such leg, after
     * the call is answered. Never log the SDP: it holds the DTLS fingerprint and ICE credentials of the call.
     */
    default void callerMediaAnswered(AgentCall call, String sdp) {
    }

    /** A DTMF digit arrived as an RFC 4733 telephone event; {@code call.digits()} already ends with it. */
    default void digitReceived(AgentCall call, char digit) {
    }
}
