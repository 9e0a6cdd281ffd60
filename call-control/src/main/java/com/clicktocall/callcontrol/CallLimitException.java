package com.clicktocall.callcontrol;

import com.clicktocall.api.RetryLaterException;
import java.time.Duration;

/** Thrown when a per-user limit refuses a dial. 429 with {@code Retry-After}; the code says which limit. */
public final class CallLimitException extends RetryLaterException {

    /** The user already has as many calls at once as allowed. */
    public static final String CALL_IN_PROGRESS = "call_in_progress";
    /** The user placed as many calls in the last hour as allowed. */
    public static final String TOO_MANY_CALLS = "too_many_calls";

    private CallLimitException(String code, String message, Duration retryAfter) {
        super(429, code, message, retryAfter);
    }

    static CallLimitException callInProgress(int limit) {
        return new CallLimitException(CALL_IN_PROGRESS, limit == 1
                ? "You already have a call in progress. Hang it up before you dial again."
                : "You already have " + limit + " calls in progress. Hang one up before you dial again.",
                // The page checks again soon: a call that is ending frees its slot within seconds.
                Duration.ofSeconds(5));
    }

    static CallLimitException tooManyCalls(int limit, Duration untilNext) {
        long minutes = Math.max(1, (untilNext.toSeconds() + 59) / 60);
        return new CallLimitException(TOO_MANY_CALLS, "You have placed " + limit + " calls in the last hour, the most allowed."
                + " You can dial again in " + minutes + (minutes == 1 ? " minute." : " minutes."), untilNext);
    }
}
