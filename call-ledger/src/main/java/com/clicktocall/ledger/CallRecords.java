package com.clicktocall.ledger;

import static com.clicktocall.ledger.Attributes.n;
import static com.clicktocall.ledger.Attributes.number;
import static com.clicktocall.ledger.Attributes.s;
import static com.clicktocall.ledger.Attributes.string;

import com.clicktocall.model.ledger.CallState;
import com.clicktocall.model.ledger.EndReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The call items of the ledger: one per call, keyed by the call id call-control makes. Every change of
 * state is one conditional write that only moves the call forward ({@link CallState}), so an SMA retry,
 * a late event or a second writer never moves it back, and the first reason for {@link CallState#ENDED}
 * is the one that stays.
 */
public final class CallRecords {

    private static final String STATUS_NAME = "#status";
    private static final Map<String, String> STATUS_NAMES = Map.of(STATUS_NAME, LedgerTable.STATUS);

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;
    private final Duration retention;

    /** @param retention how long a call's item is kept after its last change (the TTL) */
    public CallRecords(DynamoDbClient db, String table, Clock clock, Duration retention) {
        this.db = db;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Records a new call as {@link CallState#DIALLING}, before anything is asked of Chime.
     *
     * @throws LedgerException when the item cannot be written (or a call with this id exists)
     */
    public void dialling(String callId, String ownerSub, String toNumber, String route) {
        long now = clock.millis();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LedgerTable.PK, s(LedgerTable.callKey(callId)));
        item.put(LedgerTable.CALL_ID, s(callId));
        item.put(LedgerTable.OWNER_SUB, s(ownerSub));
        item.put(LedgerTable.STATUS, s(CallState.DIALLING.wireName()));
        item.put(LedgerTable.TO_NUMBER, s(toNumber));
        item.put(LedgerTable.ROUTE, s(route));
        item.put(LedgerTable.DIALLED_AT, n(now));
        item.put(LedgerTable.SWEEP_KIND, s(SweepKind.SETUP.wireName()));
        item.put(LedgerTable.SWEEP_SINCE, n(now));
        item.put(LedgerTable.EXPIRES_AT, n(expiry(now)));
        try {
            db.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(" + LedgerTable.PK + ")"));
        } catch (SdkException e) {
            throw new LedgerException("could not record the new call", e);
        }
    }

    /**
     * Adds the meeting and, once the SMA call exists, its transaction id to the call, whatever its state:
     * the SMA's first events may already have moved it on.
     */
    public void identify(String callId, String meetingId, Optional<String> transactionId) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":meeting", s(meetingId));
        String set = "SET " + LedgerTable.MEETING_ID + " = :meeting";
        if (transactionId.isPresent()) {
            values.put(":tx", s(transactionId.get()));
            set += ", " + LedgerTable.TRANSACTION_ID + " = :tx";
        }
        String expression = set;
        try {
            db.updateItem(r -> r.tableName(table).key(key(callId)).updateExpression(expression)
                    .conditionExpression("attribute_exists(" + LedgerTable.PK + ")").expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            throw new LedgerException("the call's record is missing", e);
        } catch (SdkException e) {
            throw new LedgerException("could not record the call's meeting and transaction", e);
        }
    }

    /**
     * {@link CallState#DIALLING} → {@link CallState#RINGING}: the far end is being called.
     *
     * @return whether this write moved the call (false: it had already moved on, or does not exist)
     */
    public boolean ringing(String callId, String transactionId) {
        return advance(callId, transactionId, CallState.RINGING, LedgerTable.RINGING_AT, List.of(CallState.DIALLING));
    }

    /** {@link CallState#DIALLING} or {@link CallState#RINGING} → {@link CallState#CONNECTED}. */
    public boolean connected(String callId, String transactionId) {
        return advance(callId, transactionId, CallState.CONNECTED, LedgerTable.ANSWERED_AT,
                List.of(CallState.DIALLING, CallState.RINGING));
    }

    /** What an ending write did ({@link #ended(String, EndReason, Set)}). */
    public enum Ending {
        /** This write ended the call: the caller of it frees the owner's slot and counts the call. */
        ENDED,
        /** The call had already ended for a reason this one replaces: only the reason changed. */
        RELABELLED,
        /** The call had already ended (or does not exist): nothing changed. */
        UNCHANGED
    }

    /** The outcome of an ending write, with the call as it was before it. */
    public record EndWrite(Ending ending, Optional<CallRecord> before) {

        static final EndWrite UNCHANGED = new EndWrite(Ending.UNCHANGED, Optional.empty());

        public boolean endedNow() {
            return ending == Ending.ENDED;
        }
    }

    /**
     * Any state but {@link CallState#ENDED} → {@link CallState#ENDED} with {@code reason}. The first
     * writer's reason stays: every later report of the same ending changes nothing.
     *
     * @return the call as it was before this write ended it; empty when it had already ended, or does not exist
     */
    public Optional<CallRecord> ended(String callId, EndReason reason) {
        EndWrite write = ended(callId, reason, Set.of());
        return write.endedNow() ? write.before() : Optional.empty();
    }

    /**
     * As {@link #ended(String, EndReason)}, and an ended call whose reason is one of {@code replaces} takes
     * {@code reason} instead (the owner's explicit end wins over {@code caller-left}: the page hangs up,
     * then leaves the meeting, and the meeting's event can overtake the hang-up). A relabel changes only
     * the reason: the end time, the slot and the metric stay the first ending's.
     */
    public EndWrite ended(String callId, EndReason reason, Set<EndReason> replaces) {
        try {
            return new EndWrite(Ending.ENDED, Optional.of(end(callId, reason, "", Map.of())));
        } catch (ConditionalCheckFailedException e) {
            return replaces.isEmpty() ? EndWrite.UNCHANGED : relabel(callId, reason, replaces);
        }
    }

    /**
     * The sweeper's ending: as {@link #ended(String, EndReason)}, only while the call is still {@code kind}
     * since before {@code dueBefore}. The {@link LedgerTable#BY_SWEEP_DUE} index is eventually consistent:
     * a call it still lists as ringing may have connected a moment ago, and must not end as stuck.
     *
     * @return the call as it was before this write ended it; empty when it had ended or moved on
     */
    public Optional<CallRecord> endedIfStill(String callId, EndReason reason, SweepKind kind, Instant dueBefore) {
        try {
            return Optional.of(end(callId, reason,
                    " AND " + LedgerTable.SWEEP_KIND + " = :kind AND " + LedgerTable.SWEEP_SINCE + " < :due",
                    Map.of(":kind", s(kind.wireName()), ":due", n(dueBefore.toEpochMilli()))));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** @throws ConditionalCheckFailedException when the call has ended, does not exist, or fails {@code condition} */
    private CallRecord end(String callId, EndReason reason, String condition, Map<String, AttributeValue> conditionValues) {
        long now = clock.millis();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":ended", s(CallState.ENDED.wireName()), ":reason", s(reason.wireName()), ":now", n(now),
                ":expires", n(expiry(now)), ":teardown", s(SweepKind.TEARDOWN.wireName())));
        values.putAll(conditionValues);
        try {
            UpdateItemResponse response = db.updateItem(r -> r.tableName(table).key(key(callId))
                    .updateExpression("SET " + STATUS_NAME + " = :ended, " + LedgerTable.REASON + " = :reason, "
                            + LedgerTable.ENDED_AT + " = :now, " + LedgerTable.EXPIRES_AT + " = :expires, "
                            + LedgerTable.SWEEP_KIND + " = :teardown, " + LedgerTable.SWEEP_SINCE + " = :now")
                    .conditionExpression("attribute_exists(" + LedgerTable.PK + ") AND " + STATUS_NAME + " <> :ended" + condition)
                    .expressionAttributeNames(STATUS_NAMES).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD));
            return record(response.attributes());
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new LedgerException("could not record the end of the call", e);
        }
    }

    private EndWrite relabel(String callId, EndReason reason, Set<EndReason> replaces) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":ended", s(CallState.ENDED.wireName()));
        values.put(":reason", s(reason.wireName()));
        StringBuilder condition = new StringBuilder(STATUS_NAME + " = :ended AND " + LedgerTable.REASON + " IN (");
        int i = 0;
        for (EndReason replaced : replaces) {
            values.put(":replaced" + i, s(replaced.wireName()));
            condition.append(i == 0 ? "" : ", ").append(":replaced").append(i++);
        }
        condition.append(')');
        try {
            UpdateItemResponse response = db.updateItem(r -> r.tableName(table).key(key(callId))
                    .updateExpression("SET " + LedgerTable.REASON + " = :reason")
                    .conditionExpression(condition.toString())
                    .expressionAttributeNames(STATUS_NAMES).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD));
            return new EndWrite(Ending.RELABELLED, Optional.of(record(response.attributes())));
        } catch (ConditionalCheckFailedException e) {
            return EndWrite.UNCHANGED;
        } catch (SdkException e) {
            throw new LedgerException("could not record the end of the call", e);
        }
    }

    // --- the caller's browser attendee (the meeting-events function) ---------------------------------

    /**
     * The caller's browser attendee joined the meeting at {@code at} (the Chime event's time). Events may
     * arrive out of order: a join older than the one recorded changes nothing. A join clears an earlier drop.
     *
     * @return whether this write changed the call
     */
    public boolean callerJoined(String callId, Instant at) {
        return presence(callId, "SET " + LedgerTable.CALLER_JOINED_AT + " = :at REMOVE " + LedgerTable.CALLER_DROPPED_AT,
                LedgerTable.CALLER_JOINED_AT, at);
    }

    /** The caller's browser attendee left the meeting at {@code at}. */
    public boolean callerLeft(String callId, Instant at) {
        return presence(callId, "SET " + LedgerTable.CALLER_LEFT_AT + " = :at", LedgerTable.CALLER_LEFT_AT, at);
    }

    /** The caller's browser attendee dropped (no packets for a while) at {@code at}: it may come back. */
    public boolean callerDropped(String callId, Instant at) {
        return presence(callId, "SET " + LedgerTable.CALLER_DROPPED_AT + " = :at", LedgerTable.CALLER_DROPPED_AT, at);
    }

    private boolean presence(String callId, String update, String attribute, Instant at) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(callId)).updateExpression(update)
                    .conditionExpression("attribute_exists(" + LedgerTable.PK + ") AND (attribute_not_exists(" + attribute
                            + ") OR " + attribute + " < :at)")
                    .expressionAttributeValues(Map.of(":at", n(at.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new LedgerException("could not record the caller's presence", e);
        }
    }

    // --- the sweeper --------------------------------------------------------------------------------

    /**
     * Calls that have been {@code kind} since before {@code since}, oldest first, at most {@code limit}, from
     * the {@link LedgerTable#BY_SWEEP_DUE} index (eventually consistent: a call's item is read again, or
     * written with a condition, before anything is done to it).
     */
    public List<CallRecord> dueForSweep(SweepKind kind, Instant since, int limit) {
        try {
            return db.queryPaginator(r -> r.tableName(table).indexName(LedgerTable.BY_SWEEP_DUE)
                    .keyConditionExpression(LedgerTable.SWEEP_KIND + " = :kind AND " + LedgerTable.SWEEP_SINCE + " < :since")
                    .expressionAttributeValues(Map.of(":kind", s(kind.wireName()), ":since", n(since.toEpochMilli())))
                    .limit(Math.min(limit, 100)))
                    .items().stream().limit(limit).map(CallRecords::record).toList();
        } catch (SdkException e) {
            throw new LedgerException("could not list the calls due for the sweeper", e);
        }
    }

    /**
     * Takes an ended call off the sweeper's list once its meeting is gone.
     *
     * @return false when another sweeper did it first, or the call is not an ended one on the list
     */
    public boolean swept(String callId) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(callId))
                    .updateExpression("REMOVE " + LedgerTable.SWEEP_KIND + ", " + LedgerTable.SWEEP_SINCE)
                    .conditionExpression(LedgerTable.SWEEP_KIND + " = :teardown")
                    .expressionAttributeValues(Map.of(":teardown", s(SweepKind.TEARDOWN.wireName()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new LedgerException("could not take the call off the sweeper's list", e);
        }
    }

    /**
     * The call of the meeting {@code meetingId}, through the {@link LedgerTable#BY_MEETING_ID} index, then
     * its own item read consistently.
     */
    public Optional<CallRecord> byMeetingId(String meetingId) {
        List<Map<String, AttributeValue>> items;
        try {
            items = db.query(r -> r.tableName(table).indexName(LedgerTable.BY_MEETING_ID)
                    .keyConditionExpression(LedgerTable.MEETING_ID + " = :meeting")
                    .expressionAttributeValues(Map.of(":meeting", s(meetingId))).limit(2)).items();
        } catch (SdkException e) {
            throw new LedgerException("could not look the meeting's call up", e);
        }
        if (items.size() != 1) {
            return Optional.empty();
        }
        return Attributes.string(items.get(0), LedgerTable.CALL_ID).flatMap(this::byCallId);
    }

    /** The call with this id (strongly consistent). */
    public Optional<CallRecord> byCallId(String callId) {
        try {
            Map<String, AttributeValue> item = db.getItem(r -> r.tableName(table).key(key(callId)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
        } catch (SdkException e) {
            throw new LedgerException("could not read the call", e);
        }
    }

    /**
     * The call the SMA knows by {@code transactionId}, through the {@link LedgerTable#BY_TRANSACTION_ID}
     * index (eventually consistent: a call is found there shortly after its transaction id is written).
     */
    public Optional<CallRecord> byTransactionId(String transactionId) {
        try {
            List<Map<String, AttributeValue>> items = db.query(r -> r.tableName(table).indexName(LedgerTable.BY_TRANSACTION_ID)
                    .keyConditionExpression(LedgerTable.TRANSACTION_ID + " = :tx")
                    .expressionAttributeValues(Map.of(":tx", s(transactionId))).limit(2)).items();
            return items.size() == 1 ? Optional.of(record(items.get(0))) : Optional.empty();
        } catch (SdkException e) {
            throw new LedgerException("could not look the call up", e);
        }
    }

    private boolean advance(String callId, String transactionId, CallState to, String timestamp, List<CallState> from) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", s(to.wireName()));
        // A connected call's clock for the sweeper restarts at the answer (MaxCallMinutes counts talk time).
        String sweep = to == CallState.CONNECTED ? ", " + LedgerTable.SWEEP_KIND + " = :connected, " + LedgerTable.SWEEP_SINCE + " = :now" : "";
        if (to == CallState.CONNECTED) {
            values.put(":connected", s(SweepKind.CONNECTED.wireName()));
        }
        values.put(":now", n(clock.millis()));
        values.put(":tx", s(transactionId));
        StringBuilder condition = new StringBuilder(STATUS_NAME + " IN (");
        for (int i = 0; i < from.size(); i++) {
            values.put(":from" + i, s(from.get(i).wireName()));
            condition.append(i == 0 ? "" : ", ").append(":from").append(i);
        }
        condition.append(')');
        try {
            db.updateItem(r -> r.tableName(table).key(key(callId))
                    .updateExpression("SET " + STATUS_NAME + " = :to, " + timestamp + " = :now, " + LedgerTable.TRANSACTION_ID + " = :tx" + sweep)
                    .conditionExpression(condition.toString())
                    .expressionAttributeNames(STATUS_NAMES).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new LedgerException("could not record the call as " + to.wireName(), e);
        }
    }

    private long expiry(long nowMillis) {
        return (nowMillis + retention.toMillis()) / 1000;
    }

    private static Map<String, AttributeValue> key(String callId) {
        return Map.of(LedgerTable.PK, s(LedgerTable.callKey(callId)));
    }

    static CallRecord record(Map<String, AttributeValue> item) {
        return new CallRecord(
                string(item, LedgerTable.CALL_ID).orElse(""),
                string(item, LedgerTable.OWNER_SUB).orElse(""),
                string(item, LedgerTable.STATUS).flatMap(CallState::fromWire).orElse(CallState.DIALLING),
                string(item, LedgerTable.REASON).flatMap(EndReason::fromWire),
                string(item, LedgerTable.TO_NUMBER).orElse(""),
                string(item, LedgerTable.MEETING_ID),
                string(item, LedgerTable.TRANSACTION_ID),
                Instant.ofEpochMilli(number(item, LedgerTable.DIALLED_AT).orElse(0L)),
                number(item, LedgerTable.ANSWERED_AT).map(Instant::ofEpochMilli),
                number(item, LedgerTable.ENDED_AT).map(Instant::ofEpochMilli),
                new CallRecord.CallerPresence(
                        number(item, LedgerTable.CALLER_JOINED_AT).map(Instant::ofEpochMilli),
                        number(item, LedgerTable.CALLER_LEFT_AT).map(Instant::ofEpochMilli),
                        number(item, LedgerTable.CALLER_DROPPED_AT).map(Instant::ofEpochMilli)));
    }
}
