package com.clicktocall.api;

import io.quarkus.amazon.lambda.http.model.ApiGatewayAuthorizerContext;
import io.quarkus.amazon.lambda.http.model.AwsProxyRequestContext;
import io.quarkus.amazon.lambda.http.model.CognitoAuthorizerClaims;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The signed-in person behind a request, as API Gateway's Cognito authorizer vouched for them. The
 * function trusts these claims because API Gateway only invokes it after verifying the token; it never
 * sees or logs the token itself.
 *
 * @param sub the Cognito subject: the owner of meetings and calls
 * @param email the e-mail claim, when the token carries one
 * @param emailVerified whether Cognito vouches that the person controls {@code email} (the
 *                      {@code email_verified} claim, which API Gateway passes as the string "true" or "false")
 */
public record CallerIdentity(String sub, Optional<String> email, boolean emailVerified) {

    /** Cognito subjects are UUIDs; Chime's ExternalUserId takes 2–64 characters. */
    private static final Pattern SUB = Pattern.compile("[0-9A-Za-z-]{2,64}");
    private static final int MAX_EMAIL_LENGTH = 254;

    /**
     * @throws UnauthenticatedException when the request context has no Cognito claims or no usable {@code sub}
     */
    public static CallerIdentity from(AwsProxyRequestContext context) {
        CognitoAuthorizerClaims claims = Optional.ofNullable(context)
                .map(AwsProxyRequestContext::getAuthorizer)
                .map(ApiGatewayAuthorizerContext::getClaims)
                .orElseThrow(() -> new UnauthenticatedException("Sign in to place calls: the request carries no identity."));
        String sub = claims.getSubject() != null ? claims.getSubject() : claims.getClaim("sub");
        if (sub == null || !SUB.matcher(sub).matches()) {
            throw new UnauthenticatedException("Sign in to place calls: the request's identity has no valid subject.");
        }
        String email = claims.getEmail() != null ? claims.getEmail() : claims.getClaim("email");
        Optional<String> plainEmail = Optional.ofNullable(email).filter(CallerIdentity::isPlainEmail);
        return new CallerIdentity(sub, plainEmail, plainEmail.isPresent() && verified(claims));
    }

    /** Only an explicit "true" counts: a missing, empty or unreadable claim is not verified. */
    private static boolean verified(CognitoAuthorizerClaims claims) {
        String claim = claims.getClaim("email_verified");
        return claim != null ? "true".equalsIgnoreCase(claim.strip()) : claims.isEmailVerified();
    }

    private static boolean isPlainEmail(String email) {
        return !email.isBlank() && email.length() <= MAX_EMAIL_LENGTH
                && email.chars().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c));
    }
}
