package com.clicktocall.localstack.sip;

import java.time.Duration;

/** A call placed by {@link SipPhone#invite}. */
public interface SipCall {

    /** The SIP Call-ID header of the dialog. */
    String sipCallId();

    /**
     * Sends digits to the far end as RFC 4733 telephone events on the call's RTP stream (a comma
     * pauses 500 ms). Ignored when the call is not answered.
     */
    void sendDigits(String digits, Duration toneDuration);

    /** BYE when answered, CANCEL while ringing; nothing once ended. Reports nothing to the listener. */
    void hangUp();
}
