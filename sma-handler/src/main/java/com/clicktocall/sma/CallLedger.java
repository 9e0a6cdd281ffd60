package com.clicktocall.sma;

import com.clicktocall.model.ledger.EndReason;
import java.util.Optional;

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

    /** The call ended for {@code reason}; the first ending frees the owner's slot. */
    Outcome ended(String callId, String ownerSub, EndReason reason);

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
