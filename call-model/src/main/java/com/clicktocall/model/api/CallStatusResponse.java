package com.clicktocall.model.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Answer of {@code GET /calls/{transactionId}}: what the call ledger knows of one of the caller's own
 * calls. Times are ISO-8601 instants (UTC), null until they happen; {@code reason} is null until the
 * call has ended. Never carries a join token or the owner's identity.
 *
 * @param status a {@link com.clicktocall.model.ledger.CallState} wire name
 * @param reason an {@link com.clicktocall.model.ledger.EndReason} wire name, once ended
 */
@RegisterForReflection
public record CallStatusResponse(String transactionId, String status, String reason, String toNumber,
        String dialledAt, String answeredAt, String endedAt) {
}
