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
 */
public record CallRecord(String callId, String ownerSub, CallState state, Optional<EndReason> reason, String toNumber,
        Optional<String> meetingId, Optional<String> transactionId, Instant dialledAt, Optional<Instant> answeredAt,
        Optional<Instant> endedAt) {
}
