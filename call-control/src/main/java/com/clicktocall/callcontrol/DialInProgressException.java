package com.clicktocall.callcontrol;

import com.clicktocall.api.RetryLaterException;
import java.time.Duration;

/**
 * Thrown when a {@code /dial} with the same {@code Idempotency-Key} is still running. 409
 * {@code dial_in_progress} with {@code Retry-After}: the page waits and sends the same key again, and
 * then gets the first request's answer.
 */
public final class DialInProgressException extends RetryLaterException {

    public static final String CODE = "dial_in_progress";

    public DialInProgressException(Duration retryAfter) {
        super(409, CODE, "This call is still being placed. Wait a moment; the same request will then show it.", retryAfter);
    }
}
