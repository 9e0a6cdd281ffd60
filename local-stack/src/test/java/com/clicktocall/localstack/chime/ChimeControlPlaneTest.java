package com.clicktocall.localstack.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.http.LoopbackServer;
import com.clicktocall.localstack.web.MeetingEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmeetings.ChimeSdkMeetingsClient;
import software.amazon.awssdk.services.chimesdkmeetings.model.Attendee;
import software.amazon.awssdk.services.chimesdkmeetings.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkmeetings.model.Meeting;
import software.amazon.awssdk.services.chimesdkmeetings.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/** The control plane through the real AWS SDK for Java: wire compatibility, errors included. */
class ChimeControlPlaneTest {

    record CreatedCall(String smaId, String from, String to, Map<String, String> headers, Map<String, String> arguments) {
    }

    static final List<CreatedCall> CREATED = new CopyOnWriteArrayList<>();
    static final List<Map<String, String>> UPDATES = new CopyOnWriteArrayList<>();

    static LoopbackServer server;
    static ChimeSdkMeetingsClient meetings;
    static ChimeSdkVoiceClient voice;
    static Meetings store;

    @BeforeAll
    static void start() {
        Console.quiet(true);
        store = new Meetings(new MeetingEvents());
        SipMediaApplications smas = new SipMediaApplications() {
            @Override
            public String createCall(String id, String from, String to, Map<String, String> headers, Map<String, String> arguments) {
                if (!id.equals("sma-1")) {
                    throw ChimeException.notFound("SIP media application " + id + " not found.");
                }
                CREATED.add(new CreatedCall(id, from, to, headers, arguments));
                return "transaction-" + CREATED.size();
            }

            @Override
            public void updateCall(String id, String transactionId, Map<String, String> arguments) {
                if (!transactionId.startsWith("transaction-")) {
                    throw ChimeException.notFound("No call with transaction id " + transactionId + " is in progress.");
                }
                UPDATES.add(arguments);
            }
        };
        server = LoopbackServer.start("chime", "127.0.0.1", 0, new ChimeControlPlane(store, smas, "127.0.0.1:1", "111122223333"));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        meetings = ChimeSdkMeetingsClient.builder().endpointOverride(URI.create(server.url())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        voice = ChimeSdkVoiceClient.builder().endpointOverride(URI.create(server.url())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        meetings.close();
        voice.close();
        server.close();
    }

    @Test
    void meetingAndAttendees_roundTripThroughTheSdk() {
        Meeting meeting = meetings.createMeeting(r -> r.clientRequestToken("token-1").externalMeetingId("click-to-call-1")
                .mediaRegion("us-east-1")).meeting();
        Attendee browser = meetings.createAttendee(r -> r.meetingId(meeting.meetingId()).externalUserId("user-sub-1")).attendee();
        Attendee phone = meetings.createAttendee(r -> r.meetingId(meeting.meetingId()).externalUserId("phone-1")).attendee();

        assertThat(meeting.meetingId()).isNotBlank();
        assertThat(meeting.mediaPlacement().audioHostUrl()).isNotBlank();
        assertThat(meeting.mediaPlacement().signalingUrl()).contains(meeting.meetingId());
        assertThat(meeting.meetingArn()).endsWith(":meeting/" + meeting.meetingId());
        assertThat(meetings.getMeeting(r -> r.meetingId(meeting.meetingId())).meeting().externalMeetingId()).isEqualTo("click-to-call-1");
        assertThat(browser.joinToken()).isNotBlank().isNotEqualTo(phone.joinToken());
        assertThat(meetings.listAttendees(r -> r.meetingId(meeting.meetingId())).attendees()).extracting(Attendee::externalUserId)
                .containsExactly("user-sub-1", "phone-1");

        meetings.deleteAttendee(r -> r.meetingId(meeting.meetingId()).attendeeId(phone.attendeeId()));
        assertThatThrownBy(() -> meetings.getAttendee(r -> r.meetingId(meeting.meetingId()).attendeeId(phone.attendeeId())))
                .isInstanceOf(NotFoundException.class);
        meetings.deleteMeeting(r -> r.meetingId(meeting.meetingId()));
        assertThatThrownBy(() -> meetings.getMeeting(r -> r.meetingId(meeting.meetingId())))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).contains(meeting.meetingId());
                });
    }

    @Test
    void sameClientRequestToken_givesTheSameMeeting() {
        String first = meetings.createMeeting(r -> r.clientRequestToken("token-same").externalMeetingId("x-1").mediaRegion("us-east-1"))
                .meeting().meetingId();
        String again = meetings.createMeeting(r -> r.clientRequestToken("token-same").externalMeetingId("x-1").mediaRegion("us-east-1"))
                .meeting().meetingId();

        assertThat(again).isEqualTo(first);
    }

    @Test
    void invalidInput_isBadRequest() {
        assertThatThrownBy(() -> meetings.createMeeting(r -> r.clientRequestToken("token-2").externalMeetingId("x-2").mediaRegion("mars-1")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("MediaRegion");
        assertThatThrownBy(() -> meetings.createAttendee(r -> r.meetingId("no-such-meeting").externalUserId("someone")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void createSipMediaApplicationCall_returnsATransactionId_andPassesHeadersAndArguments() {
        String transactionId = voice.createSipMediaApplicationCall(r -> r.sipMediaApplicationId("sma-1").fromPhoneNumber("+12065550100")
                .toPhoneNumber("+17035550122").sipHeaders(Map.of("X-chime-meeting-id", "m-1")).argumentsMap(Map.of("MeetingId", "m-1")))
                .sipMediaApplicationCall().transactionId();

        assertThat(transactionId).startsWith("transaction-");
        assertThat(CREATED).anySatisfy(c -> {
            assertThat(c.to()).isEqualTo("+17035550122");
            assertThat(c.headers()).containsEntry("X-chime-meeting-id", "m-1");
            assertThat(c.arguments()).containsEntry("MeetingId", "m-1");
        });
    }

    @Test
    void createSipMediaApplicationCall_refusesWhatTheServiceRefuses() {
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            tooMany.put("k" + i, "v");
        }
        assertThatThrownBy(() -> voice.createSipMediaApplicationCall(r -> r.sipMediaApplicationId("sma-1").fromPhoneNumber("+12065550100")
                .toPhoneNumber("call me")))
                .isInstanceOf(software.amazon.awssdk.services.chimesdkvoice.model.BadRequestException.class)
                .hasMessageContaining("ToPhoneNumber");
        assertThatThrownBy(() -> voice.createSipMediaApplicationCall(r -> r.sipMediaApplicationId("sma-1").fromPhoneNumber("+12065550100")
                .toPhoneNumber("+12065550123").argumentsMap(tooMany)))
                .isInstanceOf(software.amazon.awssdk.services.chimesdkvoice.model.BadRequestException.class)
                .hasMessageContaining("at most 20");
        assertThatThrownBy(() -> voice.createSipMediaApplicationCall(r -> r.sipMediaApplicationId("other").fromPhoneNumber("+12065550100")
                .toPhoneNumber("+12065550123")))
                .isInstanceOf(software.amazon.awssdk.services.chimesdkvoice.model.NotFoundException.class);
    }

    @Test
    void updateSipMediaApplicationCall_isAccepted_orNotFound() {
        voice.updateSipMediaApplicationCall(r -> r.sipMediaApplicationId("sma-1").transactionId("transaction-9").arguments(Map.of("Update", "end")));

        assertThat(UPDATES).contains(Map.of("Update", "end"));
        assertThatThrownBy(() -> voice.updateSipMediaApplicationCall(r -> r.sipMediaApplicationId("sma-1").transactionId("gone")
                .arguments(Map.of())))
                .isInstanceOf(software.amazon.awssdk.services.chimesdkvoice.model.NotFoundException.class);
    }

    @Test
    void awsCli_createsGetsAndDeletesAMeeting_andSeesNotFoundAfterwards() throws Exception {
        Path cli = Path.of("/usr/bin/aws");
        Assumptions.assumeTrue(Files.isExecutable(cli), "Debian's awscli (/usr/bin/aws) is not installed");

        CliResult created = aws(cli, "chime-sdk-meetings", "create-meeting", "--client-request-token", "cli-token-1",
                "--external-meeting-id", "from-the-cli", "--media-region", "us-east-1");
        String meetingId = com.clicktocall.localstack.http.Exchange.JSON.readTree(created.out()).path("Meeting").path("MeetingId").asText();
        CliResult fetched = aws(cli, "chime-sdk-meetings", "get-meeting", "--meeting-id", meetingId);
        CliResult deleted = aws(cli, "chime-sdk-meetings", "delete-meeting", "--meeting-id", meetingId);
        CliResult missing = aws(cli, "chime-sdk-meetings", "get-meeting", "--meeting-id", meetingId);
        CliResult call = aws(cli, "chime-sdk-voice", "create-sip-media-application-call", "--sip-media-application-id", "sma-1",
                "--from-phone-number", "+12065550100", "--to-phone-number", "+12065550123");

        assertThat(created.status()).as(created.err()).isZero();
        assertThat(fetched.out()).contains("from-the-cli");
        assertThat(deleted.status()).as(deleted.err()).isZero();
        assertThat(missing.status()).isNotZero();
        assertThat(missing.err()).contains("NotFoundException");
        assertThat(call.out()).contains("transaction-");
    }

    record CliResult(int status, String out, String err) {
    }

    private static CliResult aws(Path cli, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(cli.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", server.url(), "--region", "us-east-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        Process process = builder.start();
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        String err = read(process.getErrorStream());
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish");
        }
        return new CliResult(process.exitValue(), out.join(), err);
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void unsignedOrMalformedRequests_areRefusedWithAwsErrors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/meetings"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/meetings"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/chime/aws4_request")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ClientRequestToken\":")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).contains("ForbiddenException");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.headers().firstValue("x-amzn-ErrorType")).contains("BadRequestException");
        assertThat(garbage.body()).contains("\"Message\"");
    }
}
