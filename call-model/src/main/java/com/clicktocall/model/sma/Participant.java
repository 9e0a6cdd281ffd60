package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * One leg of the call as the SMA reports it. {@code From} may be the literal {@code SMA};
 * {@code SipHeaders} is present only when X- headers, User-to-User or Diversion were sent.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Participant(
        @JsonProperty("CallId") String callId,
        @JsonProperty("ParticipantTag") ParticipantTag participantTag,
        @JsonProperty("To") String to,
        @JsonProperty("From") String from,
        @JsonProperty("Direction") Direction direction,
        @JsonProperty("StartTimeInMilliseconds") String startTimeInMilliseconds,
        @JsonProperty("Status") CallStatus status,
        @JsonProperty("SipHeaders") Map<String, String> sipHeaders) {

    /**
     * Whether the leg is up. A participant without {@code Status} counts as connected: AWS's own
     * INVALID_LAMBDA_RESPONSE sample omits it, and a leg the SMA lists without saying it has gone is
     * one to hang up rather than to leave running.
     *
     * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/attribute-trans-invalid.html">Invalid inputs</a>
     */
    public boolean connected() {
        return status == null || status == CallStatus.CONNECTED;
    }
}
