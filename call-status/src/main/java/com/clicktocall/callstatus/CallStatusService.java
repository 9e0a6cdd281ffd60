package com.clicktocall.callstatus;

import com.clicktocall.model.identity.Subs;
import com.clicktocall.api.CallNotFoundException;
import com.clicktocall.api.CallerIdentity;
import com.clicktocall.ledger.CallRecord;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerException;
import com.clicktocall.model.api.CallStatusResponse;
import com.clicktocall.model.ledger.EndReason;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The caller's own call, as the ledger has it. A call that does not exist and a call of someone else's
 * get the same 404, so the answer never reveals that another person's call exists.
 */
public class CallStatusService {

    /** SMA transaction ids are UUIDs; anything else cannot name a call. */
    static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final CallRecords calls;

    public CallStatusService(CallRecords calls) {
        this.calls = calls;
    }

    /**
     * @throws CallNotFoundException        when the call is unknown, malformed, or not the caller's
     * @throws LedgerUnavailableException when the ledger cannot be read
     */
    public CallStatusResponse status(CallerIdentity caller, String transactionId) {
        if (transactionId == null || !TRANSACTION_ID.matcher(transactionId).matches()) {
            throw notFound();
        }
        Optional<CallRecord> found;
        try {
            found = calls.byTransactionId(transactionId);
        } catch (LedgerException e) {
            throw new LedgerUnavailableException(e);
        }
        CallRecord call = found.filter(c -> Subs.same(c.ownerSub(), caller.sub())).orElseThrow(CallStatusService::notFound);
        return new CallStatusResponse(transactionId, call.state().wireName(), call.reason().map(EndReason::wireName).orElse(null),
                call.toNumber(), iso(Optional.of(call.dialledAt())), iso(call.answeredAt()), iso(call.endedAt()));
    }

    private static CallNotFoundException notFound() {
        return new CallNotFoundException("You have no call with this id.");
    }

    private static String iso(Optional<Instant> at) {
        return at.filter(t -> t.toEpochMilli() > 0).map(Instant::toString).orElse(null);
    }

}
