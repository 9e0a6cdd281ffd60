package com.clicktocall.guards;

import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.CallRecord;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerException;
import com.clicktocall.ledger.SweepKind;
import com.clicktocall.model.ledger.EndReason;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The call-sweeper function's logic (docs/CALL-GUARDS.md), run every minute: ends calls stuck in setup
 * and calls past the longest call allowed, and deletes the meetings of ended calls before taking them off
 * its list. It reads only the {@code BySweepDue} index, and acts only through conditional writes, so two
 * sweepers at once, or a sweeper racing a hang-up, do no harm.
 */
public final class CallSweeper {

    private static final Logger LOG = Logger.getLogger("com.clicktocall.guards.sweeper");

    /** Calls of each kind looked at per run; the rest wait for the next minute. */
    static final int MAX_PER_KIND = 200;
    /** No new call is started with less than this left of the invocation. */
    static final long MIN_REMAINING_MILLIS = 10_000;

    /** What one run did. */
    public record Summary(int stuck, int timeLimit, int swept, int lost, int failed, boolean outOfTime) {

        public String line() {
            return "call-sweeper stuck=" + stuck + " time-limit=" + timeLimit + " swept=" + swept + " lost=" + lost
                    + " failed=" + failed + (outOfTime ? " stopped=out-of-time" : "");
        }
    }

    private final CallRecords calls;
    private final CallEnding ending;
    private final ChimeCalls chime;
    private final CallMetrics metrics;
    private final GuardSettings settings;
    private final Clock clock;

    public CallSweeper(CallRecords calls, CallEnding ending, ChimeCalls chime, CallMetrics metrics, GuardSettings settings,
            Clock clock) {
        this.calls = calls;
        this.ending = ending;
        this.chime = chime;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /** @param remainingMillis the invocation's remaining time (Lambda's {@code Context}) */
    public Summary sweep(LongSupplier remainingMillis) {
        Counts counts = new Counts();
        Instant now = clock.instant();
        boolean inTime = endDue(SweepKind.SETUP, now.minus(settings.stuckAfter()), EndReason.STUCK, counts, remainingMillis)
                && endDue(SweepKind.CONNECTED, now.minus(settings.maxCall()), EndReason.TIME_LIMIT, counts, remainingMillis)
                && tearDown(now.minus(GuardSettings.TEARDOWN_GRACE), counts, remainingMillis);
        Summary summary = new Summary(counts.stuck, counts.timeLimit, counts.swept, counts.lost, counts.failed, !inTime);
        LOG.info(summary.line());
        return summary;
    }

    private boolean endDue(SweepKind kind, Instant dueBefore, EndReason reason, Counts counts, LongSupplier remainingMillis) {
        for (CallRecord call : due(kind, dueBefore, counts)) {
            if (remainingMillis.getAsLong() < MIN_REMAINING_MILLIS) {
                return false;
            }
            try {
                CallEnding.Ended ended = ending.endIfStill(call, reason, kind, dueBefore);
                if (!ended.endedNow()) {
                    counts.lost++;
                    continue;
                }
                metrics.count(CallMetrics.SWEEPER_ENDS, CallMetrics.REASON, reason.wireName(), clock.instant());
                if (reason == EndReason.STUCK) {
                    counts.stuck++;
                } else {
                    counts.timeLimit++;
                }
                if (ended == CallEnding.Ended.ENDED && calls.swept(call.callId())) {
                    counts.swept++;
                }
            } catch (LedgerException e) {
                counts.failed++;
                LOG.warnf("call-sweeper callId=%s kind=%s failed: %s", call.callId(), kind.wireName(), e.getMessage());
            }
        }
        return true;
    }

    private boolean tearDown(Instant dueBefore, Counts counts, LongSupplier remainingMillis) {
        for (CallRecord call : due(SweepKind.TEARDOWN, dueBefore, counts)) {
            if (remainingMillis.getAsLong() < MIN_REMAINING_MILLIS) {
                return false;
            }
            if (call.meetingId().isPresent()) {
                ChimeCalls.Result deleted = chime.deleteMeeting(call.meetingId().get());
                if (!deleted.outcome().gone()) {
                    counts.failed++;
                    LOG.warnf("call-sweeper callId=%s deleteMeeting=failed(%s): left for the next run", call.callId(), deleted.detail());
                    continue;
                }
            }
            try {
                if (calls.swept(call.callId())) {
                    counts.swept++;
                } else {
                    counts.lost++;
                }
            } catch (LedgerException e) {
                counts.failed++;
                LOG.warnf("call-sweeper callId=%s swept failed: %s", call.callId(), e.getMessage());
            }
        }
        return true;
    }

    private List<CallRecord> due(SweepKind kind, Instant dueBefore, Counts counts) {
        try {
            return calls.dueForSweep(kind, dueBefore, MAX_PER_KIND);
        } catch (LedgerException e) {
            counts.failed++;
            LOG.warnf("call-sweeper kind=%s list failed: %s", kind.wireName(), e.getMessage());
            return List.of();
        }
    }

    private static final class Counts {
        int stuck;
        int timeLimit;
        int swept;
        int lost;
        int failed;
    }
}
