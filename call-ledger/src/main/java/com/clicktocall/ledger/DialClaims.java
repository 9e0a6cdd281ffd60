package com.clicktocall.ledger;

import static com.clicktocall.ledger.Attributes.n;
import static com.clicktocall.ledger.Attributes.number;
import static com.clicktocall.ledger.Attributes.s;
import static com.clicktocall.ledger.Attributes.string;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotent {@code /dial}: one short-lived item per (user, {@code Idempotency-Key}). The first request
 * claims the key with a lease; while it runs, the same key is refused as in progress; once it succeeded,
 * the same key replays its answer for {@link #REPLAY_WINDOW}; when it failed, the key is released and a
 * retry starts afresh.
 *
 * <p>The stored answer holds the attendee's join token, so it lives only in this item, which expires
 * after {@link #REPLAY_WINDOW} (the condition checks the time itself; TTL only collects the item).
 */
public final class DialClaims {

    /** How long the same key replays the same answer. */
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(10);

    private static final String IN_FLIGHT = "in-flight";
    private static final String DONE = "done";
    private static final int ATTEMPTS = 3;

    /** What became of a claim. */
    public sealed interface Claim {
        /** This request owns the key: go ahead, then {@link #complete} or {@link #release}. */
        record Granted() implements Claim {
        }

        /** The key's first request succeeded: answer with its body again. */
        record Replay(String response) implements Claim {
        }

        /** The key's first request is still running (its lease has not run out). */
        record InProgress(Duration retryAfter) implements Claim {
        }
    }

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    public DialClaims(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    /**
     * @param lease how long the claim holds the key while its request runs: no longer than the function's timeout
     * @throws LedgerException when the ledger cannot be reached
     */
    public Claim claim(String ownerSub, String key, Duration lease) {
        String token = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            long now = clock.millis();
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(LedgerTable.PK, s(LedgerTable.dialKey(ownerSub, key)));
            item.put(LedgerTable.CLAIM_STATE, s(IN_FLIGHT));
            item.put(LedgerTable.CLAIM_TOKEN, s(token));
            item.put(LedgerTable.CLAIMED_AT, n(now));
            item.put(LedgerTable.LEASE_UNTIL, n(now + lease.toMillis()));
            item.put(LedgerTable.EXPIRES_AT, n((now + REPLAY_WINDOW.toMillis()) / 1000));
            try {
                db.putItem(r -> r.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(" + LedgerTable.PK + ") OR " + LedgerTable.CLAIMED_AT + " < :stale"
                                + " OR (" + LedgerTable.CLAIM_STATE + " = :inFlight AND " + LedgerTable.LEASE_UNTIL + " < :now)")
                        .expressionAttributeValues(Map.of(":stale", n(now - REPLAY_WINDOW.toMillis()), ":inFlight", s(IN_FLIGHT),
                                ":now", n(now))));
                return new Claim.Granted();
            } catch (ConditionalCheckFailedException e) {
                Optional<Claim> existing = existing(ownerSub, key, token);
                if (existing.isPresent()) {
                    return existing.get();
                }
                if (attempt >= ATTEMPTS) {
                    throw new LedgerException("the dial's key stayed contended");
                }
            } catch (SdkException e) {
                throw new LedgerException("could not claim the dial's key", e);
            }
        }
    }

    /** Stores the answer to replay for the rest of the window. */
    public void complete(String ownerSub, String key, String callId, String response) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(ownerSub, key))
                    .updateExpression("SET " + LedgerTable.CLAIM_STATE + " = :done, " + LedgerTable.RESPONSE + " = :response, "
                            + LedgerTable.CALL_ID + " = :callId")
                    .expressionAttributeValues(Map.of(":done", s(DONE), ":response", s(response), ":callId", s(callId))));
        } catch (SdkException e) {
            throw new LedgerException("could not store the dial's answer", e);
        }
    }

    /** Lets the key be used afresh after a failed attempt. Never throws: at worst the lease runs out. */
    public boolean release(String ownerSub, String key) {
        try {
            db.deleteItem(r -> r.tableName(table).key(key(ownerSub, key))
                    .conditionExpression(LedgerTable.CLAIM_STATE + " = :inFlight")
                    .expressionAttributeValues(Map.of(":inFlight", s(IN_FLIGHT))));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    /** The claim that stands in the way, or empty when the item went away meanwhile (try again). */
    private Optional<Claim> existing(String ownerSub, String key, String token) {
        Map<String, AttributeValue> item;
        try {
            item = db.getItem(r -> r.tableName(table).key(key(ownerSub, key)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw new LedgerException("could not read the dial's key", e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        if (string(item, LedgerTable.CLAIM_TOKEN).filter(token::equals).isPresent()
                && string(item, LedgerTable.CLAIM_STATE).filter(IN_FLIGHT::equals).isPresent()) {
            // Our own put went through, but its answer was lost and the SDK sent it again.
            return Optional.of(new Claim.Granted());
        }
        Optional<String> response = string(item, LedgerTable.RESPONSE);
        if (string(item, LedgerTable.CLAIM_STATE).filter(DONE::equals).isPresent() && response.isPresent()) {
            return Optional.of(new Claim.Replay(response.get()));
        }
        long leaseLeft = number(item, LedgerTable.LEASE_UNTIL).orElse(0L) - clock.millis();
        return Optional.of(new Claim.InProgress(Duration.ofMillis(Math.max(leaseLeft, 1_000))));
    }

    private static Map<String, AttributeValue> key(String ownerSub, String key) {
        return Map.of(LedgerTable.PK, s(LedgerTable.dialKey(ownerSub, key)));
    }
}
