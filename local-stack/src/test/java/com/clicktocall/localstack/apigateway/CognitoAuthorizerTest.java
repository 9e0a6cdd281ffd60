package com.clicktocall.localstack.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CognitoAuthorizerTest {

    static final String ISSUER = "http://127.0.0.1:9229/local_pool";
    static final String CLIENT = "client-1";
    static RSAKey poolKey;
    static RSAKey otherKey;
    static CognitoAuthorizer authorizer;

    @BeforeAll
    static void keys() throws Exception {
        poolKey = new RSAKeyGenerator(2048).keyID("pool").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("pool").generate();
        authorizer = new CognitoAuthorizer(ISSUER, CLIENT, () -> new JWKSet(poolKey.toPublicJWK()));
    }

    static String token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("sub-1")
                .claim("token_use", "id").claim("email", "alice@example.com").claim("email_verified", true)
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                change.apply(claims).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void idTokenOfThePool_givesItsClaimsAsStrings() throws Exception {
        var claims = authorizer.authorize("Bearer " + token(poolKey, c -> c));

        assertThat(claims).hasValueSatisfying(c -> {
            assertThat(c).containsEntry("sub", "sub-1").containsEntry("email", "alice@example.com").containsEntry("email_verified", "true")
                    .containsEntry("aud", CLIENT).containsEntry("token_use", "id");
            assertThat(c.get("exp")).endsWith(String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC).getValue()));
        });
        assertThat(authorizer.authorize(token(poolKey, c -> c))).as("without the Bearer prefix, as API Gateway accepts").isPresent();
    }

    @Test
    void everyOtherToken_isRefused() throws Exception {
        assertThat(authorizer.authorize(null)).isEmpty();
        assertThat(authorizer.authorize("Bearer not-a-jwt")).isEmpty();
        assertThat(authorizer.authorize("Bearer " + token(otherKey, c -> c))).as("signed by another key").isEmpty();
        assertThat(authorizer.authorize("Bearer " + token(poolKey, c -> c.claim("token_use", "access")))).as("access token").isEmpty();
        assertThat(authorizer.authorize("Bearer " + token(poolKey, c -> c.audience("other-client")))).as("other client").isEmpty();
        assertThat(authorizer.authorize("Bearer " + token(poolKey, c -> c.issuer("http://127.0.0.1:9229/other_pool")))).as("other pool").isEmpty();
        assertThat(authorizer.authorize("Bearer " + token(poolKey, c -> c.expirationTime(new Date(System.currentTimeMillis() - 600_000)))))
                .as("expired").isEmpty();
    }
}
