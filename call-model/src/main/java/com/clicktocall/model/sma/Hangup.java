package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Hangs up one leg, named by call id or by participant tag.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/hangup.html">Hangup</a>
 */
@RegisterForReflection
public record Hangup(@JsonProperty("Parameters") Parameters parameters) implements Action {

    public static final String TYPE = "Hangup";
    public static final String NORMAL = "0";

    @Override
    public String type() {
        return TYPE;
    }

    public static Hangup leg(ParticipantTag tag) {
        return new Hangup(new Parameters(null, tag.wireName(), NORMAL));
    }

    public static Hangup callId(String callId) {
        return new Hangup(new Parameters(callId, null, NORMAL));
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameters(
            @JsonProperty("CallId") String callId,
            @JsonProperty("ParticipantTag") String participantTag,
            @JsonProperty("SipResponseCode") String sipResponseCode) {
    }
}
