package com.clicktocall.callcontrol;

import com.clicktocall.api.ApiException;
import com.clicktocall.model.api.ApiHeaders;

/** Thrown when the {@code Idempotency-Key} header is not 1–64 letters, digits or dashes (a UUID fits). 400. */
public final class InvalidIdempotencyKeyException extends ApiException {

    public static final String CODE = "invalid_idempotency_key";

    public InvalidIdempotencyKeyException() {
        super(400, CODE, "The " + ApiHeaders.IDEMPOTENCY_KEY + " header must be 1 to 64 letters, digits or dashes, such as a UUID.");
    }
}
