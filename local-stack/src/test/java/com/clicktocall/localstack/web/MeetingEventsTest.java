package com.clicktocall.localstack.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeetingEventsTest {

    @Test
    void endedMeetingsBeyondTheRetainedCount_areForgotten_oldestFirst_openOnesStay() {
        MeetingEvents events = new MeetingEvents(2);
        events.publish("open", MeetingEvents.CALL_STATUS, Map.of("status", "ringing"));
        for (String meeting : List.of("m1", "m2", "m3")) {
            events.publish(meeting, MeetingEvents.ATTENDEE_JOINED, Map.of("attendeeId", "a"));
            events.publish(meeting, MeetingEvents.MEETING_ENDED, Map.of("meetingId", meeting));
        }

        assertThat(events.history("m1")).isEmpty();
        assertThat(events.history("m2")).extracting(MeetingEvents.Event::name).containsExactly("attendee-joined", "meeting-ended");
        assertThat(events.history("m3")).hasSize(2);
        assertThat(events.history("open")).hasSize(1);
        assertThat(events.size()).isEqualTo(3);
    }

    @Test
    void subscriptionToAMeetingWithoutEvents_leavesNothingBehind() {
        MeetingEvents events = new MeetingEvents(2);
        List<MeetingEvents.Event> received = new ArrayList<>();
        Runnable unsubscribe = events.subscribe("quiet", received::add);
        unsubscribe.run();

        assertThat(events.size()).isZero();
        assertThat(received).isEmpty();
    }
}
