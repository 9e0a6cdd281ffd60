package com.clicktocall.api;

/**
 * Thrown when a request carries no usable caller identity: no Cognito authorizer claims in the API
 * Gateway request context, or a {@code sub} that is not a Cognito subject. 401 {@code unauthenticated}.
 */
public final class UnauthenticatedException extends ApiException {

    public static final String CODE = "unauthenticated";

    public UnauthenticatedException(String message) {
        super(401, CODE, message);
    }
}
