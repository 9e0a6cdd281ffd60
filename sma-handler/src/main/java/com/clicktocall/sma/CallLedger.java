package com.clicktocall.sma;

import com.clicktocall.model.ledger.EndReason;
import java.util.Optional;
import java.util.Set;

/**
 * The call ledger as the SMA handler writes it: a call's steps from ringing to ended. Behind an
 * interface so the call flow can be tested without the AWS SDK. Implementations never throw and give
 * up within a short, bounded time: the call matters more than its record (see
 * {@code docs/CALL-LEDGER.md}).
 */
public interface CallLedger {

    /** How a write went, for the event's log line. */
    enum Outcome {
        /** The call moved to the new state now. */
        WRITTEN("written"),
        /** The call had ended for a reason this ending replaces (the owner's end over {@code caller-left}): only the reason changed. */
        RELABELLED("relabelled"),
        /** The call was already there or further on (an SMA retry, a late event, another writer): nothing changed. */
        UNCHANGED("unchanged"),
        /** The ledger failed or did not answer in time; the call goes on regardless. */
        FAILED("failed");

        private final String logName;

        Outcome(String logName) {
            this.logName = logName;
        }

        public String logName() {
            return logName;
        }
    }

    /** The far end is being called ({@code CallAndBridge} sent). */
    Outcome ringing(String callId, String transactionId);

    /** The far end answered: the call is connected, and its owner's slot is renewed up to the longest call allowed. */
    Outcome connected(String callId, String ownerSub, String transactionId);

    /** The call ended for {@code reason}; the first ending frees the owner's slot and counts the call. */
    default Outcome ended(String callId, String ownerSub, EndReason reason) {
        return ended(callId, ownerSub, reason, Set.of());
    }

    /**
     * As {@link #ended(String, String, EndReason)}; a call that has already ended for one of
     * {@code replaces} takes {@code reason} instead.
     */
    Outcome ended(String callId, String ownerSub, EndReason reason, Set<EndReason> replaces);

    /** Whether the caller's browser attendee is in the call's meeting, as the meeting events have told the ledger. */
    enum Caller {
        /** Joined, and neither left nor dropped since. */
        PRESENT,
        /** Not joined yet (or the call is not in the ledger). */
        NOT_YET,
        /** Joined, then left or dropped. */
        GONE,
        /** The call has ended already (another writer ended it). */
        CALL_ENDED,
        /** The ledger failed or did not answer in time. */
        UNKNOWN
    }

    /** Reads the call (consistently) for the caller's presence. Never throws: a failure is {@link Caller#UNKNOWN}. */
    Caller caller(String callId);

    /**
     * The call call-control placed as SMA transaction {@code transactionId}, for an event that arrives
     * without the call's attributes (NEW_OUTBOUND_CALL failed or never came). Empty when the ledger does
     * not know it (yet: call-control records the transaction id once CreateSipMediaApplicationCall has
     * answered) or does not answer in time.
     */
    Optional<KnownCall> byTransactionId(String transactionId);

    /** What the ledger knows of a call: enough to record its end and delete its meeting. */
    record KnownCall(String callId, String ownerSub, Optional<String> meetingId) {
    }
}
