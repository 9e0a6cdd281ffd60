package com.clicktocall.updatecall;

import com.clicktocall.api.ApiException;

/**
 * Thrown when Chime answers NotFound to UpdateSipMediaApplicationCall: the call has ended or never
 * existed. 404 {@code call_not_found}.
 */
public final class CallNotFoundException extends ApiException {

    public static final String CODE = "call_not_found";

    public CallNotFoundException(String transactionId) {
        super(404, CODE, "There is no call " + transactionId + " any more: it has ended.");
    }
}
