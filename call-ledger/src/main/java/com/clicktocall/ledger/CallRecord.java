package com.clicktocall.ledger;

import com.clicktocall.model.ledger.CallState;
import com.clicktocall.model.ledger.EndReason;
import java.time.Instant;
import java.util.Optional;

/**
 * One call as the ledger holds it.
 *
 * @param transactionId the SMA's transaction id, once known
 * @param reason why the call ended, once {@link CallState#ENDED}
 * @param caller the caller's browser attendee in the meeting, as the meeting events told it
 */
public record CallRecord(String callId, String ownerSub, CallState state, Optional<EndReason> reason, String toNumber,
        Optional<String> meetingId, Optional<String> transactionId, Instant dialledAt, Optional<Instant> answeredAt,
        Optional<Instant> endedAt, CallerPresence caller) {

    /**
     * The caller's browser attendee: when it last joined, left or dropped (epoch ms of the Chime events).
     * Empty until the meeting-events function records one.
     */
    public record CallerPresence(Optional<Instant> joinedAt, Optional<Instant> leftAt, Optional<Instant> droppedAt) {

        public static final CallerPresence UNKNOWN = new CallerPresence(Optional.empty(), Optional.empty(), Optional.empty());

        /** In the meeting now: joined, and neither left nor dropped since. */
        public boolean present() {
            return joinedAt.isPresent() && !after(leftAt, joinedAt.get()) && !after(droppedAt, joinedAt.get());
        }

        /** Joined, then left (a leave after the last join). */
        public boolean left() {
            return leftAt.isPresent() && (joinedAt.isEmpty() || !leftAt.get().isBefore(joinedAt.get()));
        }

        private static boolean after(Optional<Instant> event, Instant joined) {
            return event.isPresent() && !event.get().isBefore(joined);
        }
    }
}
