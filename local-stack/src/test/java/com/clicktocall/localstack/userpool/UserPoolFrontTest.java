package com.clicktocall.localstack.userpool;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.TestPaths;
import com.clicktocall.localstack.http.Exchange;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user pool as clients reach it: cognito-local behind {@link UserPoolFront}. Cognito marks an address
 * verified when its sign-up code is confirmed; so must the local pool, or no local user could dial.
 */
class UserPoolFrontTest {

    static final String PASSWORD = "Correct-Horse-9";

    @TempDir
    static Path work;

    static UserPool pool;
    static final Mailbox mailbox = new Mailbox();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        pool = UserPool.start(TestPaths.repoRoot().resolve("local-stack/cognito"), work, "127.0.0.1", 0,
                com.clicktocall.localstack.http.RequestGuard.forPages("127.0.0.1", java.util.Set.of("http://127.0.0.1:8080")),
                "http://127.0.0.1:9", null, "us-east-1",
                mailbox);
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void confirmedSignUp_verifiesTheAddress_asCognitoDoes() throws Exception {
        String email = "front-" + System.nanoTime() + "@example.com";
        assertThat(call("SignUp", Map.of("ClientId", pool.clientId(), "Username", email, "Password", PASSWORD,
                "UserAttributes", List.of(Map.of("Name", "email", "Value", email)))).statusCode()).isEqualTo(200);
        assertThat(verified(email)).as("not before the code is confirmed").isEmpty();

        String code = awaitCode(email);
        HttpResponse<String> confirmed = call("ConfirmSignUp", Map.of("ClientId", pool.clientId(), "Username", email,
                "ConfirmationCode", code));

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(verified(email)).contains("true");
        JsonNode claims = idTokenClaims(email);
        assertThat(claims.path("email_verified").asText()).isEqualTo("true");
        assertThat(claims.path("iss").asText()).as("tokens name the address clients use").isEqualTo(pool.issuer());
    }

    @Test
    void wrongCode_verifiesNothing() throws Exception {
        String email = "wrong-" + System.nanoTime() + "@example.com";
        call("SignUp", Map.of("ClientId", pool.clientId(), "Username", email, "Password", PASSWORD,
                "UserAttributes", List.of(Map.of("Name", "email", "Value", email))));

        HttpResponse<String> refused = call("ConfirmSignUp", Map.of("ClientId", pool.clientId(), "Username", email,
                "ConfirmationCode", "000000x"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("CodeMismatch");
        assertThat(verified(email)).isEmpty();
    }

    @Test
    void corsPreflight_isAnsweredByTheEmulatorThroughTheFront() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(pool.endpoint() + "/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-amz-target").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }

    private Optional<String> verified(String email) throws Exception {
        JsonNode users = Exchange.JSON.readTree(call("ListUsers", Map.of("UserPoolId", pool.userPoolId())).body()).path("Users");
        for (JsonNode user : users) {
            boolean same = false;
            String verified = null;
            for (JsonNode attribute : user.path("Attributes")) {
                same |= "email".equals(attribute.path("Name").asText()) && email.equals(attribute.path("Value").asText());
                if ("email_verified".equals(attribute.path("Name").asText())) {
                    verified = attribute.path("Value").asText();
                }
            }
            if (same) {
                return Optional.ofNullable(verified);
            }
        }
        throw new AssertionError("no user " + email);
    }

    private String awaitCode(String email) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            Optional<Mailbox.Message> message = mailbox.latest(email);
            if (message.isPresent()) {
                return message.get().code();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no code for " + email);
    }

    private JsonNode idTokenClaims(String email) throws Exception {
        JsonNode auth = Exchange.JSON.readTree(call("InitiateAuth", Map.of("ClientId", pool.clientId(), "AuthFlow", "USER_PASSWORD_AUTH",
                "AuthParameters", Map.of("USERNAME", email, "PASSWORD", PASSWORD))).body());
        String idToken = auth.path("AuthenticationResult").path("IdToken").asText();
        return Exchange.JSON.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]));
    }

    private HttpResponse<String> call(String operation, Map<String, Object> body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(pool.endpoint() + "/")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", UserPool.TARGET_PREFIX + operation)
                .POST(HttpRequest.BodyPublishers.ofString(Exchange.JSON.writeValueAsString(body), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
