package com.clicktocall.guards;

import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.CallRecord;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerException;
import com.clicktocall.ledger.SweepKind;
import com.clicktocall.ledger.UserCallLimits;
import com.clicktocall.model.ledger.EndReason;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Ending a call, the same steps for both guards (docs/CALL-GUARDS.md): the conditional {@code ended} write,
 * and only when that write ended the call, the owner's slot, the metric, the SMA call (hung up as the owner)
 * and the meeting. A writer that loses the condition does nothing more, so two guards, or a guard and the
 * SMA handler, never end a call twice.
 */
public final class CallEnding {

    private static final Logger LOG = Logger.getLogger("com.clicktocall.guards.ending");

    /** What {@link #end} did. */
    public enum Ended {
        /** This write ended the call; its meeting is gone (deleted now, or already). */
        ENDED,
        /** This write ended the call, but its meeting could not be deleted: the sweeper tries again. */
        ENDED_MEETING_LEFT,
        /** The call had already ended, or moved on: nothing was done. */
        NOT_NOW;

        public boolean endedNow() {
            return this != NOT_NOW;
        }
    }

    private final CallRecords calls;
    private final UserCallLimits limits;
    private final CallMetrics metrics;
    private final ChimeCalls chime;
    private final Clock clock;

    public CallEnding(CallRecords calls, UserCallLimits limits, CallMetrics metrics, ChimeCalls chime, Clock clock) {
        this.calls = calls;
        this.limits = limits;
        this.metrics = metrics;
        this.chime = chime;
        this.clock = clock;
    }

    /**
     * Ends {@code call} for {@code reason} unless it has ended already.
     *
     * @throws LedgerException when the ending itself cannot be written (nothing else was done)
     */
    public Ended end(CallRecord call, EndReason reason) {
        return afterWrite(call, reason, () -> calls.ended(call.callId(), reason));
    }

    /** The sweeper's ending: only while the call is still {@code kind} since before {@code dueBefore}. */
    public Ended endIfStill(CallRecord call, EndReason reason, SweepKind kind, Instant dueBefore) {
        return afterWrite(call, reason, () -> calls.endedIfStill(call.callId(), reason, kind, dueBefore));
    }

    private Ended afterWrite(CallRecord call, EndReason reason, Supplier<Optional<CallRecord>> write) {
        Optional<CallRecord> ended = write.get();
        if (ended.isEmpty()) {
            return Ended.NOT_NOW;
        }
        Instant now = clock.instant();
        CallRecord before = ended.get();
        String owner = before.ownerSub().isEmpty() ? call.ownerSub() : before.ownerSub();
        try {
            limits.release(owner, call.callId());
        } catch (LedgerException e) {
            // Its lease frees the slot in the end.
            LOG.warnf("ending callId=%s step=release-slot result=failed detail=%s", call.callId(), e.getMessage());
        }
        metrics.callEnded(before, reason, now);

        Optional<String> transactionId = before.transactionId().or(call::transactionId);
        String hangUp = "none";
        if (transactionId.isPresent()) {
            ChimeCalls.Result result = chime.hangUp(transactionId.get(), owner, reason);
            hangUp = describe(result);
        }
        Optional<String> meetingId = before.meetingId().or(call::meetingId);
        String meeting = "none";
        boolean meetingGone = true;
        if (meetingId.isPresent()) {
            ChimeCalls.Result result = chime.deleteMeeting(meetingId.get());
            meeting = describe(result);
            meetingGone = result.outcome().gone();
        }
        LOG.infof("ending callId=%s reason=%s hangUp=%s deleteMeeting=%s", call.callId(), reason.wireName(), hangUp, meeting);
        return meetingGone ? Ended.ENDED : Ended.ENDED_MEETING_LEFT;
    }

    private static String describe(ChimeCalls.Result result) {
        return switch (result.outcome()) {
            case DONE -> "done";
            case ALREADY_GONE -> "already-gone";
            case FAILED -> "failed(" + result.detail() + ")";
        };
    }
}
