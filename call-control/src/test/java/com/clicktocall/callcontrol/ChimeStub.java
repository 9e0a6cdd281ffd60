package com.clicktocall.callcontrol;

import com.clicktocall.testsupport.Dynalite;
import com.clicktocall.testsupport.LedgerTestResource;
import com.clicktocall.testsupport.RecordingHttpServer;
import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Chime for the function under test: a loopback {@link RecordingHttpServer} the real SDK reaches through {@code clicktocall.chime-endpoint}. */
public class ChimeStub implements QuarkusTestResourceLifecycleManager {

    static final String MEETING_ID = "5f1c2d3e-4b5a-4697-8a9b-0c1d2e3f4a5b";
    static final String BROWSER_JOIN_TOKEN = "browser-join-token-secret";
    static final String PHONE_JOIN_TOKEN = "phone-join-token-secret";
    static final String TRANSACTION_ID = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";

    private static RecordingHttpServer server;

    static RecordingHttpServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = RecordingHttpServer.start();
        // The function's settings for tests (given to @QuarkusTest and to the packaged function of *IT alike).
        return Map.ofEntries(
                Map.entry("clicktocall.chime-endpoint", server.uri().toString()),
                // Fake credentials for the SDK in the packaged function's process (*IT).
                Map.entry("aws.accessKeyId", "test"),
                Map.entry("aws.secretAccessKey", "test"),
                Map.entry("clicktocall.sma-id", "sma-test-1"),
                Map.entry("clicktocall.sma-phone-number", "+12065550199"),
                Map.entry("clicktocall.voice-connector-phone-number", "+12065550142"),
                Map.entry("clicktocall.voice-connector-arn", "arn:aws:chime:us-east-1:123456789012:vc/abcdefghijklmnop"),
                Map.entry("clicktocall.meeting-control-region", "us-east-1"),
                Map.entry("clicktocall.pstn-control-region", "us-west-2"),
                Map.entry("clicktocall.media-region", "eu-central-1"),
                Map.entry("clicktocall.allowed-origin", "https://click.example.com"),
                Map.entry("clicktocall.allowed-email-domain", "example.com"),
                Map.entry("clicktocall.chime-timeout", "PT2S"));
    }

    @Override
    public void stop() {
        server.close();
    }

    /** Forgets the user's active calls and dials in the ledger, so each test starts within the per-user limits. */
    static void forgetCalls(Dynalite ledger, String sub) throws Exception {
        ledger.call("DeleteItem", Map.of("TableName", LedgerTestResource.TABLE, "Key", Map.of("pk", Map.of("S", "USER#" + sub))));
    }

    /** Programs a Chime that creates the meeting, both attendees and the SMA call. */
    static void answersEverything(RecordingHttpServer chime) {
        chime.on("POST", "/meetings", Stub.json(200, meetingJson()));
        chime.on("POST", "/meetings/[^/]+/attendees", request -> Stub.json(200, attendeeJson(request.body())));
        chime.on("POST", "/sip-media-applications/[^/]+/calls",
                Stub.json(201, "{\"SipMediaApplicationCall\":{\"TransactionId\":\"" + TRANSACTION_ID + "\"}}"));
        chime.on("DELETE", "/meetings/[^/]+", Stub.status(204));
    }

    static String meetingJson() {
        return """
                {"Meeting":{"MeetingId":"%s","ExternalMeetingId":"ext-1","MediaRegion":"eu-central-1",
                 "MeetingArn":"arn:aws:chime:us-east-1:123456789012:meeting/%s",
                 "MediaPlacement":{"AudioHostUrl":"abc.k.m1.ec1.app.chime.aws:3478",
                  "AudioFallbackUrl":"wss://haxrp.m1.ec1.app.chime.aws:443/calls/%s",
                  "SignalingUrl":"wss://signal.m1.ec1.app.chime.aws/control/%s",
                  "TurnControlUrl":"https://2713.cell.eu-central-1.meetings.chime.aws/v2/turn_sessions",
                  "EventIngestionUrl":"https://data.svc.ec1.ingest.chime.aws/v1/client-events"}}}
                """.formatted(MEETING_ID, MEETING_ID, MEETING_ID, MEETING_ID);
    }

    /** The phone leg and the browser get different ids and join tokens, so a test can tell which went where. */
    static String attendeeJson(String requestBody) {
        boolean phone = requestBody.contains(CallPlacement.PHONE_ATTENDEE_ID);
        String externalUserId = phone ? CallPlacement.PHONE_ATTENDEE_ID : requestBody.replaceAll(".*\"ExternalUserId\"\\s*:\\s*\"([^\"]*)\".*", "$1");
        return """
                {"Attendee":{"AttendeeId":"%s","ExternalUserId":"%s","JoinToken":"%s"}}
                """.formatted(phone ? "attendee-phone" : "attendee-browser", externalUserId,
                phone ? PHONE_JOIN_TOKEN : BROWSER_JOIN_TOKEN);
    }
}
