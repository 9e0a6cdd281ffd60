package com.clicktocall.model.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Answer of {@code POST /dial}. {@code meeting} and {@code attendee} have the shape of the Chime SDK
 * CreateMeeting and CreateAttendee responses, so the browser passes them straight to
 * {@code new MeetingSessionConfiguration(meeting, attendee)}.
 */
@RegisterForReflection
public record DialResponse(MeetingEnvelope meeting, AttendeeEnvelope attendee, String transactionId, String toNumber) {
}
