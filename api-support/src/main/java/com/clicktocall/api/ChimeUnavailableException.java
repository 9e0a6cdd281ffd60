package com.clicktocall.api;

/**
 * Thrown when Chime throttles the request or is unavailable (429, 503, or an I/O failure reaching it)
 * after the SDK's retries: trying again later may work. 503 {@code chime_unavailable}.
 */
public final class ChimeUnavailableException extends ApiException {

    public static final String CODE = "chime_unavailable";

    public ChimeUnavailableException(String operation, Throwable cause) {
        super(503, CODE, "The calling service is busy or unavailable (" + operation + "). Try again in a moment.", cause);
    }
}
