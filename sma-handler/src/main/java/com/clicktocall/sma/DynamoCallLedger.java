package com.clicktocall.sma;

import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerClients;
import com.clicktocall.ledger.LedgerException;
import com.clicktocall.ledger.UserCallLimits;
import com.clicktocall.model.ledger.CallState;
import com.clicktocall.model.ledger.EndReason;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ledger in DynamoDB. Each write is bounded by {@link #CALL_TIMEOUT} (retries included), so the
 * handler answers the SMA in time even when DynamoDB is slow or down. The client is built on the first
 * write: priming's, in a container initialised ahead of calls ({@link Priming}).
 */
public final class DynamoCallLedger implements CallLedger {

    /** How long one ledger write may delay the SMA's answer. */
    static final Duration CALL_TIMEOUT = Duration.ofMillis(300);
    /** A throttled or dropped write is tried once more if the time allows: the writes are conditional, so repeating one is harmless. */
    static final int MAX_ATTEMPTS = 2;

    private final String region;
    private final Optional<URI> endpoint;
    private final String table;
    private final Duration longestCall;
    private final Duration retention;
    private final Clock clock = Clock.systemUTC();
    private final CallMetrics metrics;
    private volatile Writers writers;

    private record Writers(CallRecords calls, UserCallLimits slots) {
    }

    /**
     * @param longestCall how long a connected call may hold its owner's slot
     * @param retention   how long a call's item is kept after its last change
     * @param metrics     where a call this handler ends is counted
     */
    public DynamoCallLedger(String region, Optional<URI> endpoint, String table, Duration longestCall, Duration retention,
            CallMetrics metrics) {
        this.metrics = metrics;
        this.region = region;
        this.endpoint = endpoint;
        this.table = table;
        this.longestCall = longestCall;
        this.retention = retention;
    }

    @Override
    public Outcome ringing(String callId, String transactionId) {
        try {
            return writers().calls().ringing(callId, transactionId) ? Outcome.WRITTEN : Outcome.UNCHANGED;
        } catch (RuntimeException e) {
            return Outcome.FAILED;
        }
    }

    @Override
    public Outcome connected(String callId, String ownerSub, String transactionId) {
        Writers w;
        try {
            w = writers();
            if (!w.calls().connected(callId, transactionId)) {
                return Outcome.UNCHANGED;
            }
        } catch (RuntimeException e) {
            return Outcome.FAILED;
        }
        if (ownerSub != null) {
            try {
                w.slots().renew(ownerSub, callId, clock.instant().plus(longestCall));
            } catch (LedgerException e) {
                // The slot keeps its dialling lease: it frees itself early, never late.
            }
        }
        return Outcome.WRITTEN;
    }

    @Override
    public Outcome ended(String callId, String ownerSub, EndReason reason, Set<EndReason> replaces) {
        Writers w;
        CallRecords.EndWrite write;
        try {
            w = writers();
            write = w.calls().ended(callId, reason, replaces);
        } catch (RuntimeException e) {
            return Outcome.FAILED;
        }
        switch (write.ending()) {
            case UNCHANGED -> {
                return Outcome.UNCHANGED;
            }
            case RELABELLED -> {
                return Outcome.RELABELLED;
            }
            case ENDED -> write.before().ifPresent(before -> metrics.callEnded(before, reason, clock.instant()));
        }
        if (ownerSub != null) {
            try {
                w.slots().release(ownerSub, callId);
            } catch (LedgerException e) {
                // The call is recorded as ended; its slot frees itself when its lease runs out.
            }
        }
        return Outcome.WRITTEN;
    }

    @Override
    public Caller caller(String callId) {
        try {
            return writers().calls().byCallId(callId).map(call -> {
                if (call.state() == CallState.ENDED) {
                    return Caller.CALL_ENDED;
                }
                if (call.caller().present()) {
                    return Caller.PRESENT;
                }
                return call.caller().joinedAt().isPresent() ? Caller.GONE : Caller.NOT_YET;
            }).orElse(Caller.NOT_YET);
        } catch (RuntimeException e) {
            return Caller.UNKNOWN;
        }
    }

    @Override
    public Optional<KnownCall> byTransactionId(String transactionId) {
        try {
            CallRecords calls = writers().calls();
            // The index projects no meetingId: the call's own item (read consistently) has it.
            return calls.byTransactionId(transactionId)
                    .flatMap(found -> calls.byCallId(found.callId()))
                    .map(call -> new KnownCall(call.callId(), call.ownerSub(), call.meetingId()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Builds the client now (the cold-start benchmarks time the build apart from the first write). */
    public void prepare() {
        writers();
    }

    private Writers writers() {
        Writers built = writers;
        if (built == null) {
            synchronized (this) {
                built = writers;
                if (built == null) {
                    DynamoDbClient db = LedgerClients.build(region, endpoint, CALL_TIMEOUT, MAX_ATTEMPTS,
                            List.of(new Priming.ShortCircuit()));
                    built = new Writers(new CallRecords(db, table, clock, retention), new UserCallLimits(db, table, clock));
                    writers = built;
                }
            }
        }
        return built;
    }
}
