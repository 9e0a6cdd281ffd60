package com.clicktocall.ledger;

/**
 * The call ledger's single DynamoDB table, as {@code template.yaml} defines it ({@code CallLedgerTable}):
 * item keys and attribute names, written once. {@code docs/CALL-LEDGER.md} describes the items and
 * why each index exists.
 */
public final class LedgerTable {

    /** Partition key of every item: {@code CALL#<callId>}, {@code DIAL#<sub>#<key>} or {@code USER#<sub>}. */
    public static final String PK = "pk";
    /** Epoch seconds after which DynamoDB's TTL deletes the item (late: conditions never rely on it). */
    public static final String EXPIRES_AT = "expiresAt";

    /** The index behind {@code GET /calls/{transactionId}}: call items by the SMA's transaction id. */
    public static final String BY_TRANSACTION_ID = "ByTransactionId";
    /** The meeting-events function's way from a Chime meeting event to its call: call items by meeting id. */
    public static final String BY_MEETING_ID = "ByMeetingId";
    /**
     * The sweeper's work list: call items by {@link #SWEEP_KIND} and {@link #SWEEP_SINCE}. Sparse: an item
     * leaves it once the sweeper has nothing more to do for it.
     */
    public static final String BY_SWEEP_DUE = "BySweepDue";

    // --- call items ---
    public static final String CALL_ID = "callId";
    public static final String OWNER_SUB = "ownerSub";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String TO_NUMBER = "toNumber";
    public static final String ROUTE = "route";
    public static final String MEETING_ID = "meetingId";
    public static final String TRANSACTION_ID = "transactionId";
    /** Epoch milliseconds of each step. */
    public static final String DIALLED_AT = "dialledAt";
    public static final String RINGING_AT = "ringingAt";
    public static final String ANSWERED_AT = "answeredAt";
    public static final String ENDED_AT = "endedAt";
    /** Epoch milliseconds (the Chime event's timestamp) of the caller's browser attendee joining, leaving, dropping. */
    public static final String CALLER_JOINED_AT = "callerJoinedAt";
    public static final String CALLER_LEFT_AT = "callerLeftAt";
    public static final String CALLER_DROPPED_AT = "callerDroppedAt";
    /** What the sweeper will look at next ({@link SweepKind}), and since when (epoch ms): the keys of {@link #BY_SWEEP_DUE}. */
    public static final String SWEEP_KIND = "sweepKind";
    public static final String SWEEP_SINCE = "sweepSince";

    // --- dial idempotency items ---
    public static final String CLAIM_STATE = "claimState";
    public static final String CLAIM_TOKEN = "claimToken";
    public static final String CLAIMED_AT = "claimedAt";
    public static final String LEASE_UNTIL = "leaseUntil";
    public static final String RESPONSE = "dialResponse";

    // --- per-user limit items ---
    /** Map of call id → epoch milliseconds until which that call holds one of the user's active-call slots. */
    public static final String SLOTS = "slots";
    /** List of epoch milliseconds of the user's accepted dials within the last hour. */
    public static final String DIALS = "dials";
    /** Bumped by every write, so a read-modify-write notices a concurrent one. */
    public static final String VERSION = "version";

    private LedgerTable() {
    }

    public static String callKey(String callId) {
        return "CALL#" + callId;
    }

    public static String dialKey(String ownerSub, String idempotencyKey) {
        return "DIAL#" + ownerSub + "#" + idempotencyKey;
    }

    public static String userKey(String ownerSub) {
        return "USER#" + ownerSub;
    }
}
