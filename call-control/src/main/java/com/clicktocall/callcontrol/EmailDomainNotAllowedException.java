package com.clicktocall.callcontrol;

import com.clicktocall.api.ApiException;

/**
 * Thrown when the caller's e-mail address is outside the deployment's allowed domain
 * ({@code CLICKTOCALL_ALLOWED_EMAIL_DOMAIN}), e.g. a user an administrator created before the domain
 * was set. 403 {@code email_domain_not_allowed}.
 */
public final class EmailDomainNotAllowedException extends ApiException {

    public static final String CODE = "email_domain_not_allowed";

    public EmailDomainNotAllowedException(String message) {
        super(403, CODE, message);
    }
}
