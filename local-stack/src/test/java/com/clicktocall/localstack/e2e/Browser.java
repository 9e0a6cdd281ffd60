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
    /** The meetings this browser's page is in, by meeting id. */
    private final Map<String, MeetingPage> pages = new java.util.concurrent.ConcurrentHashMap<>();

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

    /** Dials and, as the page does, joins the call's meeting ({@link #joinMeeting}). */
    Answer dial(String toNumber) throws Exception {
        return joinMeeting(dialWithoutJoining(toNumber));
    }

    /** {@code POST /dial} only: nobody joins the meeting, as when the page is closed right after dialling. */
    Answer dialWithoutJoining(String toNumber) throws Exception {
        return api("/dial", Map.of("toNumber", toNumber), idToken);
    }

    /** A press of Dial and its retries: the same {@code Idempotency-Key} each time; the meeting is joined once. */
    Answer dial(String toNumber, String idempotencyKey) throws Exception {
        return joinMeeting(send(apiRequest(ApiRoutes.DIAL, idToken).header(ApiHeaders.IDEMPOTENCY_KEY, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Exchange.JSON.writeValueAsBytes(Map.of("toNumber", toNumber)))).build()));
    }

    /**
     * What the page does with a dial's answer: {@code POST /local/join} with the caller attendee's join token, then the meeting's
     * event stream held open with the session (on a thread of its own) until the meeting ends, {@link #leave} or {@link #closePage}.
     * A dial that failed, or a meeting this browser is in already, is left alone.
     */
    Answer joinMeeting(Answer dialled) throws Exception {
        if (dialled.status() != 200) {
            return dialled;
        }
        String meetingId = dialled.body().path("meeting").path("Meeting").path("MeetingId").asText();
        String joinToken = dialled.body().path("attendee").path("Attendee").path("JoinToken").asText();
        if (meetingId.isEmpty() || joinToken.isEmpty() || pages.containsKey(meetingId)) {
            return dialled;
        }
        Answer joined = send(HttpRequest.newBuilder(URI.create(stack.webUrl() + "/local/join")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Origin", stack.webUrl())
                .POST(HttpRequest.BodyPublishers.ofByteArray(Exchange.JSON.writeValueAsBytes(Map.of("meetingId", meetingId,
                        "joinToken", joinToken)))).build());
        if (joined.status() != 200) {
            throw new IllegalStateException("joining meeting " + meetingId + " failed: " + joined.status() + " " + joined.text());
        }
        MeetingPage page = MeetingPage.open(stack.webUrl(), meetingId, joined.body().path("session").asText());
        pages.put(meetingId, page);
        page.follow(meetingId, () -> pages.remove(meetingId, page));
        return dialled;
    }

    /** The page leaves its meetings as on hang-up: {@code POST /local/leave}, then the streams close. */
    void leave() throws Exception {
        for (MeetingPage page : pages.values()) {
            send(HttpRequest.newBuilder(URI.create(stack.webUrl() + "/local/leave")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "text/plain;charset=UTF-8").header("Origin", stack.webUrl())
                    .POST(HttpRequest.BodyPublishers.ofString(Exchange.JSON.writeValueAsString(Map.of("session", page.session)))).build());
            page.close(false);
        }
        pages.clear();
    }

    /** The tab is gone without a word (crash, network lost): the streams break, no {@code /local/leave}. */
    void closePage() {
        pages.values().forEach(page -> page.close(true));
        pages.clear();
    }

    /** One meeting's event stream, read on a thread of its own over a plain socket, so that it can break as a closed tab's does. */
    private static final class MeetingPage {
        final String session;
        final java.net.Socket socket;

        private MeetingPage(String session, java.net.Socket socket) {
            this.session = session;
            this.socket = socket;
        }

        static MeetingPage open(String webUrl, String meetingId, String session) throws IOException {
            URI web = URI.create(webUrl);
            java.net.Socket socket = new java.net.Socket(web.getHost(), web.getPort());
            socket.getOutputStream().write(("GET /local/events?meetingId=" + URLEncoder.encode(meetingId, StandardCharsets.UTF_8)
                    + "&session=" + URLEncoder.encode(session, StandardCharsets.UTF_8) + " HTTP/1.1\r\nHost: " + web.getHost() + ":"
                    + web.getPort() + "\r\nOrigin: " + webUrl + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // the stream is open (the attendee present) once the status line is back
            java.io.InputStream in = socket.getInputStream();
            StringBuilder status = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                status.append((char) c);
            }
            if (!status.toString().startsWith("HTTP/1.1 200")) {
                socket.close();
                throw new IOException("the meeting's event stream answered " + status.toString().strip());
            }
            return new MeetingPage(session, socket);
        }

        /** Reads the stream until it ends (the meeting ended, or the page left or closed), then runs {@code ended}. */
        void follow(String meetingId, Runnable ended) {
            Thread.ofVirtual().name("page-" + meetingId).start(() -> {
                byte[] buffer = new byte[4096];
                try {
                    java.io.InputStream in = socket.getInputStream();
                    while (in.read(buffer) != -1) {
                        // the page reads its events; the end of the stream is the end of the meeting
                    }
                } catch (IOException e) {
                    // closed
                } finally {
                    close(false);
                    ended.run();
                }
            });
        }

        void close(boolean abruptly) {
            try {
                if (abruptly) {
                    socket.setSoLinger(true, 0);
                }
                socket.close();
            } catch (IOException e) {
                // gone already
            }
        }
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
                .header("Origin", stack.webUrl())
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
