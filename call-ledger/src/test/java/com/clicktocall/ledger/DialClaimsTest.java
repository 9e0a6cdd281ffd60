package com.clicktocall.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.testsupport.DynaliteServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DialClaimsTest {

    static final Duration LEASE = Duration.ofSeconds(15);
    @RegisterExtension
    static final DynaliteServer DYNAMO = new DynaliteServer();
    LedgerFixture ledger;
    DialClaims claims;

    @BeforeEach
    void freshTable() throws Exception {
        ledger = new LedgerFixture(DYNAMO.dynalite());
        claims = new DialClaims(ledger.db, ledger.table, ledger.clock);
    }

    @Test
    void whileTheFirstRequestRuns_theSameKeyIsInProgress() {
        assertThat(claims.claim("sub-1", "k1", LEASE)).isInstanceOf(DialClaims.Claim.Granted.class);
        ledger.clock.advance(Duration.ofSeconds(5));
        assertThat(claims.claim("sub-1", "k1", LEASE)).isInstanceOfSatisfying(DialClaims.Claim.InProgress.class,
                p -> assertThat(p.retryAfter()).isEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void afterSuccess_theSameKeyReplaysTheAnswer_forTenMinutes() {
        claims.claim("sub-1", "k1", LEASE);
        claims.complete("sub-1", "k1", "call-1", "{\"transactionId\":\"tx1\"}");
        ledger.clock.advance(Duration.ofMinutes(9));
        assertThat(claims.claim("sub-1", "k1", LEASE)).isEqualTo(new DialClaims.Claim.Replay("{\"transactionId\":\"tx1\"}"));
        ledger.clock.advance(Duration.ofMinutes(2));
        assertThat(claims.claim("sub-1", "k1", LEASE)).as("after the window").isInstanceOf(DialClaims.Claim.Granted.class);
    }

    @Test
    void afterFailure_theKeyIsReleased_andARetryStartsAfresh() {
        claims.claim("sub-1", "k1", LEASE);
        assertThat(claims.release("sub-1", "k1")).isTrue();
        assertThat(claims.claim("sub-1", "k1", LEASE)).isInstanceOf(DialClaims.Claim.Granted.class);
    }

    @Test
    void aCrashedFirstAttempt_holdsTheKeyOnlyUntilItsLeaseRunsOut() {
        claims.claim("sub-1", "k1", LEASE);
        ledger.clock.advance(LEASE.plusMillis(1));
        assertThat(claims.claim("sub-1", "k1", LEASE)).isInstanceOf(DialClaims.Claim.Granted.class);
    }

    @Test
    void theSameKeyFromAnotherUser_isAnotherDial() {
        claims.claim("sub-1", "k1", LEASE);
        claims.complete("sub-1", "k1", "call-1", "{}");
        assertThat(claims.claim("sub-2", "k1", LEASE)).isInstanceOf(DialClaims.Claim.Granted.class);
    }

    @Test
    void aCompletedKey_isNotReleasedByALateFailure() {
        claims.claim("sub-1", "k1", LEASE);
        claims.complete("sub-1", "k1", "call-1", "{}");
        assertThat(claims.release("sub-1", "k1")).isFalse();
        assertThat(claims.claim("sub-1", "k1", LEASE)).isInstanceOf(DialClaims.Claim.Replay.class);
    }
}
