package com.clicktocall.localstack.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.web.MeetingEvents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Meetings end by themselves as Chime's do: idle (no audio connection) too long, or at their longest duration. */
class MeetingLifetimeTest {

    static final Duration SHORT = Duration.ofMillis(400);
    static final Duration LONG = Duration.ofMinutes(5);

    @BeforeAll
    static void quiet() {
        Console.quiet(!Boolean.getBoolean("local-stack.verbose"));
    }

    @Test
    void meetingNobodyJoins_endsAfterTheIdlePeriod_createdAttendeesDoNotCount() throws Exception {
        MeetingEvents events = new MeetingEvents();
        List<String> ended = new CopyOnWriteArrayList<>();
        try (Meetings meetings = new Meetings(events, SHORT, LONG)) {
            meetings.addListener(listener(ended));
            Meetings.Meeting meeting = meetings.create("t1", "ext", "us-east-1");
            meetings.createAttendee(meeting.meetingId(), "caller");
            meetings.createAttendee(meeting.meetingId(), "phone");
            long started = System.nanoTime();

            awaitGone(meetings, meeting.meetingId());

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SHORT.minusMillis(50));
            assertThat(ended).containsExactly(meeting.meetingId());
            assertThat(events.history(meeting.meetingId())).extracting(MeetingEvents.Event::name).containsExactly("meeting-ended");
            assertThatThrownBy(() -> meetings.delete(meeting.meetingId())).isInstanceOf(ChimeException.class);
        }
    }

    @Test
    void meetingWithSomeonePresent_outlastsTheIdlePeriod_andEndsIdleOnceTheyLeave() throws Exception {
        MeetingEvents events = new MeetingEvents();
        try (Meetings meetings = new Meetings(events, SHORT, LONG)) {
            Meetings.Meeting meeting = meetings.create("t2", "ext", "us-east-1");
            Meetings.Attendee phone = meetings.createAttendee(meeting.meetingId(), "phone");
            assertThat(meetings.join(meeting.meetingId(), phone.joinToken())).isPresent();

            Thread.sleep(SHORT.multipliedBy(3).toMillis());
            assertThat(meetings.find(meeting.meetingId())).as("a meeting with an audio connection").isPresent();

            meetings.leave(meeting.meetingId(), phone.attendeeId());
            awaitGone(meetings, meeting.meetingId());
            assertThat(events.history(meeting.meetingId())).extracting(MeetingEvents.Event::name)
                    .containsExactly("attendee-joined", "attendee-left", "meeting-ended");
        }
    }

    @Test
    void meetingAtItsLongestDuration_endsWithSomeonePresent_asDeleteMeetingDoes() throws Exception {
        MeetingEvents events = new MeetingEvents();
        List<String> ended = new CopyOnWriteArrayList<>();
        try (Meetings meetings = new Meetings(events, LONG, SHORT)) {
            meetings.addListener(listener(ended));
            Meetings.Meeting meeting = meetings.create("t3", "ext", "us-east-1");
            Meetings.Attendee phone = meetings.createAttendee(meeting.meetingId(), "phone");
            meetings.join(meeting.meetingId(), phone.joinToken());

            awaitGone(meetings, meeting.meetingId());

            assertThat(ended).containsExactly(meeting.meetingId());
            assertThat(events.history(meeting.meetingId())).extracting(MeetingEvents.Event::name)
                    .containsExactly("attendee-joined", "attendee-left", "meeting-ended");
            // the client request token is free again: the same token makes a new meeting
            assertThat(meetings.create("t3", "ext", "us-east-1").meetingId()).isNotEqualTo(meeting.meetingId());
        }
    }

    private static Meetings.Listener listener(List<String> ended) {
        return new Meetings.Listener() {
            @Override
            public void meetingEnded(String meetingId) {
                ended.add(meetingId);
            }

            @Override
            public void attendeeRemoved(String meetingId, Meetings.Attendee attendee) {
            }
        };
    }

    private static void awaitGone(Meetings meetings, String meetingId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (meetings.find(meetingId).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(meetings.find(meetingId)).as("meeting %s ended", meetingId).isEmpty();
    }
}
