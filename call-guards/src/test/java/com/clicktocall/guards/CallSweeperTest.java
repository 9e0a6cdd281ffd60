package com.clicktocall.guards;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.guards.Guards.TestCall;
import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.SweepKind;
import com.clicktocall.model.ledger.CallState;
import com.clicktocall.model.ledger.EndReason;
import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallSweeperTest {

    private static final String OWNER = "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09";
    private static final long PLENTY_OF_TIME = 60_000;

    private Guards guards;

    @BeforeEach
    void setUp() throws Exception {
        guards = new Guards();
    }

    @AfterEach
    void tearDown() {
        guards.close();
    }

    private CallSweeper.Summary sweep() {
        return guards.sweeper().sweep(() -> PLENTY_OF_TIME);
    }

    private boolean listed(SweepKind kind, TestCall call) {
        return guards.calls.dueForSweep(kind, Instant.parse("2100-01-01T00:00:00Z"), 1000).stream()
                .anyMatch(c -> c.callId().equals(call.callId()));
    }

    @Test
    void callInSetupPastTheLongestSetup_endsAsStuck() {
        TestCall call = guards.dialled(OWNER);
        guards.clock.advance(guards.settings.stuckAfter().plusSeconds(1));

        CallSweeper.Summary summary = sweep();

        assertThat(summary.stuck()).isEqualTo(1);
        assertThat(guards.record(call).state()).isEqualTo(CallState.ENDED);
        assertThat(guards.record(call).reason()).contains(EndReason.STUCK);
        assertThat(guards.hangUps(call)).hasSize(1);
        assertThat(guards.meetingDeletes(call)).hasSize(1);
        assertThat(listed(SweepKind.TEARDOWN, call)).as("off the sweeper's list once its meeting is gone").isFalse();
        assertThat(guards.sweeperEnds()).singleElement()
                .satisfies(metric -> assertThat(metric.path(CallMetrics.REASON).asText()).isEqualTo("stuck"));
        assertThat(guards.callsEnded()).singleElement()
                .satisfies(metric -> assertThat(metric.path(CallMetrics.OUTCOME).asText()).isEqualTo("failed"));
        assertThat(guards.slotFree(call)).isTrue();
    }

    @Test
    void connectedCallPastTheLongestCall_endsAsTimeLimit() {
        TestCall call = guards.connected(OWNER);
        guards.clock.advance(Guards.MAX_CALL.plusSeconds(1));

        CallSweeper.Summary summary = sweep();

        assertThat(summary.timeLimit()).isEqualTo(1);
        assertThat(guards.record(call).reason()).contains(EndReason.TIME_LIMIT);
        assertThat(guards.hangUps(call)).singleElement()
                .satisfies(request -> assertThat(request.body()).contains("\"RequesterSub\":\"" + OWNER + "\""));
        assertThat(guards.sweeperEnds()).singleElement()
                .satisfies(metric -> assertThat(metric.path(CallMetrics.REASON).asText()).isEqualTo("time-limit"));
        assertThat(guards.callsEnded()).singleElement()
                .satisfies(metric -> assertThat(metric.path(CallMetrics.TALK_TIME).asLong()).isEqualTo(61));
    }

    @Test
    void endedCall_pastTheGrace_hasItsMeetingDeletedAndLeavesTheList() {
        TestCall call = guards.connected(OWNER);
        guards.calls.ended(call.callId(), EndReason.CALLEE_HUNG_UP);
        guards.clock.advance(GuardSettings.TEARDOWN_GRACE.plusSeconds(1));

        CallSweeper.Summary summary = sweep();

        assertThat(summary.swept()).isEqualTo(1);
        assertThat(guards.meetingDeletes(call)).hasSize(1);
        assertThat(guards.hangUps(call)).as("an ended call is not hung up again").isEmpty();
        assertThat(listed(SweepKind.TEARDOWN, call)).isFalse();
        assertThat(guards.callsEnded()).isEmpty();
        assertThat(guards.sweeperEnds()).isEmpty();
    }

    @Test
    void endedCall_whoseMeetingIsAlreadyGone_leavesTheList() {
        TestCall call = guards.connected(OWNER);
        guards.calls.ended(call.callId(), EndReason.CALLER_HUNG_UP);
        guards.chime.reset(); // every request now answers NotFound
        guards.clock.advance(GuardSettings.TEARDOWN_GRACE.plusSeconds(1));

        assertThat(sweep().swept()).isEqualTo(1);
        assertThat(listed(SweepKind.TEARDOWN, call)).isFalse();
    }

    @Test
    void endedCall_whoseMeetingCannotBeDeleted_staysForTheNextRun() {
        TestCall call = guards.connected(OWNER);
        guards.calls.ended(call.callId(), EndReason.CALLER_HUNG_UP);
        guards.chime.on("DELETE", "/meetings/.*", Stub.awsError(503, "ServiceUnavailableException", "try later"));
        guards.clock.advance(GuardSettings.TEARDOWN_GRACE.plusSeconds(1));

        CallSweeper.Summary summary = sweep();

        assertThat(summary.failed()).isEqualTo(1);
        assertThat(listed(SweepKind.TEARDOWN, call)).isTrue();

        guards.chime.on("DELETE", "/meetings/.*", Stub.status(204));
        assertThat(sweep().swept()).isEqualTo(1);
        assertThat(listed(SweepKind.TEARDOWN, call)).isFalse();
    }

    @Test
    void callsNotYetDue_areLeftAlone() {
        TestCall dialling = guards.dialled(OWNER);
        TestCall connected = guards.connected("another-owner");
        TestCall ended = guards.connected("a-third-owner");
        guards.clock.advance(Duration.ofSeconds(50));
        guards.calls.ended(ended.callId(), EndReason.CALLEE_HUNG_UP);
        guards.clock.advance(Duration.ofSeconds(5));

        CallSweeper.Summary summary = sweep();

        assertThat(summary).isEqualTo(new CallSweeper.Summary(0, 0, 0, 0, 0, false));
        assertThat(guards.record(dialling).state()).isEqualTo(CallState.DIALLING);
        assertThat(guards.record(connected).state()).isEqualTo(CallState.CONNECTED);
        assertThat(guards.chime.requests()).isEmpty();
        assertThat(guards.metricRecords.lines()).isEmpty();
    }

    @Test
    void aCallThatMovedOnSinceTheIndexWasRead_isNotEnded() {
        TestCall call = guards.dialled(OWNER);
        guards.clock.advance(guards.settings.stuckAfter().plusSeconds(1));
        // The index still lists the call in setup, but it has just connected.
        var listed = guards.calls.dueForSweep(SweepKind.SETUP, guards.clock.instant().minus(guards.settings.stuckAfter()), 10);
        guards.calls.connected(call.callId(), call.transactionId());

        assertThat(guards.ending.endIfStill(listed.get(0), EndReason.STUCK, SweepKind.SETUP,
                guards.clock.instant().minus(guards.settings.stuckAfter()))).isEqualTo(CallEnding.Ended.NOT_NOW);
        assertThat(guards.record(call).state()).isEqualTo(CallState.CONNECTED);
        assertThat(guards.chime.requests()).isEmpty();
    }

    @Test
    void twoSweepsAtOnce_endEachCallOnce() throws Exception {
        List<TestCall> stuck = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stuck.add(guards.dialled("owner-" + i));
        }
        guards.clock.advance(guards.settings.stuckAfter().plusSeconds(1));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<CallSweeper.Summary>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                CallSweeper sweeper = guards.sweeper();
                runs.add(pool.submit(() -> {
                    start.await();
                    return sweeper.sweep(() -> PLENTY_OF_TIME);
                }));
            }
            start.countDown();
            int ended = 0;
            for (Future<CallSweeper.Summary> run : runs) {
                ended += run.get().stuck();
            }
            assertThat(ended).isEqualTo(stuck.size());
        } finally {
            pool.shutdownNow();
        }

        for (TestCall call : stuck) {
            assertThat(guards.record(call).reason()).contains(EndReason.STUCK);
            assertThat(guards.hangUps(call)).hasSize(1);
        }
        assertThat(guards.callsEnded()).hasSize(stuck.size());
        assertThat(guards.sweeperEnds()).hasSize(stuck.size());
    }

    @Test
    void aSweepRacingAHangUp_leavesTheHangUpsReason() {
        TestCall call = guards.connected(OWNER);
        guards.clock.advance(Guards.MAX_CALL.plusSeconds(1));
        var listed = guards.calls.dueForSweep(SweepKind.CONNECTED, guards.clock.instant().minus(Guards.MAX_CALL), 10);
        guards.calls.ended(call.callId(), EndReason.CALLER_HUNG_UP);

        assertThat(guards.ending.endIfStill(listed.get(0), EndReason.TIME_LIMIT, SweepKind.CONNECTED,
                guards.clock.instant().minus(Guards.MAX_CALL))).isEqualTo(CallEnding.Ended.NOT_NOW);
        assertThat(guards.record(call).reason()).contains(EndReason.CALLER_HUNG_UP);
        assertThat(guards.metricRecords.lines()).isEmpty();
    }

    @Test
    void aSweepShortOfTime_startsNothing() {
        guards.dialled(OWNER);
        guards.clock.advance(guards.settings.stuckAfter().plusSeconds(1));

        CallSweeper.Summary summary = guards.sweeper().sweep(() -> CallSweeper.MIN_REMAINING_MILLIS - 1);

        assertThat(summary.outOfTime()).isTrue();
        assertThat(summary.stuck()).isZero();
        assertThat(guards.chime.requests()).isEmpty();
    }
}
