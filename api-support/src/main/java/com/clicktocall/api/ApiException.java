package com.clicktocall.api;

import java.util.Map;

/**
 * A request that ends in an error the caller is told about: an HTTP status, a stable {@link #code()}
 * for programs, and a message for a person. {@link ErrorMapping} turns it into an
 * {@link com.clicktocall.model.api.ErrorBody}. Each failure has its own subclass.
 */
public abstract class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    protected ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    protected ApiException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Headers the answer carries besides the error body (e.g. {@code Retry-After}); none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
