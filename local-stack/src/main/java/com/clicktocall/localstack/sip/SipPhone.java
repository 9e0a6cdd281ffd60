package com.clicktocall.localstack.sip;

/**
 * Places the SMA's outbound SIP calls (the B leg of CallAndBridge) from the local stack to a PBX.
 * Implemented over the JAIN-SIP reference stack; one instance per stack, thread-safe.
 */
public interface SipPhone extends AutoCloseable {

    /**
     * Sends an INVITE (with SDP and the request's headers) and returns at once; progress is reported
     * to {@code listener}, once per outcome, on SIP threads.
     */
    SipCall invite(InviteRequest request, SipCallListener listener);

    /** Hangs up every open call and releases the SIP stack. */
    @Override
    void close();
}
