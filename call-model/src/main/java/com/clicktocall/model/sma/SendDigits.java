package com.clicktocall.model.sma;

import com.clicktocall.model.dial.DtmfDigits;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Plays DTMF tones on a leg.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/send-digits.html">SendDigits</a>
 */
@RegisterForReflection
public record SendDigits(@JsonProperty("Parameters") Parameters parameters) implements Action {

    public static final String TYPE = "SendDigits";

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @throws IllegalArgumentException when the digits are not DTMF digits or the duration is out of range
     */
    public static SendDigits to(String callId, String digits, int toneDurationInMilliseconds) {
        if (toneDurationInMilliseconds < SmaLimits.MIN_TONE_DURATION_MS || toneDurationInMilliseconds > SmaLimits.MAX_TONE_DURATION_MS) {
            throw new IllegalArgumentException("ToneDurationInMilliseconds must be " + SmaLimits.MIN_TONE_DURATION_MS
                    + "–" + SmaLimits.MAX_TONE_DURATION_MS + ", was " + toneDurationInMilliseconds);
        }
        return new SendDigits(new Parameters(callId, DtmfDigits.normalise(digits), toneDurationInMilliseconds));
    }

    @RegisterForReflection
    public record Parameters(
            @JsonProperty("CallId") String callId,
            @JsonProperty("Digits") String digits,
            @JsonProperty("ToneDurationInMilliseconds") int toneDurationInMilliseconds) {
    }
}
