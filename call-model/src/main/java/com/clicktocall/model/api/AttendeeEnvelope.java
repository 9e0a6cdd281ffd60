package com.clicktocall.model.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"Attendee": {...}}}, as CreateAttendee answers. The join token is a secret: never log it. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttendeeEnvelope(@JsonProperty("Attendee") Attendee attendee) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attendee(
            @JsonProperty("AttendeeId") String attendeeId,
            @JsonProperty("ExternalUserId") String externalUserId,
            @JsonProperty("JoinToken") String joinToken) {

        @Override
        public String toString() {
            return "Attendee[attendeeId=" + attendeeId + ", externalUserId=" + externalUserId + ", joinToken=<redacted>]";
        }
    }
}
