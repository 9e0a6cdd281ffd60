package com.clicktocall.callstatus;

import com.clicktocall.api.ApiException;

/** Thrown when the call ledger cannot be read. 503 {@code ledger_unavailable}: the page asks again later. */
public final class LedgerUnavailableException extends ApiException {

    public static final String CODE = "ledger_unavailable";

    public LedgerUnavailableException(Throwable cause) {
        super(503, CODE, "The call's status cannot be read right now. Try again in a moment.", cause);
    }
}
