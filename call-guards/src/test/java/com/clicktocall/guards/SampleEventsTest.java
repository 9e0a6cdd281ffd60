package com.clicktocall.guards;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.guards.Guards.TestCall;
import com.clicktocall.model.ledger.CallState;
import com.clicktocall.model.ledger.EndReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The repository's sample events (events/, for {@code sam local invoke -e}) run through the handlers. */
class SampleEventsTest {

    private static byte[] sample(String name) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("events.dir", "../events")).resolve(name));
    }

    /** Runs a sample meeting event through the meeting-events handler, against a call of the sample's meeting and owner. */
    private static TestCall run(Guards guards, String name, boolean connected) throws Exception {
        byte[] event = sample(name);
        JsonNode detail = Guards.JSON.readTree(event).path("detail");
        String owner = detail.path("externalUserId").asText("7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09");
        TestCall call = guards.dialled(owner, detail.path("meetingId").asText());
        if (connected) {
            guards.calls.connected(call.callId(), call.transactionId());
        }
        Instant at = Instant.ofEpochMilli(detail.path("timestamp").asLong());
        guards.clock.advance(Duration.between(guards.clock.instant(), at));

        MeetingEventsHandler handler = new MeetingEventsHandler();
        handler.processor = guards.meetingEvents();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), output, new TestContext(30_000));
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
        return call;
    }

    @Test
    void meetingAttendeeJoined_recordsTheCallerPresent() throws Exception {
        try (Guards guards = new Guards()) {
            TestCall call = run(guards, "meeting-attendee-joined.json", false);
            assertThat(guards.record(call).caller().present()).isTrue();
        }
    }

    @Test
    void meetingAttendeeLeft_endsTheCallAsCallerLeft() throws Exception {
        try (Guards guards = new Guards()) {
            TestCall call = run(guards, "meeting-attendee-left.json", true);
            assertThat(guards.record(call).reason()).contains(EndReason.CALLER_LEFT);
        }
    }

    @Test
    void meetingAttendeeDropped_withoutARejoin_endsTheCallAsCallerLeft() throws Exception {
        try (Guards guards = new Guards()) {
            TestCall call = run(guards, "meeting-attendee-dropped.json", true);
            assertThat(guards.record(call).reason()).contains(EndReason.CALLER_LEFT);
            assertThat(guards.record(call).caller().droppedAt()).isPresent();
        }
    }

    @Test
    void meetingEnded_endsALiveCallAsFailed() throws Exception {
        try (Guards guards = new Guards()) {
            TestCall call = run(guards, "meeting-ended.json", true);
            assertThat(guards.record(call).state()).isEqualTo(CallState.ENDED);
            assertThat(guards.record(call).reason()).contains(EndReason.FAILED);
        }
    }

    @Test
    void callSweeperSchedule_runsASweep() throws Exception {
        try (Guards guards = new Guards()) {
            TestCall call = guards.dialled("7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09");
            guards.clock.advance(guards.settings.stuckAfter().plusSeconds(1));

            CallSweeperHandler handler = new CallSweeperHandler();
            handler.sweeper = guards.sweeper();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(sample("call-sweeper-schedule.json")), output, new TestContext(55_000));

            assertThat(Guards.JSON.readTree(output.toByteArray()).path("summary").asText()).startsWith("call-sweeper stuck=1 ");
            assertThat(guards.record(call).reason()).contains(EndReason.STUCK);
        }
    }
}
