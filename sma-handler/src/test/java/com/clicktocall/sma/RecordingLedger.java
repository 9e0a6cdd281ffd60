package com.clicktocall.sma;

import com.clicktocall.model.ledger.EndReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link CallLedger} that records what it was asked to write, as lines such as {@code ended callId sub busy}. */
class RecordingLedger implements CallLedger {

    final List<String> writes = new ArrayList<>();
    /** Calls the ledger knows by transaction id. */
    final Map<String, KnownCall> calls = new HashMap<>();

    @Override
    public Optional<KnownCall> byTransactionId(String transactionId) {
        writes.add("lookup " + transactionId);
        return Optional.ofNullable(calls.get(transactionId));
    }

    @Override
    public Outcome ringing(String callId, String transactionId) {
        writes.add("ringing " + callId + " " + transactionId);
        return Outcome.WRITTEN;
    }

    @Override
    public Outcome connected(String callId, String ownerSub, String transactionId) {
        writes.add("connected " + callId + " " + ownerSub + " " + transactionId);
        return Outcome.WRITTEN;
    }

    /** What {@link #caller} answers; present unless a test says otherwise. */
    Caller caller = Caller.PRESENT;

    @Override
    public Outcome ended(String callId, String ownerSub, EndReason reason, Set<EndReason> replaces) {
        writes.add("ended " + callId + " " + ownerSub + " " + reason.wireName() + (replaces.isEmpty() ? "" : " replacing " + replaces));
        return Outcome.WRITTEN;
    }

    @Override
    public Caller caller(String callId) {
        writes.add("caller " + callId);
        return caller;
    }
}
