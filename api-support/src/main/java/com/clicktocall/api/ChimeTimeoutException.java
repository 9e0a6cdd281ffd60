package com.clicktocall.api;

/**
 * Thrown when a Chime API call did not answer within {@link ApiConfig#chimeTimeout()}. 504
 * {@code chime_timeout}: the gateway-timeout status, because the function itself is healthy.
 */
public final class ChimeTimeoutException extends ApiException {

    public static final String CODE = "chime_timeout";

    public ChimeTimeoutException(String operation, Throwable cause) {
        super(504, CODE, "The calling service did not answer in time (" + operation + "). Try again.", cause);
    }
}
