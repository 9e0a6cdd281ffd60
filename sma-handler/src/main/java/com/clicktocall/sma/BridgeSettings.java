package com.clicktocall.sma;

import com.clicktocall.model.sma.SmaLimits;
import java.util.regex.Pattern;

/**
 * What every {@code CallAndBridge} carries besides the destination, checked once at start-up so a
 * misconfigured function fails its deployment instead of every call.
 *
 * @param callerIdNumber     {@code CallerIdNumber}: the SMA's own number, E.164 with the {@code +}
 * @param callTimeoutSeconds {@code CallTimeoutSeconds}, 1–120
 */
public record BridgeSettings(String callerIdNumber, int callTimeoutSeconds) {

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
    }
}
