package com.clicktocall.model.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"Meeting": {...}}}, as CreateMeeting answers. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record MeetingEnvelope(@JsonProperty("Meeting") Meeting meeting) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Meeting(
            @JsonProperty("MeetingId") String meetingId,
            @JsonProperty("ExternalMeetingId") String externalMeetingId,
            @JsonProperty("MediaRegion") String mediaRegion,
            @JsonProperty("MediaPlacement") MediaPlacement mediaPlacement,
            @JsonProperty("MeetingArn") String meetingArn) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MediaPlacement(
            @JsonProperty("AudioHostUrl") String audioHostUrl,
            @JsonProperty("AudioFallbackUrl") String audioFallbackUrl,
            @JsonProperty("SignalingUrl") String signalingUrl,
            @JsonProperty("TurnControlUrl") String turnControlUrl,
            @JsonProperty("ScreenDataUrl") String screenDataUrl,
            @JsonProperty("ScreenViewingUrl") String screenViewingUrl,
            @JsonProperty("ScreenSharingUrl") String screenSharingUrl,
            @JsonProperty("EventIngestionUrl") String eventIngestionUrl) {
    }
}
