package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * The {@code ActionData.Parameters} of every event this project receives, as one flat record:
 * each event type fills only its own fields, the rest stay null.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionDataParameters(
        /* CallCreateRequest, CallUpdateRequest */
        @JsonProperty("Arguments") Map<String, String> arguments,
        /* Hangup, SendDigits */
        @JsonProperty("CallId") String callId,
        @JsonProperty("ParticipantTag") ParticipantTag participantTag,
        @JsonProperty("SipResponseCode") String sipResponseCode,
        @JsonProperty("Digits") String digits,
        /* CallAndBridge */
        @JsonProperty("CallTimeoutSeconds") Integer callTimeoutSeconds,
        @JsonProperty("CallerIdNumber") String callerIdNumber,
        @JsonProperty("Endpoints") List<BridgeEndpoint> endpoints,
        @JsonProperty("SipHeaders") Map<String, String> sipHeaders,
        /* Pause */
        @JsonProperty("DurationInMilliseconds") String durationInMilliseconds) {
}
