package com.clicktocall.api;

/**
 * Thrown when the call a request names is not the caller's to see or touch: it has ended, never
 * existed, or belongs to someone else (the answer does not say which). 404 {@code call_not_found}.
 */
public final class CallNotFoundException extends ApiException {

    public static final String CODE = "call_not_found";

    public CallNotFoundException(String message) {
        super(404, CODE, message);
    }
}
