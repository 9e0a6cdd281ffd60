package com.clicktocall.api;

/**
 * Thrown when Chime refuses or fails a request for any other reason (400, 403, 404 where no caller
 * input is at fault, 500): usually a deployment or permission problem. 502 {@code chime_failed}; the
 * Chime error type is logged, not returned.
 */
public final class ChimeFailureException extends ApiException {

    public static final String CODE = "chime_failed";

    public ChimeFailureException(String operation, Throwable cause) {
        super(502, CODE, "The calling service could not complete the request (" + operation + ").", cause);
    }
}
