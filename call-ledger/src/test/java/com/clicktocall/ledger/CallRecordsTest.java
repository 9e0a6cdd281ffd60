package com.clicktocall.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.model.ledger.CallState;
import com.clicktocall.model.ledger.EndReason;
import com.clicktocall.testsupport.Dynalite;
import com.clicktocall.testsupport.DynaliteServer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CallRecordsTest {

    @RegisterExtension
    static final DynaliteServer DYNAMO = new DynaliteServer();
    LedgerFixture ledger;
    CallRecords calls;

    @BeforeEach
    void freshTable() throws Exception {
        ledger = new LedgerFixture(DYNAMO.dynalite());
        calls = new CallRecords(ledger.db, ledger.table, ledger.clock, Duration.ofDays(7));
    }

    @Test
    void aCallMovesFromDiallingToEnded_withEachStepsTime() {
        calls.dialling("c1", "sub-1", "+12065550100", "PSTN");
        long dialled = ledger.clock.millis();
        calls.identify("c1", "m1", Optional.of("tx1"));
        ledger.clock.advance(Duration.ofSeconds(2));
        assertThat(calls.ringing("c1", "tx1")).isTrue();
        ledger.clock.advance(Duration.ofSeconds(3));
        assertThat(calls.connected("c1", "tx1")).isTrue();
        ledger.clock.advance(Duration.ofSeconds(60));
        Optional<CallRecord> before = calls.ended("c1", EndReason.CALLEE_HUNG_UP);

        assertThat(before).get().extracting(CallRecord::state).isEqualTo(CallState.CONNECTED);
        CallRecord call = calls.byCallId("c1").orElseThrow();
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(call.reason()).contains(EndReason.CALLEE_HUNG_UP);
        assertThat(call.ownerSub()).isEqualTo("sub-1");
        assertThat(call.meetingId()).contains("m1");
        assertThat(call.dialledAt().toEpochMilli()).isEqualTo(dialled);
        assertThat(call.answeredAt()).get().extracting(a -> a.toEpochMilli()).isEqualTo(dialled + 5_000);
        assertThat(call.endedAt()).get().extracting(a -> a.toEpochMilli()).isEqualTo(dialled + 65_000);
    }

    @Test
    void lateOrRepeatedEvents_neverMoveACallBack() {
        calls.dialling("c1", "sub-1", "+12065550100", "PSTN");
        assertThat(calls.connected("c1", "tx1")).isTrue();
        assertThat(calls.ringing("c1", "tx1")).as("ringing after connected").isFalse();
        assertThat(calls.connected("c1", "tx1")).as("connected again").isFalse();
        assertThat(calls.ended("c1", EndReason.CALLER_HUNG_UP)).isPresent();
        assertThat(calls.ended("c1", EndReason.FAILED)).as("a second ending").isEmpty();
        assertThat(calls.connected("c1", "tx1")).as("connected after ended").isFalse();

        CallRecord call = calls.byCallId("c1").orElseThrow();
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(call.reason()).as("the first reason stays").contains(EndReason.CALLER_HUNG_UP);
    }

    @Test
    void eventsOfAnUnknownCall_changeNothingAndCreateNothing() {
        assertThat(calls.ringing("nope", "tx")).isFalse();
        assertThat(calls.ended("nope", EndReason.FAILED)).isEmpty();
        assertThat(calls.byCallId("nope")).isEmpty();
        assertThatThrownBy(() -> calls.identify("nope", "m", Optional.empty())).isInstanceOf(LedgerException.class);
    }

    @Test
    void aCallIsFoundByItsTransactionId_onceTheSmaCallExists() {
        calls.dialling("c1", "sub-1", "+12065550100", "PSTN");
        assertThat(calls.byTransactionId("tx1")).isEmpty();
        calls.identify("c1", "m1", Optional.of("tx1"));
        assertThat(calls.byTransactionId("tx1")).get().extracting(CallRecord::callId, CallRecord::ownerSub, CallRecord::toNumber)
                .containsExactly("c1", "sub-1", "+12065550100");
        assertThat(calls.byTransactionId("tx2")).isEmpty();
    }

    @Test
    void aSecondCallWithTheSameId_isRefused() {
        calls.dialling("c1", "sub-1", "+12065550100", "PSTN");
        assertThatThrownBy(() -> calls.dialling("c1", "sub-2", "+12065550101", "PSTN")).isInstanceOf(LedgerException.class);
        assertThat(calls.byCallId("c1")).get().extracting(CallRecord::ownerSub).isEqualTo("sub-1");
    }

    @Test
    void anUnreachableLedger_failsWithALedgerException() throws Exception {
        try (Dynalite stopped = Dynalite.start(Dynalite.defaultInstallation(), 0)) {
            var db = LedgerClients.build("us-east-1", Optional.of(stopped.uri()), Duration.ofMillis(300), 1);
            stopped.close();
            CallRecords unreachable = new CallRecords(db, ledger.table, ledger.clock, Duration.ofDays(7));
            assertThatThrownBy(() -> unreachable.ringing("c1", "tx")).isInstanceOf(LedgerException.class);
        }
    }

    // --- the caller's presence -----------------------------------------------------------------------

    @Test
    void callerPresence_followsTheEventsTimes_notTheirArrival() {
        calls.dialling("c1", "sub-1", "+12065550100", "PSTN");
        java.time.Instant t0 = java.time.Instant.parse("2026-12-07T10:00:00Z");

        assertThat(calls.byCallId("c1").orElseThrow().caller().present()).isFalse();
        assertThat(calls.callerJoined("c1", t0)).isTrue();
        assertThat(calls.byCallId("c1").orElseThrow().caller().present()).isTrue();
        assertThat(calls.callerDropped("c1", t0.plusSeconds(5))).isTrue();
        assertThat(calls.byCallId("c1").orElseThrow().caller().present()).as("dropped").isFalse();
        assertThat(calls.callerJoined("c1", t0.plusSeconds(8))).isTrue();
        assertThat(calls.byCallId("c1").orElseThrow().caller().present()).as("back after the drop").isTrue();
        assertThat(calls.callerJoined("c1", t0.plusSeconds(1))).as("an older join arriving late").isFalse();
        assertThat(calls.callerLeft("c1", t0.plusSeconds(9))).isTrue();
        CallRecord.CallerPresence caller = calls.byCallId("c1").orElseThrow().caller();
        assertThat(caller.present()).isFalse();
        assertThat(caller.left()).isTrue();
        assertThat(caller.joinedAt()).contains(t0.plusSeconds(8));
        assertThat(calls.callerJoined("missing", t0)).as("a call that does not exist").isFalse();
    }

    @Test
    void theOwnersEnd_relabelsCallerLeft_onlyThat() {
        calls.dialling("c1", "sub-1", "+12065550100", "PSTN");
        calls.dialling("c2", "sub-1", "+12065550100", "PSTN");
        assertThat(calls.ended("c1", EndReason.CALLER_LEFT)).isPresent();
        assertThat(calls.ended("c2", EndReason.CALLEE_HUNG_UP)).isPresent();
        long endedAt = calls.byCallId("c1").orElseThrow().endedAt().orElseThrow().toEpochMilli();
        ledger.clock.advance(Duration.ofSeconds(3));

        CallRecords.EndWrite relabel = calls.ended("c1", EndReason.CALLER_HUNG_UP, java.util.Set.of(EndReason.CALLER_LEFT));
        CallRecords.EndWrite kept = calls.ended("c2", EndReason.CALLER_HUNG_UP, java.util.Set.of(EndReason.CALLER_LEFT));

        assertThat(relabel.ending()).isEqualTo(CallRecords.Ending.RELABELLED);
        assertThat(kept.ending()).isEqualTo(CallRecords.Ending.UNCHANGED);
        CallRecord c1 = calls.byCallId("c1").orElseThrow();
        assertThat(c1.reason()).contains(EndReason.CALLER_HUNG_UP);
        assertThat(c1.endedAt()).get().extracting(java.time.Instant::toEpochMilli).as("the first ending's time").isEqualTo(endedAt);
        assertThat(calls.byCallId("c2").orElseThrow().reason()).contains(EndReason.CALLEE_HUNG_UP);
    }
}
