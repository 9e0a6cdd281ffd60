package com.clicktocall.localstack.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.TestPaths;
import com.clicktocall.localstack.apigateway.CognitoAuthorizer;
import com.clicktocall.localstack.chime.Meetings;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.http.LoopbackServer;
import com.clicktocall.localstack.http.RequestGuard;
import com.clicktocall.localstack.lambda.InvocationLog;
import com.clicktocall.localstack.lambda.LambdaService;
import com.clicktocall.localstack.lambda.LambdaSettings;
import com.clicktocall.localstack.sma.SmaEngine;
import com.clicktocall.localstack.sma.SmaSettings;
import com.clicktocall.localstack.sip.CallerMediaOffers;
import com.clicktocall.localstack.sip.SipTarget;
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
import com.clicktocall.localstack.userpool.Mailbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web port as the browser client uses it: config.json, the site, and its {@link LocalEndpoints} (events, mailbox, softphone, media). */
class WebEndpointTest {

    static final String ORIGIN = "http://localhost:5173";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path site;

    static Meetings meetings;
    static Mailbox mailbox;
    static LoopbackServer server;
    static LambdaService lambda;
    static SmaEngine engine;
    static final String ISSUER = "http://127.0.0.1:9229/local_pool";
    static final String CLIENT = "client-1";
    static final String OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\na=setup:actpass\r\n";
    static RSAKey poolKey;
    static CallerMediaOffers offers;
    static LoopbackServer mediaServer;

    @BeforeAll
    static void start() throws Exception {
        Console.quiet(true);
        meetings = new Meetings(new MeetingEvents());
        mailbox = new Mailbox();
        lambda = new LambdaService(new LambdaSettings(TestPaths.runtimeInterfaceClient(), TestPaths.javaCommand(), List.of(),
                site.resolve("run"), 1, false, "us-east-1", "111122223333"));
        SipTarget nowhere = new SipTarget("127.0.0.1", 9);
        engine = new SmaEngine(new SmaSettings("sma", "111122223333", "us-east-1", "sma-handler", Set.of(), Set.of(), nowhere, nowhere,
                Duration.ofSeconds(5), Duration.ofSeconds(20), null), lambda, meetings, null);
        Files.createDirectories(site.resolve("dist/assets"));
        Files.writeString(site.resolve("dist/index.html"), "<html>click-to-call</html>");
        Files.writeString(site.resolve("dist/assets/app.js"), "console.log('hi')");
        server = LoopbackServer.start("web", "127.0.0.1", 0, RequestGuard.forPages("127.0.0.1", Set.of(ORIGIN)), new WebEndpoint(site.resolve("dist"),
                () -> Map.of("apiUrl", "http://127.0.0.1:1", "meetingLayer", "local"), Set.of(ORIGIN),
                new LocalEndpoints(meetings, mailbox, engine, new InvocationLog(), Optional.empty(), Optional.empty(), Optional.empty())));
        poolKey = new RSAKeyGenerator(2048).keyID("pool").generate();
        offers = new CallerMediaOffers();
        CognitoAuthorizer authorizer = new CognitoAuthorizer(ISSUER, CLIENT, () -> new JWKSet(poolKey.toPublicJWK()));
        mediaServer = LoopbackServer.start("web", "127.0.0.1", 0, RequestGuard.forPages("127.0.0.1", Set.of(ORIGIN)), new WebEndpoint(site.resolve("dist"), Map::of, Set.of(ORIGIN),
                new LocalEndpoints(meetings, mailbox, engine, new InvocationLog(), Optional.empty(), Optional.of(offers), Optional.of(authorizer))));
    }

    @AfterAll
    static void stop() {
        server.close();
        mediaServer.close();
        engine.close();
        lambda.close();
    }

    @Test
    void eventStream_replaysWhatHappened_thenStreamsLive_untilTheMeetingEnds() throws Exception {
        Meetings.Meeting meeting = meetings.create("token-sse", "ext-sse", "us-east-1");
        Meetings.Attendee browser = meetings.createAttendee(meeting.meetingId(), "user-1");
        Meetings.Attendee phone = meetings.createAttendee(meeting.meetingId(), "phone-1");
        meetings.join(meeting.meetingId(), phone.joinToken());
        meetings.events().publish(meeting.meetingId(), MeetingEvents.CALL_STATUS, Map.of("transactionId", "t-1", "status", "ringing"));

        String session = join(meeting.meetingId(), browser.joinToken()).body().path("session").asText();
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/local/events?meetingId="
                + meeting.meetingId() + "&session=" + session)).header("Origin", ORIGIN).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> readUntilEnd(stream.body()));
        Thread.sleep(300);
        meetings.events().publish(meeting.meetingId(), MeetingEvents.CALL_STATUS,
                Map.of("transactionId", "t-1", "status", "ended", "reason", "busy"));
        meetings.delete(meeting.meetingId());

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        List<String> received = lines.get(10, TimeUnit.SECONDS);
        assertThat(received).containsSubsequence(
                "event: attendee-joined", "data: {\"attendeeId\":\"" + phone.attendeeId() + "\",\"externalUserId\":\"phone-1\"}",
                "event: call-status", "event: attendee-joined", "event: call-status", "event: attendee-left", "event: meeting-ended");
        assertThat(received).anySatisfy(l -> assertThat(l).contains("\"reason\":\"busy\"").contains("\"status\":\"ended\""));
    }

    @Test
    void join_withTheAttendeesJoinToken_givesASession_theStreamMakesItPresent_leaveEndsItAtOnce() throws Exception {
        Meetings.Meeting meeting = meetings.create("token-join", "ext-join", "us-east-1");
        Meetings.Attendee browser = meetings.createAttendee(meeting.meetingId(), "user-join");
        List<String> joinedAndLeft = new ArrayList<>();
        meetings.addStateListener(new Meetings.StateListener() {
            @Override
            public void attendeeJoined(Meetings.Meeting m, Meetings.Attendee a) {
                joinedAndLeft.add("joined " + a.attendeeId());
            }

            @Override
            public void attendeeLeft(Meetings.Meeting m, Meetings.Attendee a) {
                joinedAndLeft.add("left " + a.attendeeId());
            }

            @Override
            public void meetingEnded(Meetings.Meeting m) {
            }
        });

        Answer joined = join(meeting.meetingId(), browser.joinToken());
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(joined.body().path("attendeeId").asText()).isEqualTo(browser.attendeeId());
        String session = joined.body().path("session").asText();
        assertThat(session).hasSizeGreaterThan(20).doesNotContain(browser.joinToken());
        assertThat(joinedAndLeft).as("a join is not presence yet").isEmpty();

        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/local/events?meetingId="
                + meeting.meetingId() + "&session=" + session)).header("Origin", ORIGIN).build(), HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> readUntilEnd(stream.body()));
        awaitTrue(() -> joinedAndLeft.contains("joined " + browser.attendeeId()));

        HttpResponse<String> left = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + LocalEndpoints.LEAVE_PATH))
                .header("Origin", ORIGIN).header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"session\":\"" + session + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(left.statusCode()).isEqualTo(204);
        assertThat(joinedAndLeft).containsExactly("joined " + browser.attendeeId(), "left " + browser.attendeeId());
        assertThat(lines.get(5, TimeUnit.SECONDS)).as("the stream closes after leaving").contains("event: attendee-left");
        assertThat(get("/local/events?meetingId=" + meeting.meetingId() + "&session=" + session).statusCode())
                .as("a session that left cannot open the stream again").isEqualTo(403);
        meetings.delete(meeting.meetingId());
    }

    @Test
    void aVanishedPage_leavesWithinTwoSeconds() throws Exception {
        Meetings.Meeting meeting = meetings.create("token-vanish", "ext-vanish", "us-east-1");
        Meetings.Attendee browser = meetings.createAttendee(meeting.meetingId(), "user-vanish");
        String session = join(meeting.meetingId(), browser.joinToken()).body().path("session").asText();
        java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), URI.create(server.url()).getPort());
        socket.getOutputStream().write(("GET /local/events?meetingId=" + meeting.meetingId() + "&session=" + session + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nOrigin: " + ORIGIN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        awaitTrue(() -> meetings.events().history(meeting.meetingId()).stream().anyMatch(e -> e.name().equals(MeetingEvents.ATTENDEE_JOINED)));

        socket.setSoLinger(true, 0);
        socket.close(); // the tab is gone: no leave, the connection just breaks
        long closed = System.nanoTime();
        awaitTrue(() -> meetings.events().history(meeting.meetingId()).stream().anyMatch(e -> e.name().equals(MeetingEvents.ATTENDEE_LEFT)));

        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofMillis(2_500));
        meetings.delete(meeting.meetingId());
    }

    @Test
    void join_refusesUnknownMeetingsWrongTokensAndMalformedBodies_andTheStreamNoLongerJoinsById() throws Exception {
        Meetings.Meeting meeting = meetings.create("token-refuse", "ext-refuse", "us-east-1");
        Meetings.Attendee browser = meetings.createAttendee(meeting.meetingId(), "user-refuse");

        Answer unknown = join("no-such-meeting", browser.joinToken());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("code").asText()).isEqualTo("meeting_not_found");
        Answer wrong = join(meeting.meetingId(), browser.joinToken() + "x");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body().path("code").asText()).isEqualTo("invalid_join_token");
        assertThat(wrong.text()).doesNotContain(browser.joinToken());
        assertThat(post(LocalEndpoints.JOIN_PATH, "not json").statusCode()).isEqualTo(400);
        assertThat(post(LocalEndpoints.JOIN_PATH, "{\"meetingId\": 1}").statusCode()).isEqualTo(400);
        assertThat(post(LocalEndpoints.LEAVE_PATH, "[]").statusCode()).isEqualTo(400);
        assertThat(post(LocalEndpoints.LEAVE_PATH, "{\"session\":\"unknown\"}").statusCode()).isEqualTo(204);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + LocalEndpoints.JOIN_PATH)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(get("/local/events?meetingId=" + meeting.meetingId() + "&attendeeId=" + browser.attendeeId()).statusCode()).isEqualTo(400);
        assertThat(get("/local/events?meetingId=" + meeting.meetingId() + "&session=forged").statusCode()).isEqualTo(403);

        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + LocalEndpoints.JOIN_PATH))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("POST"));
        assertThat(meetings.events().history(meeting.meetingId())).isEmpty();
        meetings.delete(meeting.meetingId());
    }

    @Test
    void join_refusesOversizedMissingAndHostileValues_andNeverEchoesThem() throws Exception {
        Meetings.Meeting meeting = meetings.create("token-hostile", "ext-hostile", "us-east-1");
        meetings.createAttendee(meeting.meetingId(), "user-hostile");

        HttpResponse<String> oversized = post(LocalEndpoints.JOIN_PATH, "{\"meetingId\":\"" + meeting.meetingId()
                + "\",\"joinToken\":\"" + "x".repeat(LocalEndpoints.JOIN_MAX_BODY_BYTES) + "\"}");
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(post(LocalEndpoints.JOIN_PATH, "{}").statusCode()).as("both missing").isEqualTo(400);
        assertThat(post(LocalEndpoints.JOIN_PATH, "{\"meetingId\":\"" + meeting.meetingId() + "\"}").statusCode())
                .as("no token").isEqualTo(400);
        String hostile = "<script>alert(1)</script>\"'; DROP TABLE meetings; --";
        Answer hostileToken = join(meeting.meetingId(), hostile);
        assertThat(hostileToken.status()).isEqualTo(403);
        assertThat(hostileToken.text()).doesNotContain("<script>");
        Answer hostileMeeting = join("../../" + hostile, hostile);
        assertThat(hostileMeeting.status()).isEqualTo(404);
        assertThat(hostileMeeting.text()).doesNotContain("<script>");
        assertThat(post(LocalEndpoints.LEAVE_PATH, "{\"session\":\"" + "s".repeat(LocalEndpoints.JOIN_MAX_BODY_BYTES) + "\"}").statusCode())
                .isEqualTo(413);
        assertThat(meetings.events().history(meeting.meetingId())).as("nobody joined").isEmpty();
        meetings.delete(meeting.meetingId());
    }

    record Answer(int status, com.fasterxml.jackson.databind.JsonNode body, String text,
            java.net.http.HttpHeaders headers) {
    }

    static Answer join(String meetingId, String joinToken) throws Exception {
        HttpResponse<String> response = post(LocalEndpoints.JOIN_PATH, Exchange.JSON.writeValueAsString(Map.of("meetingId", meetingId,
                "joinToken", joinToken)));
        return new Answer(response.statusCode(), Exchange.JSON.readTree(response.body().isBlank() ? "{}" : response.body()),
                response.body(), response.headers());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Origin", ORIGIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void eventStreamOfAnUnknownMeeting_isNotFound() throws Exception {
        HttpResponse<String> response = get("/local/events?meetingId=nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("meeting_not_found");
    }

    @Test
    void softphone_whenTheStackRunsWithoutTheRegistrar_isNotFoundWithTheReason() throws Exception {
        var response = get(LocalEndpoints.SOFTPHONE_PATH);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("softphone_off");
    }

    @Test
    void mailbox_givesTheLatestCode_orNotFound() throws Exception {
        mailbox.deliver("erin@example.com", "654321");

        assertThat(get("/local/mailbox?email=erin%40example.com").body()).contains("\"code\":\"654321\"");
        assertThat(get("/local/mailbox?email=frank%40example.com").statusCode()).isEqualTo(404);
        assertThat(get("/local/mailbox").statusCode()).isEqualTo(400);
    }

    @Test
    void siteAndConfig_areServed_unknownPathsFallBackToTheClient() throws Exception {
        assertThat(get("/config.json").body()).contains("\"meetingLayer\":\"local\"");
        assertThat(get("/").body()).contains("click-to-call");
        assertThat(get("/assets/app.js").headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(get("/calls/123").body()).contains("click-to-call");
        assertThat(get("/assets/missing.js").statusCode()).isEqualTo(404);
        assertThat(get("/../../etc/passwd").statusCode()).isIn(400, 404);
        assertThat(get("/local/calls/unknown").statusCode()).isEqualTo(404);
    }

    @Test
    void mediaOffer_withTheCallersIdToken_isKeptUnderItsEmail_once() throws Exception {
        HttpResponse<String> response = postOffer(mediaServer, "Bearer " + idToken(poolKey, "Grace@Example.com", 600_000),
                Exchange.JSON.writeValueAsString(Map.of("sdp", OFFER)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"expiresInSeconds\":30}");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(offers.take("grace@example.com")).contains(OFFER);
        assertThat(offers.take("grace@example.com")).as("taken once").isEmpty();
    }

    @Test
    void mediaOffer_withoutAValidToken_isUnauthorized_andNothingIsKept() throws Exception {
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("pool").generate();
        String body = Exchange.JSON.writeValueAsString(Map.of("sdp", OFFER));

        HttpResponse<String> missing = postOffer(mediaServer, null, body);
        HttpResponse<String> garbage = postOffer(mediaServer, "Bearer not-a-jwt", body);
        HttpResponse<String> otherPool = postOffer(mediaServer, "Bearer " + idToken(otherKey, "heidi@example.com", 600_000), body);
        HttpResponse<String> expired = postOffer(mediaServer, "Bearer " + idToken(poolKey, "heidi@example.com", -600_000), body);

        for (HttpResponse<String> response : List.of(missing, garbage, otherPool, expired)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(Exchange.JSON.readTree(response.body()).path("code").asText()).isEqualTo("unauthorized");
            assertThat(response.body()).doesNotContain("v=0");
        }
        assertThat(offers.take("heidi@example.com")).isEmpty();
    }

    @Test
    void mediaOffer_thatIsNoOffer_isRefused_andTheEarlierOneStays() throws Exception {
        String token = "Bearer " + idToken(poolKey, "ivan@example.com", 600_000);
        assertThat(postOffer(mediaServer, token, Exchange.JSON.writeValueAsString(Map.of("sdp", OFFER))).statusCode()).isEqualTo(202);

        List<String> bad = List.of("{not json", "{}", "{\"sdp\": 42}", "[\"v=0\"]",
                Exchange.JSON.writeValueAsString(Map.of("sdp", "hello")),
                Exchange.JSON.writeValueAsString(Map.of("sdp", "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n")));
        for (String body : bad) {
            HttpResponse<String> response = postOffer(mediaServer, token, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(Exchange.JSON.readTree(response.body()).path("code").asText()).as(body).isEqualTo("invalid_offer");
        }
        assertThat(offers.take("ivan@example.com")).contains(OFFER);
    }

    @Test
    void mediaOffer_over16KiB_isTooLarge() throws Exception {
        String huge = OFFER + "a=x-padding:" + "x".repeat(LocalEndpoints.MEDIA_MAX_BODY_BYTES) + "\r\n";
        HttpResponse<String> response = postOffer(mediaServer, "Bearer " + idToken(poolKey, "judy@example.com", 600_000),
                Exchange.JSON.writeValueAsString(Map.of("sdp", huge)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(offers.take("judy@example.com")).isEmpty();
    }

    @Test
    void mediaPath_otherMethods_areNotAllowed_andThePreflightAdmitsThePost() throws Exception {
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(mediaServer.url() + LocalEndpoints.MEDIA_PATH)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(mediaServer.url() + LocalEndpoints.MEDIA_PATH))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);

        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(mediaServer.url() + LocalEndpoints.MEDIA_PATH))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(h -> assertThat(h).contains("Authorization"));
    }

    @Test
    void mediaOffer_whenTheStackRunsWithoutTheRegistrar_isNotFound() throws Exception {
        HttpResponse<String> response = postOffer(server, "Bearer " + idToken(poolKey, "ken@example.com", 600_000),
                Exchange.JSON.writeValueAsString(Map.of("sdp", OFFER)));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":\"media_relay_off\"");
    }

    /** An id token of the test pool, as cognito-local signs it; {@code expiresInMillis} negative for an expired one. */
    private static String idToken(RSAKey key, String email, long expiresInMillis) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("sub-" + email)
                .claim("token_use", "id").claim("email", email).issueTime(new Date(System.currentTimeMillis() - 1_200_000))
                .expirationTime(new Date(System.currentTimeMillis() + expiresInMillis)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static HttpResponse<String> postOffer(LoopbackServer to, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.url() + LocalEndpoints.MEDIA_PATH)).header("Origin", ORIGIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> readUntilEnd(java.io.InputStream body) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (java.io.IOException e) {
            lines.add("error: " + e);
        }
        return lines;
    }
}
