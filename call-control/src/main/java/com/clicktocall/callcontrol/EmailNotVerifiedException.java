package com.clicktocall.callcontrol;

import com.clicktocall.api.ApiException;

/**
 * Thrown when the caller's token does not say {@code email_verified=true}: the address would reach the
 * agent as {@code X-RequestorEmail}, so it must be one the person has proved they control. 403
 * {@code email_not_verified}; the page then offers to verify the address.
 */
public final class EmailNotVerifiedException extends ApiException {

    public static final String CODE = "email_not_verified";

    public EmailNotVerifiedException() {
        super(403, CODE, "Verify your e-mail address before placing calls.");
    }
}
