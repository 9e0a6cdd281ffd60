package com.clicktocall.guards;

import com.clicktocall.model.meeting.ChimeMeetingEvents;
import static com.clicktocall.guards.Guards.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.guards.Guards.TestCall;
import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.CallRecord;
import com.clicktocall.model.ledger.CallState;
import com.clicktocall.model.ledger.EndReason;
import com.clicktocall.model.identity.Subs;
import com.clicktocall.model.sma.CallArguments;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeetingEventProcessorTest {

    private static final String OWNER = "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09";
    private static final long PLENTY_OF_TIME = 30_000;

    private Guards guards;
    private MeetingEventProcessor processor;

    @BeforeEach
    void setUp() throws Exception {
        guards = new Guards();
        processor = guards.meetingEvents();
    }

    @AfterEach
    void tearDown() {
        guards.close();
    }

    private String send(String type, TestCall call, String externalUserId, Instant at) {
        return processor.process(event(type, Guards.REGION, call.meetingId(), externalUserId, at), () -> PLENTY_OF_TIME);
    }

    private Instant now() {
        return guards.clock.instant();
    }

    @Test
    void attendeeJoined_ofTheCaller_recordsTheCallerPresent() {
        TestCall call = guards.dialled(OWNER);

        String line = send(ChimeMeetingEvents.ATTENDEE_JOINED, call, OWNER, now());

        CallRecord record = guards.record(call);
        assertThat(record.caller().present()).isTrue();
        assertThat(record.caller().joinedAt()).contains(now());
        assertThat(record.state()).isEqualTo(CallState.DIALLING);
        assertThat(line).contains("callId=" + call.callId()).contains("action=joined").doesNotContain(OWNER);
        assertThat(guards.chime.requests()).isEmpty();
    }

    @Test
    void attendeeLeft_ofTheCaller_endsTheCallAsCallerLeft() throws Exception {
        TestCall call = guards.connected(OWNER);
        send(ChimeMeetingEvents.ATTENDEE_JOINED, call, OWNER, now());
        guards.clock.advance(Duration.ofSeconds(30));

        String line = send(ChimeMeetingEvents.ATTENDEE_LEFT, call, OWNER, now());

        CallRecord record = guards.record(call);
        assertThat(record.state()).isEqualTo(CallState.ENDED);
        assertThat(record.reason()).contains(EndReason.CALLER_LEFT);
        assertThat(record.caller().left()).isTrue();
        assertThat(line).contains("ended reason=caller-left");

        // Both legs hung up through the SMA, as the owner, so its owner check applies unchanged.
        assertThat(guards.hangUps(call)).singleElement().satisfies(request -> {
            JsonNode arguments = Guards.JSON.readTree(request.body()).path("Arguments");
            assertThat(arguments.path(CallArguments.UPDATE).asText()).isEqualTo("end");
            assertThat(arguments.path(CallArguments.REQUESTER_SUB).asText()).isEqualTo(OWNER);
            assertThat(arguments.path(CallArguments.END_REASON).asText()).as("so the handler keeps it").isEqualTo("caller-left");
        });
        assertThat(guards.meetingDeletes(call)).hasSize(1);
        assertThat(guards.callsEnded()).singleElement().satisfies(metric -> {
            assertThat(metric.path(CallMetrics.REASON).asText()).isEqualTo("caller-left");
            assertThat(metric.path(CallMetrics.OUTCOME).asText()).isEqualTo("answered");
        });
        assertThat(guards.slotFree(call)).isTrue();
    }

    @Test
    void attendeeLeft_twice_endsTheCallOnce() {
        TestCall call = guards.connected(OWNER);

        send(ChimeMeetingEvents.ATTENDEE_LEFT, call, OWNER, now());
        String second = send(ChimeMeetingEvents.ATTENDEE_LEFT, call, OWNER, now());

        assertThat(second).contains("action=none (the call has ended)");
        assertThat(guards.callsEnded()).hasSize(1);
        assertThat(guards.hangUps(call)).hasSize(1);
        assertThat(guards.meetingDeletes(call)).hasSize(1);
    }

    @Test
    void attendeeLeft_beforeALaterJoin_keepsTheCall() {
        TestCall call = guards.connected(OWNER);
        Instant leftAt = now();
        guards.clock.advance(Duration.ofSeconds(2));
        send(ChimeMeetingEvents.ATTENDEE_JOINED, call, OWNER, now());

        // EventBridge delivered the older leave after the join.
        send(ChimeMeetingEvents.ATTENDEE_LEFT, call, OWNER, leftAt);

        assertThat(guards.record(call).state()).isEqualTo(CallState.CONNECTED);
        assertThat(guards.chime.requests()).isEmpty();
    }

    @Test
    void attendeeDropped_andBackWithinTheRejoinTime_keepsTheCall() {
        TestCall call = guards.connected(OWNER);
        send(ChimeMeetingEvents.ATTENDEE_JOINED, call, OWNER, now());
        guards.clock.advance(Duration.ofSeconds(10));
        Instant droppedAt = now();
        guards.duringWait = () -> send(ChimeMeetingEvents.ATTENDEE_JOINED, call, OWNER, droppedAt.plusSeconds(5));

        String line = send(ChimeMeetingEvents.ATTENDEE_DROPPED, call, OWNER, droppedAt);

        assertThat(line).contains("waited=15000ms").contains("the caller came back");
        CallRecord record = guards.record(call);
        assertThat(record.state()).isEqualTo(CallState.CONNECTED);
        assertThat(record.caller().present()).isTrue();
        assertThat(guards.chime.requests()).isEmpty();
        assertThat(guards.callsEnded()).isEmpty();
    }

    @Test
    void attendeeDropped_andNotBack_endsTheCallAsCallerLeft() {
        TestCall call = guards.connected(OWNER);
        send(ChimeMeetingEvents.ATTENDEE_JOINED, call, OWNER, now());
        guards.clock.advance(Duration.ofSeconds(10));
        Instant droppedAt = now();
        // The event arrives 3 s after the drop: the wait is what is left of the rejoin time.
        guards.clock.advance(Duration.ofSeconds(3));

        String line = send(ChimeMeetingEvents.ATTENDEE_DROPPED, call, OWNER, droppedAt);

        assertThat(line).contains("waited=12000ms").contains("ended reason=caller-left");
        assertThat(guards.record(call).reason()).contains(EndReason.CALLER_LEFT);
        assertThat(guards.record(call).caller().droppedAt()).contains(droppedAt);
        assertThat(guards.hangUps(call)).hasSize(1);
        assertThat(guards.meetingDeletes(call)).hasSize(1);
        assertThat(guards.callsEnded()).hasSize(1);
    }

    @Test
    void attendeeDropped_waitIsCappedByTheInvocationsRemainingTime() {
        TestCall call = guards.connected(OWNER);
        send(ChimeMeetingEvents.ATTENDEE_JOINED, call, OWNER, now());

        String line = processor.process(event(ChimeMeetingEvents.ATTENDEE_DROPPED, Guards.REGION, call.meetingId(), OWNER, now()),
                () -> MeetingEventProcessor.RESERVE.toMillis() + 2_000);

        assertThat(line).contains("waited=2000ms (capped)");
    }

    @Test
    void attendeeDropped_whileTheCallEndsElsewhere_doesNothingMore() {
        TestCall call = guards.connected(OWNER);
        send(ChimeMeetingEvents.ATTENDEE_JOINED, call, OWNER, now());
        guards.duringWait = () -> guards.calls.ended(call.callId(), EndReason.CALLEE_HUNG_UP);

        String line = send(ChimeMeetingEvents.ATTENDEE_DROPPED, call, OWNER, now());

        assertThat(line).contains("the call has ended");
        assertThat(guards.record(call).reason()).contains(EndReason.CALLEE_HUNG_UP);
        assertThat(guards.chime.requests()).isEmpty();
        assertThat(guards.callsEnded()).isEmpty();
    }

    @Test
    void attendeeEvents_ofAnotherAttendee_areIgnored() {
        TestCall call = guards.connected(OWNER);
        send(ChimeMeetingEvents.ATTENDEE_JOINED, call, OWNER, now());

        String line = send(ChimeMeetingEvents.ATTENDEE_LEFT, call, "phone-leg", now().plusSeconds(1));
        send(ChimeMeetingEvents.ATTENDEE_LEFT, call, OWNER + "x", now().plusSeconds(1));
        send(ChimeMeetingEvents.ATTENDEE_LEFT, call, null, now().plusSeconds(1));

        assertThat(line).contains("not the caller's attendee");
        CallRecord record = guards.record(call);
        assertThat(record.state()).isEqualTo(CallState.CONNECTED);
        assertThat(record.caller().leftAt()).isEmpty();
        assertThat(guards.chime.requests()).isEmpty();
    }

    @Test
    void events_ofAnUnknownMeeting_areIgnored() {
        String line = processor.process(event(ChimeMeetingEvents.ATTENDEE_LEFT, Guards.REGION, UUID.randomUUID().toString(), OWNER, now()),
                () -> PLENTY_OF_TIME);

        assertThat(line).startsWith("ignored: meeting of no call");
        assertThat(guards.chime.requests()).isEmpty();
    }

    @Test
    void events_ofAnotherRegion_areIgnored() {
        TestCall call = guards.connected(OWNER);

        String line = processor.process(event(ChimeMeetingEvents.ATTENDEE_LEFT, "eu-west-1", call.meetingId(), OWNER, now()),
                () -> PLENTY_OF_TIME);

        assertThat(line).isEqualTo("ignored: event of another region");
        assertThat(guards.record(call).state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void malformedOrForeignInput_isIgnoredWithoutThrowing() {
        TestCall call = guards.connected(OWNER);
        String attendeeLeft = new String(event(ChimeMeetingEvents.ATTENDEE_LEFT, Guards.REGION, call.meetingId(), OWNER, now()),
                StandardCharsets.UTF_8);

        assertThat(process("{not json")).isEqualTo("ignored: not a meeting event (malformed JSON)");
        assertThat(process("")).startsWith("ignored:");
        assertThat(process("null")).startsWith("ignored:");
        assertThat(process("[1,2]")).startsWith("ignored:");
        assertThat(process(attendeeLeft.replace("aws.chime", "aws.other"))).isEqualTo("ignored: not a Chime meeting state change");
        assertThat(process(attendeeLeft.replace("chime:AttendeeLeft", "chime:MeetingStarted"))).isEqualTo("ignored: event type not handled");
        assertThat(process(attendeeLeft.replace("\"timestamp\":", "\"timestamp\":\"soon\",\"x\":"))).startsWith("ignored:");
        assertThat(process("{\"source\":\"aws.chime\",\"detail-type\":\"Chime Meeting State Change\",\"region\":\"us-east-1\"}"))
                .isEqualTo("ignored: no detail");
        assertThat(guards.record(call).state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void oversizedAndHostileValues_areIgnoredWithoutThrowing_andChangeNothing() {
        TestCall call = guards.connected(OWNER);
        String attendeeLeft = new String(event(ChimeMeetingEvents.ATTENDEE_LEFT, Guards.REGION, call.meetingId(), OWNER, now()),
                StandardCharsets.UTF_8);

        assertThat(process(attendeeLeft.replace(call.meetingId(), "x".repeat(300_000)))).isEqualTo("ignored: malformed meeting id");
        assertThat(process(attendeeLeft.replace(call.meetingId(), call.meetingId() + "\\\" OR 1=1 --")))
                .isEqualTo("ignored: malformed meeting id");
        assertThat(process(attendeeLeft.replace(OWNER, OWNER + "\\u0000" + "y".repeat(100_000))))
                .contains("action=none (not the caller's attendee)");
        assertThat(guards.record(call).state()).isEqualTo(CallState.CONNECTED);
    }

    private String process(String input) {
        return processor.process(input.getBytes(StandardCharsets.UTF_8), () -> PLENTY_OF_TIME);
    }

    @Test
    void meetingEnded_underALiveCall_endsItAsFailed() {
        TestCall call = guards.dialled(OWNER);

        String line = send(ChimeMeetingEvents.MEETING_ENDED, call, null, now());

        assertThat(line).contains("ended reason=failed");
        assertThat(guards.record(call).reason()).contains(EndReason.FAILED);
        assertThat(guards.hangUps(call)).hasSize(1);
        assertThat(guards.callsEnded()).singleElement()
                .satisfies(metric -> assertThat(metric.path(CallMetrics.OUTCOME).asText()).isEqualTo("failed"));
    }

    @Test
    void meetingEnded_afterTheSmaHandlerRecordedCalleeHungUp_keepsThatReason() {
        TestCall call = guards.connected(OWNER);
        guards.calls.ended(call.callId(), EndReason.CALLEE_HUNG_UP);

        String line = send(ChimeMeetingEvents.MEETING_ENDED, call, null, now());

        assertThat(line).contains("the call has ended");
        assertThat(guards.record(call).reason()).contains(EndReason.CALLEE_HUNG_UP);
        assertThat(guards.chime.requests()).isEmpty();
        assertThat(guards.callsEnded()).isEmpty();
    }

    @Test
    void ownersRelabel_toCallerHungUp_isNotClobberedByLaterEvents() {
        TestCall call = guards.connected(OWNER);
        send(ChimeMeetingEvents.ATTENDEE_LEFT, call, OWNER, now());
        // The page's hang-up reaches the SMA handler after the leave: it relabels the ending.
        assertThat(guards.calls.ended(call.callId(), EndReason.CALLER_HUNG_UP, Set.of(EndReason.CALLER_LEFT)).ending())
                .isEqualTo(com.clicktocall.ledger.CallRecords.Ending.RELABELLED);

        send(ChimeMeetingEvents.ATTENDEE_LEFT, call, OWNER, now().plusSeconds(1));
        send(ChimeMeetingEvents.MEETING_ENDED, call, null, now().plusSeconds(2));

        assertThat(guards.record(call).reason()).contains(EndReason.CALLER_HUNG_UP);
        assertThat(guards.callsEnded()).hasSize(1);
    }

    @Test
    void theCallersAttendee_isTheOneWhoseExternalUserIdIsTheWholeOwnerSub() {
        assertThat(Subs.same(OWNER, OWNER)).isTrue();
        assertThat(Subs.same(OWNER, OWNER.substring(1))).isFalse();
        assertThat(Subs.same(OWNER, null)).isFalse();
        assertThat(Subs.same("", "")).isFalse();
    }
}
