package com.clicktocall.model.sma;

/** The PSTN Audio limits this project relies on, written once. */
public final class SmaLimits {

    /** @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html">Responding to invocations</a> */
    public static final int MAX_ACTIONS_PER_RESPONSE = 10;

    /** @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/transaction-attributes.html">Using transaction attributes</a> */
    public static final int MAX_TRANSACTION_ATTRIBUTES = 100;
    public static final int MAX_TRANSACTION_ATTRIBUTES_BYTES = 20 * 1024;

    /** @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/call-and-bridge.html">CallAndBridge</a> */
    public static final int MIN_CALL_TIMEOUT_SECONDS = 1;
    public static final int MAX_CALL_TIMEOUT_SECONDS = 120;
    public static final int DEFAULT_CALL_TIMEOUT_SECONDS = 30;

    /** @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/send-digits.html">SendDigits</a> */
    public static final int MAX_DIGITS = 50;
    public static final int MIN_TONE_DURATION_MS = 50;
    public static final int MAX_TONE_DURATION_MS = 24_000;
    public static final int DEFAULT_TONE_DURATION_MS = 250;

    /**
     * {@code ArgumentsMap} of CreateSipMediaApplicationCall, {@code Arguments} of
     * UpdateSipMediaApplicationCall, and {@code SipHeaders} of CreateSipMediaApplicationCall: 0–20 entries.
     *
     * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/APIReference/API_voice-chime_CreateSipMediaApplicationCall.html">CreateSipMediaApplicationCall</a>
     */
    public static final int MAX_CALL_ARGUMENTS = 20;
    public static final int MAX_CALL_SIP_HEADERS = 20;

    /** The SMA retries a handler that has not answered within this time, and hangs up after {@link #HANGUP_AFTER_MS}. */
    public static final int INVOCATION_TIMEOUT_MS = 5_000;
    public static final int HANGUP_AFTER_MS = 20_000;

    private SmaLimits() {
    }
}
