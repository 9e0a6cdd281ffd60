package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Holds a leg for a while; the SMA then invokes the handler with {@code ACTION_SUCCESSFUL}. The SMA
 * handler waits this way for the caller to join the meeting before it dials the far end.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/pause.html">Pause</a>
 */
@RegisterForReflection
public record Pause(@JsonProperty("Parameters") Parameters parameters) implements Action {

    public static final String TYPE = "Pause";

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @throws IllegalArgumentException when the duration is not positive ("an integer &gt; 0")
     */
    public static Pause callId(String callId, int durationInMilliseconds) {
        if (durationInMilliseconds <= 0) {
            throw new IllegalArgumentException("DurationInMilliseconds must be > 0, was " + durationInMilliseconds);
        }
        return new Pause(new Parameters(callId, null, Integer.toString(durationInMilliseconds)));
    }

    /** {@code DurationInMilliseconds} is a string in the PSTN Audio reference's own example. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameters(
            @JsonProperty("CallId") String callId,
            @JsonProperty("ParticipantTag") String participantTag,
            @JsonProperty("DurationInMilliseconds") String durationInMilliseconds) {
    }
}
