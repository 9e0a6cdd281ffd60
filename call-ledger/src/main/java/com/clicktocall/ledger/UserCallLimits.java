package com.clicktocall.ledger;

import static com.clicktocall.ledger.Attributes.n;
import static com.clicktocall.ledger.Attributes.number;
import static com.clicktocall.ledger.Attributes.s;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Per-user limits, kept in one item per user and changed only by single-item conditional writes (the
 * local DynamoDB has no transactions):
 *
 * <ul>
 *   <li><b>Active calls.</b> Each call holds a slot: call id → lease expiry. A slot counts only while its
 *       lease runs, so a crashed function cannot hold it for ever: short while dialling, renewed when the
 *       call connects, never beyond the longest call allowed.</li>
 *   <li><b>Dials per hour</b>, a sliding window: the times of the user's accepted dials in the last hour.</li>
 * </ul>
 *
 * <p>{@link #admit} reads the item and writes it back on the condition that its {@code version} is
 * unchanged, retrying on a lost race, so N simultaneous dials admit exactly as many as the limits
 * allow. {@link #release} removes the call's slot on the condition that it is there: the first report of
 * a call's end frees it, every later one changes nothing.
 */
public final class UserCallLimits {

    static final Duration WINDOW = Duration.ofHours(1);
    /** Races lost before giving up; each round admits or refuses at least one of the racing dials. */
    static final int MAX_ROUNDS = 12;

    /** What became of a dial. */
    public sealed interface Admission {
        record Admitted() implements Admission {
        }

        /** The user already has {@code limit} calls whose slots are held. */
        record TooManyActive(int limit) implements Admission {
        }

        /** The user placed {@code limit} calls in the last hour; the oldest leaves the window after {@code retryAfter}. */
        record TooManyPerHour(int limit, Duration retryAfter) implements Admission {
        }
    }

    /**
     * @param maxActive  calls one user may have at once
     * @param maxPerHour dials one user may place in any hour
     */
    public record Limits(int maxActive, int maxPerHour) {
    }

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    public UserCallLimits(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Takes a slot for {@code callId} until {@code lease} from now and counts the dial, if both limits allow.
     *
     * @throws LedgerException when the ledger cannot be reached, or the races never settle
     */
    public Admission admit(String ownerSub, String callId, Duration lease, Limits limits) {
        int maxActive = limits.maxActive();
        int maxPerHour = limits.maxPerHour();
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            long now = clock.millis();
            Map<String, AttributeValue> item = read(ownerSub);
            Map<String, AttributeValue> slots = new HashMap<>();
            if (item.get(LedgerTable.SLOTS) != null && item.get(LedgerTable.SLOTS).hasM()) {
                item.get(LedgerTable.SLOTS).m().forEach((id, until) -> {
                    if (until.n() != null && Long.parseLong(until.n()) > now) {
                        slots.put(id, until);
                    }
                });
            }
            if (slots.containsKey(callId)) {
                return new Admission.Admitted(); // our own earlier write, whose answer was lost
            }
            List<Long> dials = new ArrayList<>();
            if (item.get(LedgerTable.DIALS) != null && item.get(LedgerTable.DIALS).hasL()) {
                for (AttributeValue at : item.get(LedgerTable.DIALS).l()) {
                    long time = Long.parseLong(at.n());
                    if (time > now - WINDOW.toMillis()) {
                        dials.add(time);
                    }
                }
            }
            if (slots.size() >= maxActive) {
                return new Admission.TooManyActive(maxActive);
            }
            if (dials.size() >= maxPerHour) {
                long oldest = dials.stream().mapToLong(Long::longValue).min().orElse(now);
                return new Admission.TooManyPerHour(maxPerHour, Duration.ofMillis(oldest + WINDOW.toMillis() - now));
            }
            long leaseUntil = now + lease.toMillis();
            slots.put(callId, n(leaseUntil));
            dials.add(now);
            long version = number(item, LedgerTable.VERSION).orElse(0L);
            if (write(ownerSub, slots, dials, version, item.isEmpty(), Math.max(leaseUntil, now + WINDOW.toMillis()))) {
                return new Admission.Admitted();
            }
            backOff(round);
        }
        throw new LedgerException("the user's limits stayed contended");
    }

    /** Extends the slot of a call that connected, if it still holds one. */
    public boolean renew(String ownerSub, String callId, Instant leaseUntil) {
        return updateSlot(ownerSub, callId, "SET " + LedgerTable.SLOTS + ".#call = :until, ", Map.of(":until", n(leaseUntil.toEpochMilli())));
    }

    /** Frees the call's slot. @return whether this call freed it (false: it was already free) */
    public boolean release(String ownerSub, String callId) {
        return updateSlot(ownerSub, callId, "REMOVE " + LedgerTable.SLOTS + ".#call SET ", Map.of());
    }

    private boolean updateSlot(String ownerSub, String callId, String change, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":one", n(1));
        try {
            db.updateItem(r -> r.tableName(table).key(key(ownerSub))
                    .updateExpression(change + LedgerTable.VERSION + " = " + LedgerTable.VERSION + " + :one")
                    .conditionExpression("attribute_exists(" + LedgerTable.SLOTS + ".#call)")
                    .expressionAttributeNames(Map.of("#call", callId)).expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new LedgerException("could not update the user's call slot", e);
        }
    }

    private Map<String, AttributeValue> read(String ownerSub) {
        try {
            Map<String, AttributeValue> item = db.getItem(r -> r.tableName(table).key(key(ownerSub)).consistentRead(true)).item();
            return item == null ? Map.of() : item;
        } catch (SdkException e) {
            throw new LedgerException("could not read the user's limits", e);
        }
    }

    private boolean write(String ownerSub, Map<String, AttributeValue> slots, List<Long> dials, long version, boolean absent,
            long keepUntilMillis) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LedgerTable.PK, s(LedgerTable.userKey(ownerSub)));
        item.put(LedgerTable.SLOTS, AttributeValue.fromM(slots));
        item.put(LedgerTable.DIALS, AttributeValue.fromL(dials.stream().map(Attributes::n).toList()));
        item.put(LedgerTable.VERSION, n(version + 1));
        item.put(LedgerTable.EXPIRES_AT, n(keepUntilMillis / 1000 + Duration.ofDays(1).toSeconds()));
        try {
            if (absent) {
                db.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(" + LedgerTable.PK + ")"));
            } else {
                db.putItem(r -> r.tableName(table).item(item).conditionExpression(LedgerTable.VERSION + " = :read")
                        .expressionAttributeValues(Map.of(":read", n(version))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new LedgerException("could not update the user's limits", e);
        }
    }

    private static void backOff(int round) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while waiting for the user's limits");
        }
    }

    private static Map<String, AttributeValue> key(String ownerSub) {
        return Map.of(LedgerTable.PK, s(LedgerTable.userKey(ownerSub)));
    }
}
