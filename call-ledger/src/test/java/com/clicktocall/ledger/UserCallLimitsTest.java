package com.clicktocall.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.testsupport.DynaliteServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class UserCallLimitsTest {

    static final Duration LEASE = Duration.ofMinutes(2);
    @RegisterExtension
    static final DynaliteServer DYNAMO = new DynaliteServer();
    LedgerFixture ledger;

    @BeforeEach
    void freshTable() throws Exception {
        ledger = new LedgerFixture(DYNAMO.dynalite());
    }

    /** The user's limits as a dial sees them. */
    record Dialler(UserCallLimits limits, UserCallLimits.Limits allowed) {
        UserCallLimits.Admission admit(String sub, String callId, Duration lease) {
            return limits.admit(sub, callId, lease, allowed);
        }

        boolean release(String sub, String callId) {
            return limits.release(sub, callId);
        }

        boolean renew(String sub, String callId, java.time.Instant until) {
            return limits.renew(sub, callId, until);
        }
    }

    Dialler limits(int maxActive, int maxPerHour) {
        return new Dialler(new UserCallLimits(ledger.db, ledger.table, ledger.clock), new UserCallLimits.Limits(maxActive, maxPerHour));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void simultaneousDials_admitExactlyTheAllowedNumber(int maxActive) throws Exception {
        Dialler limits = limits(maxActive, 100);
        int dials = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(dials);
        try {
            List<Future<UserCallLimits.Admission>> results = new ArrayList<>();
            for (int i = 0; i < dials; i++) {
                String callId = "call-" + i;
                Callable<UserCallLimits.Admission> dial = () -> {
                    start.await();
                    return limits.admit("sub-1", callId, LEASE);
                };
                results.add(pool.submit(dial));
            }
            start.countDown();
            int admitted = 0;
            for (Future<UserCallLimits.Admission> result : results) {
                UserCallLimits.Admission admission = result.get();
                if (admission instanceof UserCallLimits.Admission.Admitted) {
                    admitted++;
                } else {
                    assertThat(admission).isEqualTo(new UserCallLimits.Admission.TooManyActive(maxActive));
                }
            }
            assertThat(admitted).isEqualTo(maxActive);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void endingACall_freesItsSlotOnce_howeverOftenItIsReported() {
        Dialler limits = limits(1, 100);
        assertThat(limits.admit("sub-1", "call-1", LEASE)).isInstanceOf(UserCallLimits.Admission.Admitted.class);
        assertThat(limits.admit("sub-1", "call-2", LEASE)).isInstanceOf(UserCallLimits.Admission.TooManyActive.class);
        assertThat(limits.release("sub-1", "call-1")).isTrue();
        assertThat(limits.release("sub-1", "call-1")).as("reported again").isFalse();
        assertThat(limits.admit("sub-1", "call-2", LEASE)).isInstanceOf(UserCallLimits.Admission.Admitted.class);
        assertThat(limits.release("sub-1", "call-1")).as("a late report frees nobody else's slot").isFalse();
        assertThat(limits.admit("sub-1", "call-3", LEASE)).isInstanceOf(UserCallLimits.Admission.TooManyActive.class);
    }

    @Test
    void aCrashedCall_holdsItsSlotOnlyUntilItsLeaseRunsOut_unlessRenewed() {
        Dialler limits = limits(1, 100);
        limits.admit("sub-1", "call-1", LEASE);
        ledger.clock.advance(LEASE.plusSeconds(1));
        assertThat(limits.admit("sub-1", "call-2", LEASE)).isInstanceOf(UserCallLimits.Admission.Admitted.class);

        assertThat(limits.renew("sub-1", "call-2", ledger.clock.instant().plus(Duration.ofMinutes(60)))).isTrue();
        ledger.clock.advance(LEASE.plusSeconds(1));
        assertThat(limits.admit("sub-1", "call-3", LEASE)).as("renewed slot still held").isInstanceOf(UserCallLimits.Admission.TooManyActive.class);
        assertThat(limits.renew("sub-1", "gone", ledger.clock.instant())).isFalse();
    }

    @Test
    void dialsPerHour_slideWithTheWindow_andOnlyAcceptedDialsCount() {
        Dialler limits = limits(1, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.admit("sub-1", "call-" + i, LEASE)).isInstanceOf(UserCallLimits.Admission.Admitted.class);
            // A refusal for the call in progress does not count as a dial.
            assertThat(limits.admit("sub-1", "refused-" + i, LEASE)).isInstanceOf(UserCallLimits.Admission.TooManyActive.class);
            limits.release("sub-1", "call-" + i);
            ledger.clock.advance(Duration.ofMinutes(10));
        }
        UserCallLimits.Admission fourth = limits.admit("sub-1", "call-3", LEASE);
        assertThat(fourth).isEqualTo(new UserCallLimits.Admission.TooManyPerHour(3, Duration.ofMinutes(30)));
        ledger.clock.advance(Duration.ofMinutes(30).plusMillis(1));
        assertThat(limits.admit("sub-1", "call-3", LEASE)).as("the first dial left the window").isInstanceOf(UserCallLimits.Admission.Admitted.class);
    }

    @Test
    void usersHaveLimitsOfTheirOwn() {
        Dialler limits = limits(1, 1);
        assertThat(limits.admit("sub-1", "call-1", LEASE)).isInstanceOf(UserCallLimits.Admission.Admitted.class);
        assertThat(limits.admit("sub-2", "call-2", LEASE)).isInstanceOf(UserCallLimits.Admission.Admitted.class);
    }

    @Test
    void aRepeatedAdmissionOfTheSameCall_isTheSameSlot() {
        Dialler limits = limits(1, 5);
        limits.admit("sub-1", "call-1", LEASE);
        assertThat(limits.admit("sub-1", "call-1", LEASE)).isInstanceOf(UserCallLimits.Admission.Admitted.class);
    }
}
