package com.clicktocall.localstack.userpool;

import com.clicktocall.localstack.http.Endpoint;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.http.HttpProblem;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the browser and the tests reach as the user pool: every request passed through to cognito-local
 * unchanged, with one difference that makes it behave like Cognito. Cognito marks an address verified
 * ({@code email_verified=true}) when its sign-up code is confirmed; cognito-local confirms the user but
 * leaves the address unverified. After a successful {@code ConfirmSignUp} the front sets
 * {@code email_verified=true} with {@code AdminUpdateUserAttributes} before it answers, so the first
 * sign-in already carries the claim call-control requires.
 */
final class UserPoolFront implements Endpoint {

    static final String CONFIRM_SIGN_UP = UserPool.TARGET_PREFIX + "ConfirmSignUp";

    private static final Logger LOG = Logger.getLogger(UserPoolFront.class.getName());
    /** Headers the JDK client sets itself (and refuses to be given), and hop-by-hop ones. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    private final String upstream;
    private final String userPoolId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param upstream   cognito-local's own address
     * @param userPoolId the pool whose users are verified on confirmation
     */
    UserPoolFront(String upstream, String userPoolId) {
        this.upstream = upstream;
        this.userPoolId = userPoolId;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        byte[] body = exchange.body();
        String query = exchange.rawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.http().getRequestURI().getRawPath()
                        + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.http().getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new HttpProblem(502, "InternalErrorException", "the user pool emulator did not answer: " + e.getMessage());
        }
        if (answer.statusCode() == 200 && CONFIRM_SIGN_UP.equals(exchange.header("X-Amz-Target"))) {
            markVerified(body);
        }
        answer.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !"content-type".equalsIgnoreCase(name)) {
                values.forEach(value -> exchange.withHeader(name, value));
            }
        });
        exchange.send(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null), answer.body());
    }

    /** As Cognito does on confirmation: the address the code was sent to is now verified. */
    private void markVerified(byte[] confirmation) {
        String username;
        try {
            JsonNode request = Exchange.JSON.readTree(confirmation);
            username = request.path("Username").asText("");
        } catch (IOException e) {
            return;
        }
        if (username.isEmpty()) {
            return;
        }
        try {
            // cognito-local verifies an address only together with the address itself.
            JsonNode user = UserPool.call(http, upstream, "AdminGetUser", Map.of("UserPoolId", userPoolId, "Username", username));
            String email = null;
            for (JsonNode attribute : user.path("UserAttributes")) {
                if ("email".equals(attribute.path("Name").asText())) {
                    email = attribute.path("Value").asText();
                }
            }
            if (email == null) {
                return;
            }
            UserPool.call(http, upstream, "AdminUpdateUserAttributes", Map.of("UserPoolId", userPoolId, "Username", username,
                    "UserAttributes", List.of(Map.of("Name", "email", "Value", email), Map.of("Name", "email_verified", "Value", "true"))));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not mark the confirmed address verified: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
