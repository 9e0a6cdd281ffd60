package com.clicktocall.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.amazon.lambda.http.model.ApiGatewayAuthorizerContext;
import io.quarkus.amazon.lambda.http.model.AwsProxyRequestContext;
import io.quarkus.amazon.lambda.http.model.CognitoAuthorizerClaims;
import org.junit.jupiter.api.Test;

class CallerIdentityTest {

    static final String SUB = "7d9f0c2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f";

    @Test
    void cognitoClaims_giveSubAndEmail() {
        CallerIdentity identity = CallerIdentity.from(context(SUB, "pat@example.com", "true"));

        assertThat(identity.sub()).isEqualTo(SUB);
        assertThat(identity.email()).contains("pat@example.com");
    }

    @Test
    void emailVerifiedClaim_isReadFromItsStringForm() {
        assertThat(CallerIdentity.from(context(SUB, "pat@example.com", "true")).emailVerified()).isTrue();
        assertThat(CallerIdentity.from(context(SUB, "pat@example.com", "false")).emailVerified()).isFalse();
        assertThat(CallerIdentity.from(context(SUB, "pat@example.com", "")).emailVerified()).isFalse();
        assertThat(CallerIdentity.from(context(SUB, "pat@example.com", "yes")).emailVerified()).isFalse();
    }

    @Test
    void missingEmailVerifiedClaim_isNotVerified() {
        assertThat(CallerIdentity.from(context(SUB, "pat@example.com", null)).emailVerified()).isFalse();
    }

    @Test
    void verifiedClaimWithoutAnAddress_verifiesNothing() {
        assertThat(CallerIdentity.from(context(SUB, null, "true")).emailVerified()).isFalse();
    }

    @Test
    void emailWithControlCharacters_isDropped() {
        assertThat(CallerIdentity.from(context(SUB, "pat@example.com\r\nX-Evil: 1")).email()).isEmpty();
    }

    @Test
    void noContextNoAuthorizerNoClaims_areUnauthenticated() {
        assertThatThrownBy(() -> CallerIdentity.from(null)).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> CallerIdentity.from(new AwsProxyRequestContext())).isInstanceOf(UnauthenticatedException.class);
        AwsProxyRequestContext noClaims = new AwsProxyRequestContext();
        noClaims.setAuthorizer(new ApiGatewayAuthorizerContext());
        assertThatThrownBy(() -> CallerIdentity.from(noClaims)).isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void subThatIsNotAnIdentifier_isUnauthenticated() {
        assertThatThrownBy(() -> CallerIdentity.from(context("a b", null))).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> CallerIdentity.from(context("x".repeat(65), null))).isInstanceOf(UnauthenticatedException.class);
    }

    static AwsProxyRequestContext context(String sub, String email) {
        return context(sub, email, null);
    }

    /** Claims as API Gateway's Cognito authorizer passes them: every value a string. */
    static AwsProxyRequestContext context(String sub, String email, String emailVerified) {
        CognitoAuthorizerClaims claims = new CognitoAuthorizerClaims();
        claims.setSubject(sub);
        claims.setEmail(email);
        if (emailVerified != null) {
            claims.setClaim("email_verified", emailVerified);
        }
        ApiGatewayAuthorizerContext authorizer = new ApiGatewayAuthorizerContext();
        authorizer.setClaims(claims);
        AwsProxyRequestContext context = new AwsProxyRequestContext();
        context.setAuthorizer(authorizer);
        return context;
    }
}
