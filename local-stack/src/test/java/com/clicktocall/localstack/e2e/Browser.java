package com.clicktocall.localstack.e2e;

import com.clicktocall.localstack.LocalStack;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.userpool.UserPool;
import com.clicktocall.model.api.ApiHeaders;
import com.clicktocall.model.api.ApiRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the browser client does against the stack, over HTTP only: sign up, confirm with the code from
 * the mailbox, sign in (USER_PASSWORD_AUTH, as the web client must with cognito-local), call the API
 * with the id token.
 */
final class Browser {

    /** One HTTP answer. */
    record Answer(int status, JsonNode body, String text) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String PASSWORD = "Corr3ct-Horse-Battery!";

    final LocalStack stack;
    final String email;
    String idToken;

    private Browser(LocalStack stack, String email) {
        this.stack = stack;
        this.email = email;
    }

    /** A new user of the allowed domain, signed up, confirmed and signed in. */
    static Browser signedIn(LocalStack stack) throws Exception {
        Browser browser = new Browser(stack, "caller-" + UUID.randomUUID().toString().substring(0, 8) + "@" + RunningStack.ALLOWED_DOMAIN);
        Answer signUp = browser.signUp();
        if (signUp.status() != 200) {
            throw new IllegalStateException("sign-up failed: " + signUp.text());
        }
        browser.confirm();
        browser.signIn();
        return browser;
    }

    static Browser anonymous(LocalStack stack, String email) {
        return new Browser(stack, email);
    }

    Answer signUp() throws Exception {
        return userPool("SignUp", Map.of("ClientId", pool().clientId(), "Username", email, "Password", PASSWORD,
                "UserAttributes", List.of(Map.of("Name", "email", "Value", email))));
    }

    void confirm() throws Exception {
        // the code is read from the emulator's console output, a moment after SignUp answers
        Answer mail = null;
        for (int attempt = 0; attempt < 100 && (mail == null || mail.status() == 404); attempt++) {
            if (mail != null) {
                Thread.sleep(50);
            }
            mail = get(stack.webUrl() + "/local/mailbox?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        }
        if (mail.status() != 200) {
            throw new IllegalStateException("no confirmation code for " + email + ": " + mail.text());
        }
        Answer confirmed = userPool("ConfirmSignUp", Map.of("ClientId", pool().clientId(), "Username", email,
                "ConfirmationCode", mail.body().path("code").asText()));
        if (confirmed.status() != 200) {
            throw new IllegalStateException("confirmation failed: " + confirmed.text());
        }
    }

    void signIn() throws Exception {
        Answer auth = userPool("InitiateAuth", Map.of("ClientId", pool().clientId(), "AuthFlow", "USER_PASSWORD_AUTH",
                "AuthParameters", Map.of("USERNAME", email, "PASSWORD", PASSWORD)));
        if (auth.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + auth.text());
        }
        idToken = auth.body().path("AuthenticationResult").path("IdToken").asText();
    }

    Answer dial(String toNumber) throws Exception {
        return api("/dial", Map.of("toNumber", toNumber), idToken);
    }

    /** A press of Dial and its retries: the same {@code Idempotency-Key} each time. */
    Answer dial(String toNumber, String idempotencyKey) throws Exception {
        return send(apiRequest(ApiRoutes.DIAL, idToken).header(ApiHeaders.IDEMPOTENCY_KEY, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Exchange.JSON.writeValueAsBytes(Map.of("toNumber", toNumber)))).build());
    }

    /** {@code GET /calls/{transactionId}}: the call as the ledger records it. */
    Answer callStatus(String transactionId) throws Exception {
        return send(apiRequest(ApiRoutes.CALL_STATUS.replace("{" + ApiRoutes.TRANSACTION_ID + "}", transactionId), idToken)
                .GET().build());
    }

    /** The page's CORS preflight for {@code path}, as the browser sends it. */
    HttpResponse<String> preflight(String path, String method, String headers) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Origin", stack.webUrl()).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    Answer sendDigits(String transactionId, String digits) throws Exception {
        return api("/update", Map.of("transactionId", transactionId, "update", "digits", "digits", digits), idToken);
    }

    Answer end(String transactionId) throws Exception {
        return api("/update", Map.of("transactionId", transactionId, "update", "end"), idToken);
    }

    Answer api(String path, Object body, String token) throws Exception {
        return send(apiRequest(path, token).POST(HttpRequest.BodyPublishers.ofByteArray(Exchange.JSON.writeValueAsBytes(body))).build());
    }

    private HttpRequest.Builder apiRequest(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json").header("Origin", stack.webUrl());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** What the caller page does before it dials: its WebRTC offer, with its id token. */
    Answer postMediaOffer(String localMediaUrl, String sdp) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(localMediaUrl)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Origin", stack.webUrl()).header("Authorization", "Bearer " + idToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Exchange.JSON.writeValueAsBytes(Map.of("sdp", sdp)))).build());
    }

    static Answer get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private Answer userPool(String operation, Map<String, Object> body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(pool().endpoint() + "/")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Exchange.JSON.writeValueAsBytes(body))).build());
    }

    private UserPool pool() {
        return stack.userPool().orElseThrow();
    }

    private static Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isBlank() ? Exchange.JSON.nullNode() : Exchange.JSON.readTree(response.body());
        } catch (IOException e) {
            body = Exchange.JSON.nullNode();
        }
        return new Answer(response.statusCode(), body, response.body());
    }
}
