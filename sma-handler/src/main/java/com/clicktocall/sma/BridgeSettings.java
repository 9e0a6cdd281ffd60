package com.clicktocall.sma;

import com.clicktocall.model.sma.SmaLimits;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What every {@code CallAndBridge} carries besides the destination, checked once at start-up so a
 * misconfigured function fails its deployment instead of every call.
 *
 * @param callerIdNumber     {@code CallerIdNumber}: the SMA's own number, E.164 with the {@code +}
 * @param callTimeoutSeconds {@code CallTimeoutSeconds}, 1–120
 * @param callerJoinTimeout  how long the handler waits for the caller to join the meeting before it ends
 *                           the call ({@code CallerJoinTimeoutSeconds})
 */
public record BridgeSettings(String callerIdNumber, int callTimeoutSeconds, Duration callerJoinTimeout) {

    /** {@code CallerJoinTimeoutSeconds}' default. */
    public static final Duration DEFAULT_CALLER_JOIN_TIMEOUT = Duration.ofSeconds(20);
    /**
     * How long one wait for the caller lasts before the handler asks the ledger again: short at first,
     * because the page joins a moment after {@code /dial} answers and every wait adds to the call's setup,
     * then longer, to spare invocations on a caller who is slow to come.
     */
    public static final int CALLER_FIRST_CHECKS_PAUSE_MS = 100;
    public static final int CALLER_CHECK_PAUSE_MS = 500;
    /** For how long, from the first look, the handler looks again every {@link #CALLER_FIRST_CHECKS_PAUSE_MS}. */
    public static final Duration CALLER_FIRST_CHECKS = Duration.ofSeconds(3);

    /** With the default caller join timeout. */
    public BridgeSettings(String callerIdNumber, int callTimeoutSeconds) {
        this(callerIdNumber, callTimeoutSeconds, DEFAULT_CALLER_JOIN_TIMEOUT);
    }

    /** E.164 as CallAndBridge requires it: a {@code +} and up to 15 digits. */
    static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    public BridgeSettings {
        if (callerIdNumber == null || !E164.matcher(callerIdNumber).matches()) {
            throw new IllegalArgumentException("clicktocall.sma-phone-number (CLICKTOCALL_SMA_PHONE_NUMBER) must be an"
                    + " E.164 number such as +12065550100, was '" + callerIdNumber + "'");
        }
        if (callTimeoutSeconds < SmaLimits.MIN_CALL_TIMEOUT_SECONDS || callTimeoutSeconds > SmaLimits.MAX_CALL_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("clicktocall.call-timeout-seconds (CLICKTOCALL_CALL_TIMEOUT_SECONDS) must be "
                    + SmaLimits.MIN_CALL_TIMEOUT_SECONDS + "–" + SmaLimits.MAX_CALL_TIMEOUT_SECONDS + ", was " + callTimeoutSeconds);
        }
        if (callerJoinTimeout == null || callerJoinTimeout.toMillis() < CALLER_CHECK_PAUSE_MS || callerJoinTimeout.toMinutes() > 5) {
            throw new IllegalArgumentException("clicktocall.caller-join-timeout-seconds (CLICKTOCALL_CALLER_JOIN_TIMEOUT_SECONDS) must be"
                    + " 1–300, was " + (callerJoinTimeout == null ? null : callerJoinTimeout.toSeconds()));
        }
    }
}
