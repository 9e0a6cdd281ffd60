package com.clicktocall.api;

import com.clicktocall.model.api.ApiHeaders;
import java.time.Duration;
import java.util.Map;

/**
 * A refusal the caller can get past by waiting: answered with {@code Retry-After} (whole seconds, at
 * least 1), which CORS exposes to the page. Thrown for a dial already in progress (409) and for the
 * per-user limits (429).
 */
public class RetryLaterException extends ApiException {

    private final long retryAfterSeconds;

    public RetryLaterException(int status, String code, String message, Duration retryAfter) {
        super(status, code, message);
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of(ApiHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
}
