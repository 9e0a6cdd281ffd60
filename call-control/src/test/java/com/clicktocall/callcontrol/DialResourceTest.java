package com.clicktocall.callcontrol;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.api.ApiEdge;
import com.clicktocall.model.sma.MeetingDialIn;
import com.clicktocall.model.api.ApiHeaders;
import com.clicktocall.testsupport.ApiGatewayProxyEvent;
import com.clicktocall.testsupport.Dynalite;
import com.clicktocall.testsupport.LedgerTestResource;
import com.clicktocall.testsupport.RecordingHttpServer;
import com.clicktocall.testsupport.RecordingHttpServer.Request;
import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /dial} end to end inside the function: API Gateway proxy events from {@code events/}
 * posted to the mock event server, Chime answered by a loopback server reached by the real AWS SDK.
 */
@QuarkusTest
@QuarkusTestResource(ChimeStub.class)
@QuarkusTestResource(LedgerTestResource.class)
class DialResourceTest {

    static final Path DIAL_EVENT = Path.of("../events/api-dial.json");
    static final String SUB = "7d9f0c2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f";
    static final String ORIGIN = "https://click.example.com";
    static final ObjectMapper JSON = new ObjectMapper();

    RecordingHttpServer chime = ChimeStub.server();
    Dynalite ledger;

    @BeforeEach
    void resetChimeAndTheCallersLimits() throws Exception {
        chime.reset();
        ChimeStub.answersEverything(chime);
        ChimeStub.forgetCalls(ledger, SUB);
    }

    @Test
    void replayedDialEvent_createsMeetingAttendeesAndSmaCall() throws Exception {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.at("/meeting/Meeting/MeetingId").asText()).isEqualTo(ChimeStub.MEETING_ID);
        assertThat(body.at("/meeting/Meeting/MediaPlacement/AudioHostUrl").asText()).isNotBlank();
        assertThat(body.at("/attendee/Attendee/ExternalUserId").asText()).isEqualTo(SUB);
        assertThat(body.at("/attendee/Attendee/JoinToken").asText()).isEqualTo(ChimeStub.BROWSER_JOIN_TOKEN);
        assertThat(body.at("/transactionId").asText()).isEqualTo(ChimeStub.TRANSACTION_ID);
        assertThat(body.at("/toNumber").asText()).isEqualTo("+12062661000");

        JsonNode meeting = JSON.readTree(single("POST", "/meetings").body());
        assertThat(meeting.path("MediaRegion").asText()).isEqualTo("eu-central-1");
        assertThat(meeting.path("ClientRequestToken").asText()).isNotBlank();
        assertThat(meeting.path("ExternalMeetingId").asText()).isNotBlank();
        assertThat(credentialScope(single("POST", "/meetings"))).contains("/us-east-1/chime/aws4_request");

        assertThat(chime.requests("POST", "/meetings/" + ChimeStub.MEETING_ID + "/attendees"))
                .extracting(r -> JSON.readTree(r.body()).path("ExternalUserId").asText())
                .containsExactly(SUB, CallPlacement.PHONE_ATTENDEE_ID);

        Request call = single("POST", "/sip-media-applications/sma-test-1/calls");
        assertThat(credentialScope(call)).contains("/us-west-2/chime/aws4_request");
        JsonNode callBody = JSON.readTree(call.body());
        assertThat(callBody.path("FromPhoneNumber").asText()).isEqualTo("+12065550199");
        assertThat(callBody.path("ToPhoneNumber").asText()).isEqualTo(MeetingDialIn.PHONE_NUMBER);
        assertThat(JSON.convertValue(callBody.path("SipHeaders"), Map.class)).isEqualTo(Map.of(
                MeetingDialIn.JOIN_TOKEN_HEADER, ChimeStub.PHONE_JOIN_TOKEN,
                MeetingDialIn.MEETING_ID_HEADER, ChimeStub.MEETING_ID));
        assertThat(callBody.at("/ArgumentsMap/CallId").asText()).isEqualTo(meeting.path("ClientRequestToken").asText());
        assertThat(JSON.convertValue(callBody.path("ArgumentsMap"), Map.class)).containsAllEntriesOf(Map.of(
                "MeetingId", ChimeStub.MEETING_ID,
                "ToNumber", "+12062661000",
                "Route", "PSTN",
                "OwnerSub", SUB));
        // The address only travels where it is used: as X-RequestorEmail on the Voice Connector route.
        assertThat(callBody.path("ArgumentsMap").has("OwnerEmail")).isFalse();
        assertThat(chime.requests("DELETE", "/meetings/.*")).isEmpty();

        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(answer.header("Vary")).contains("Origin");
    }

    @Test
    void voiceConnectorNumber_routesThroughVoiceConnectorWithItsArn() throws Exception {
        ApiGatewayProxyEvent.Response answer = invoke(dial("{\"toNumber\":\"(206) 555-0142\"}"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode arguments = JSON.readTree(single("POST", "/sip-media-applications/sma-test-1/calls").body()).path("ArgumentsMap");
        assertThat(arguments.path("Route").asText()).isEqualTo("VOICE_CONNECTOR");
        assertThat(arguments.path("ToNumber").asText()).isEqualTo("+12065550142");
        assertThat(arguments.path("VoiceConnectorArn").asText()).isEqualTo("arn:aws:chime:us-east-1:123456789012:vc/abcdefghijklmnop");
        assertThat(arguments.path("OwnerEmail").asText()).isEqualTo("pat@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "", "FALSE"})
    void unverifiedEmail_answers403AndTouchesNothing(String verified) {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT).claim("email_verified", verified));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("error").asText()).isEqualTo("email_not_verified");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void missingEmailVerifiedClaim_answers403() {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT).claim("email_verified", null));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("error").asText()).isEqualTo("email_not_verified");
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void missingEmailClaim_answers403NotVerified() {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT).claim("email", null));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("error").asText()).isEqualTo("email_not_verified");
        assertThat(chime.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pat@gmail.com", "pat@example.com.evil.com", "pat@sales.example.com", "pat@evil.com@example.com"})
    void verifiedAddressOutsideTheAllowedDomain_answers403(String email) {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT).claim("email", email));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("error").asText()).isEqualTo("email_domain_not_allowed");
        assertThat(chime.requests()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"toNumber\":\"+1 900 555 1234\"}        | premium_rate_number",
            "{\"toNumber\":\"+1 876 555 1234\"}        | destination_not_allowed",
            "{\"toNumber\":\"+1 212 976 1234\"}        | destination_blocked",
            "{\"toNumber\":\"+1 900 234 5678\"}        | premium_rate_number",
            "{\"toNumber\":\"+1 500 234 5678\"}        | number_type_not_allowed",
            "{\"toNumber\":\"+44 20 7946 0000\"}       | destination_not_allowed",
            "{\"toNumber\":\"call me maybe\"}          | number_invalid",
            "{\"toNumber\":\"+1 206 266 1000\\u0000\"} | number_invalid",
            "{\"toNumber\":\"+1 206 266 1000\u202e\"}   | number_invalid",
            "{\"toNumber\":\"+١٢٠٦٢٦٦١٠٠٠\"}           | number_invalid",
            "{}                                      | number_missing",
            "{\"toNumber\":null}                      | number_missing",
            "{\"toNumber\":\"   \"}                   | number_missing",
    })
    void refusedNumber_answers400WithTheRuleAndTouchesNoChime(String body, String code) {
        ApiGatewayProxyEvent.Response answer = invoke(dial(body));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo(code);
        assertThat(answer.json().path("message").asText()).isNotBlank();
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(chime.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"toNumber\":", "[\"+12062661000\"]", "{\"toNumber\":{\"a\":1}}",
            "{\"toNumber\":[\"+12062661000\"]}", "\"+12062661000\"", "null",
            "{\"toNumber\":12062661000}", "{\"toNumber\":true}", "{\"toNumber\":\"+12062661000\"} {}"})
    void malformedBody_answers400MalformedBody(String body) {
        ApiGatewayProxyEvent.Response answer = invoke(dial(body));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("malformed_body");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void hugeBody_isRefusedUnread() {
        String huge = "{\"toNumber\":\"" + "1".repeat(200_000) + "\"}";
        ApiGatewayProxyEvent.Response answer = invoke(dial(huge));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("error").asText()).isEqualTo("body_too_large");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void noAuthorizerClaims_answers401() {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT).withoutAuthorizer());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("error").asText()).isEqualTo("unauthenticated");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(chime.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "has space", "7d9f0c2e\n3b4a", "a/b"})
    void unusableSubClaim_answers401(String sub) {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT).claim("sub", sub));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void plainHttpRequestWithoutApiGatewayContext_answers401() {
        given().contentType("application/json").body("{\"toNumber\":\"+12062661000\"}")
                .when().post("/dial")
                .then().statusCode(401);
        assertThat(chime.requests()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "400, BadRequestException, 502",
            "403, ForbiddenException, 502",
            "404, NotFoundException, 502",
            "429, ThrottledClientException, 503",
            "500, ServiceFailureException, 502",
            "503, ServiceUnavailableException, 503",
    })
    void smaCallFails_answersChimeStatusAndDeletesTheMeeting(int chimeStatus, String errorType, int expected) {
        chime.on("POST", "/sip-media-applications/[^/]+/calls", Stub.awsError(chimeStatus, errorType, "refused"));

        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT));

        assertThat(answer.status()).isEqualTo(expected);
        assertThat(answer.json().path("error").asText()).isEqualTo(expected == 503 ? "chime_unavailable" : "chime_failed");
        assertThat(answer.body()).doesNotContain("refused").doesNotContain("join-token");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(chime.requests("DELETE", "/meetings/" + ChimeStub.MEETING_ID)).hasSize(1);
    }

    @Test
    void attendeeCreationFails_deletesTheMeetingAndPlacesNoCall() {
        chime.on("POST", "/meetings/[^/]+/attendees", Stub.awsError(400, "BadRequestException", "bad attendee"));

        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT));

        assertThat(answer.status()).isEqualTo(502);
        assertThat(chime.requests("DELETE", "/meetings/" + ChimeStub.MEETING_ID)).hasSize(1);
        assertThat(chime.requests("POST", "/sip-media-applications/.*")).isEmpty();
    }

    @Test
    void meetingCreationThrottled_answers503AndHasNothingToDelete() {
        chime.on("POST", "/meetings", Stub.awsError(429, "ThrottledClientException", "slow down"));

        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(chime.requests("DELETE", "/meetings/.*")).isEmpty();
        assertThat(chime.requests("POST", "/sip-media-applications/.*")).isEmpty();
    }

    @Test
    void smaCallTimesOut_answers504AndDeletesTheMeeting() {
        chime.on("POST", "/sip-media-applications/[^/]+/calls",
                Stub.json(201, "{\"SipMediaApplicationCall\":{\"TransactionId\":\"late\"}}").after(Duration.ofSeconds(3)));

        long started = System.nanoTime();
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT));

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.json().path("error").asText()).isEqualTo("chime_timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(chime.requests("DELETE", "/meetings/" + ChimeStub.MEETING_ID)).hasSize(1);
    }

    @Test
    void requestFromAnotherOrigin_getsNoAllowOrigin() {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT).header("Origin", "https://evil.example.net"));

        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        assertThat(answer.header("Vary")).contains("Origin");
    }

    @Test
    void preflight_answersAllowedMethodsAndHeadersForTheSiteOnly() {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT).httpMethod("OPTIONS").body(null)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(answer.header("Access-Control-Allow-Methods")).isEqualTo(ApiEdge.ALLOWED_METHODS);
        assertThat(answer.header("Access-Control-Allow-Headers")).isEqualTo("Authorization, Content-Type, Idempotency-Key");
        assertThat(chime.requests()).isEmpty();
    }

    // --- the call ledger ------------------------------------------------------------------------------

    @Test
    void theSameIdempotencyKey_replaysTheFirstAnswer_andPlacesOneCall() {
        ApiGatewayProxyEvent press = ApiGatewayProxyEvent.load(DIAL_EVENT).header(ApiHeaders.IDEMPOTENCY_KEY, UUID.randomUUID().toString());

        ApiGatewayProxyEvent.Response first = invoke(press);
        ApiGatewayProxyEvent.Response again = invoke(press);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(chime.requests("POST", "/meetings")).hasSize(1);
        assertThat(chime.requests("POST", "/meetings/[^/]+/attendees")).hasSize(2);
        assertThat(chime.requests("POST", "/sip-media-applications/.*")).hasSize(1);
    }

    @Test
    void aSecondCallWhileTheFirstIsLive_answers429WithRetryAfter() {
        assertThat(invoke(ApiGatewayProxyEvent.load(DIAL_EVENT)).status()).isEqualTo(200);

        ApiGatewayProxyEvent.Response second = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT));

        assertThat(second.status()).isEqualTo(429);
        assertThat(second.json().path("error").asText()).isEqualTo("call_in_progress");
        assertThat(second.json().path("message").asText()).contains("already have a call");
        assertThat(second.header("Retry-After")).isEqualTo("5");
        assertThat(second.header("Access-Control-Expose-Headers")).isEqualTo("Retry-After");
        assertThat(chime.requests("POST", "/sip-media-applications/.*")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has spaces", "{\"json\":1}", "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void aMalformedIdempotencyKey_answers400(String key) {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIAL_EVENT).header(ApiHeaders.IDEMPOTENCY_KEY, key));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_idempotency_key");
        assertThat(chime.requests()).isEmpty();
    }

    static ApiGatewayProxyEvent dial(String body) {
        return ApiGatewayProxyEvent.load(DIAL_EVENT).body(body);
    }

    static ApiGatewayProxyEvent.Response invoke(ApiGatewayProxyEvent event) {
        return ApiGatewayProxyEvent.response(given().body(event.json()).when().post("/_lambda_").asString());
    }

    Request single(String method, String path) {
        assertThat(chime.requests(method, path)).hasSize(1);
        return chime.requests(method, path).get(0);
    }

    static String credentialScope(Request request) {
        return request.header("Authorization").replaceAll(".*Credential=([^,]+),.*", "$1");
    }
}
