package com.clicktocall.localstack.sip;

/** What happened to a {@link SipCall}. Exactly one of the final outcomes is reported per call. */
public interface SipCallListener {

    /** 180 or 183 from the far end. */
    default void ringing() {
    }

    /** 200 OK received and ACKed: the call is up. */
    void answered();

    /** A final error response (486 busy, 480 unavailable, 404, 503, ...), or 408/503 when the target never answered at SIP level. */
    void failed(int sipStatus, String reason);

    /** Nobody answered within the ring timeout; the call was cancelled. */
    void notAnswered();

    /** The far end sent BYE after answering. */
    void hungUpByFarEnd();
}
