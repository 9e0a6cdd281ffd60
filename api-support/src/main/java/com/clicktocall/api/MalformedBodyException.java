package com.clicktocall.api;

/**
 * Thrown when the request body is not the JSON object the route expects: empty, not JSON, an array,
 * or a field of the wrong type. 400 {@code malformed_body}.
 */
public final class MalformedBodyException extends ApiException {

    public static final String CODE = "malformed_body";

    public MalformedBodyException(String message) {
        super(400, CODE, message);
    }
}
