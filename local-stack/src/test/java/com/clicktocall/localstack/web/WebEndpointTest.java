package com.clicktocall.localstack.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.TestPaths;
import com.clicktocall.localstack.chime.Meetings;
import com.clicktocall.localstack.http.LoopbackServer;
import com.clicktocall.localstack.lambda.InvocationLog;
import com.clicktocall.localstack.lambda.LambdaService;
import com.clicktocall.localstack.lambda.LambdaSettings;
import com.clicktocall.localstack.sma.SmaEngine;
import com.clicktocall.localstack.sma.SmaSettings;
import com.clicktocall.localstack.sip.SipTarget;
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

/** The web port as the browser client uses it: config.json, the meeting's event stream, the mailbox, the site. */
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
        server = LoopbackServer.start("web", "127.0.0.1", 0, new WebEndpoint(site.resolve("dist"),
                () -> Map.of("apiUrl", "http://127.0.0.1:1", "meetingLayer", "local"), meetings, mailbox, engine, new InvocationLog(),
                Set.of(ORIGIN), Optional.empty()));
    }

    @AfterAll
    static void stop() {
        server.close();
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

        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/local/events?meetingId="
                + meeting.meetingId() + "&attendeeId=" + browser.attendeeId())).header("Origin", ORIGIN).build(),
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
    void eventStreamOfAnUnknownMeeting_isNotFound() throws Exception {
        HttpResponse<String> response = get("/local/events?meetingId=nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("meeting_not_found");
    }

    @Test
    void softphone_whenTheStackRunsWithoutTheRegistrar_isNotFoundWithTheReason() throws Exception {
        var response = get(WebEndpoint.SOFTPHONE_PATH);

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
