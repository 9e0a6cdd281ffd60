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

    public boolean connected() {
        return status == CallStatus.CONNECTED;
    }
}
