package com.clicktocall.callcontrol;

import com.clicktocall.api.ApiException;

/**
 * Thrown when the call ledger cannot be read or written, so the dial cannot be checked against the
 * limits or recorded. 503 {@code ledger_unavailable}: no call is placed without its record.
 */
public final class LedgerUnavailableException extends ApiException {

    public static final String CODE = "ledger_unavailable";

    public LedgerUnavailableException(Throwable cause) {
        super(503, CODE, "Calls cannot be placed right now. Try again in a moment.", cause);
    }
}
