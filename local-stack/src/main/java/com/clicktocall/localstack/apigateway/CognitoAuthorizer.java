package com.clicktocall.localstack.apigateway;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * API Gateway's Cognito user-pool authorizer: accepts an id token of the local user pool (signature
 * against the pool's keys, issuer, audience = the app client, {@code token_use} = {@code id}, not
 * expired) and hands its claims to the function as {@code requestContext.authorizer.claims}.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html">Cognito user pool authorizers</a>
 */
public final class CognitoAuthorizer {

    /** API Gateway formats time claims this way in the claims it passes on. */
    private static final DateTimeFormatter CLAIM_TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final String issuer;
    private final String clientId;
    private final Supplier<JWKSet> keys;
    private volatile DefaultJWTProcessor<SecurityContext> processor;
    private volatile JWKSet processorKeys;

    /**
     * @param keys the user pool's current keys (fetched again when a token names an unknown key)
     */
    public CognitoAuthorizer(String issuer, String clientId, Supplier<JWKSet> keys) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.keys = keys;
    }

    /** The token's claims as API Gateway passes them (all strings), or empty when the token is not acceptable. */
    public Optional<Map<String, String>> authorize(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return Optional.empty();
        }
        String token = authorizationHeader.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        try {
            JWTClaimsSet claims = processor(false).process(token, null);
            return Optional.of(asApiGatewayClaims(claims));
        } catch (com.nimbusds.jose.proc.BadJOSEException e) {
            if (e.getMessage() != null && e.getMessage().contains("matching key")) {
                try {
                    return Optional.of(asApiGatewayClaims(processor(true).process(token, null)));
                } catch (Exception again) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(boolean refresh) {
        DefaultJWTProcessor<SecurityContext> current = processor;
        if (current != null && !refresh) {
            return current;
        }
        JWKSet set = keys.get();
        if (current != null && set.toString().equals(String.valueOf(processorKeys))) {
            return current;
        }
        JWKSource<SecurityContext> source = new ImmutableJWKSet<>(set);
        DefaultJWTProcessor<SecurityContext> created = new DefaultJWTProcessor<>();
        created.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        created.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256), source));
        created.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "id").build(),
                Set.of("sub", "exp", "iat", "token_use")));
        processor = created;
        processorKeys = set;
        return created;
    }

    private static Map<String, String> asApiGatewayClaims(JWTClaimsSet claims) {
        Map<String, String> result = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value instanceof Date date) {
                result.put(name, CLAIM_TIME.format(Instant.ofEpochMilli(date.getTime())));
            } else if (value instanceof List<?> list) {
                result.put(name, list.size() == 1 ? String.valueOf(list.getFirst()) : String.join(",", list.stream().map(String::valueOf).toList()));
            } else {
                result.put(name, String.valueOf(value));
            }
        });
        return result;
    }
}
