package com.clicktocall.presignup;

/**
 * Thrown when an address may not sign up. Cognito refuses the sign-up and shows the message to the
 * person signing up (prefixed with "PreSignUp failed with error"), so it must be readable.
 */
public final class SignUpRefused extends RuntimeException {

    public SignUpRefused(String message) {
        super(message, null, false, false);
    }
}
