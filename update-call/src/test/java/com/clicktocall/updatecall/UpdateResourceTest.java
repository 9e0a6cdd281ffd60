package com.clicktocall.updatecall;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.api.ApiEdge;
import com.clicktocall.testsupport.ApiGatewayProxyEvent;
import com.clicktocall.testsupport.RecordingHttpServer;
import com.clicktocall.testsupport.RecordingHttpServer.Request;
import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /update} end to end inside the function: API Gateway proxy events from {@code events/}
 * posted to the mock event server, Chime answered by a loopback server reached by the real AWS SDK.
 */
@QuarkusTest
@QuarkusTestResource(ChimeStub.class)
class UpdateResourceTest {

    static final Path DIGITS_EVENT = Path.of("../events/api-update-digits.json");
    static final Path END_EVENT = Path.of("../events/api-update-end.json");
    static final String SUB = "7d9f0c2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f";
    static final String TRANSACTION_ID = "5c8d7e6f-1a2b-4c3d-9e8f-7a6b5c4d3e2f";
    static final String CALL_PATH = "/sip-media-applications/sma-test-1/calls/" + TRANSACTION_ID;
    static final String ORIGIN = "https://click.example.com";
    static final ObjectMapper JSON = new ObjectMapper();

    RecordingHttpServer chime = ChimeStub.server();

    @BeforeEach
    void resetChime() {
        chime.reset();
        chime.on("POST", "/sip-media-applications/[^/]+/calls/[^/]+",
                Stub.json(202, "{\"SipMediaApplicationCall\":{\"TransactionId\":\"" + TRANSACTION_ID + "\"}}"));
    }

    @Test
    void replayedDigitsEvent_sendsDigitsWithTheRequesterThroughTheSma() throws Exception {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIGITS_EVENT));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("transactionId").asText()).isEqualTo(TRANSACTION_ID);
        assertThat(answer.json().path("update").asText()).isEqualTo("digits");
        assertThat(answer.json().path("digits").asText()).isEqualTo("1");
        Request update = single(CALL_PATH);
        assertThat(JSON.convertValue(JSON.readTree(update.body()).path("Arguments"), Map.class))
                .isEqualTo(Map.of("Update", "digits", "Digits", "1", "RequesterSub", SUB));
        assertThat(update.header("Authorization")).contains("/us-west-2/chime/aws4_request");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(answer.header("Vary")).contains("Origin");
    }

    @Test
    void replayedEndEvent_asksTheSmaToHangUpWithoutDigits() throws Exception {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(END_EVENT));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("update").asText()).isEqualTo("end");
        assertThat(answer.json().has("digits")).isFalse();
        assertThat(JSON.convertValue(JSON.readTree(single(CALL_PATH).body()).path("Arguments"), Map.class))
                .isEqualTo(Map.of("Update", "end", "RequesterSub", SUB));
        assertThat(chime.requests("DELETE", ".*")).isEmpty();
    }

    @Test
    void lowerCaseDigitsAndPauses_areSentUpperCase() throws Exception {
        invoke(digits("\"12,a*#d\""));

        assertThat(JSON.readTree(single(CALL_PATH).body()).at("/Arguments/Digits").asText()).isEqualTo("12,A*#D");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "\"12x\"                | 'x' at position 3",
            "\"\"                   | no digits given",
            "null                   | no digits given",
            "\"١٢\"                 | at position 1",
            "\"1\\u00002\"          | U+0000",
            "\"1 2\"                | U+0020",
            "\"123456789012345678901234567890123456789012345678901\" | at most 50",
    })
    void badDigits_answer400SayingWhichCharacter(String digitsJson, String expectedInMessage) {
        ApiGatewayProxyEvent.Response answer = invoke(digits(digitsJson));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_digits");
        assertThat(answer.json().path("message").asText()).contains(expectedInMessage);
        assertThat(chime.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"update\":\"end\"}",
            "{\"transactionId\":\"\",\"update\":\"end\"}",
            "{\"transactionId\":\"not-a-uuid\",\"update\":\"end\"}",
            "{\"transactionId\":\"../../meetings/x\",\"update\":\"end\"}",
            "{\"transactionId\":\"5c8d7e6f-1a2b-4c3d-9e8f-7a6b5c4d3e2f\\n\",\"update\":\"end\"}",
    })
    void badTransactionId_answers400(String body) {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(END_EVENT).body(body));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_transaction_id");
        assertThat(chime.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"hold\"", "\"END\"", "\"\"", "null"})
    void unknownUpdateKind_answers400(String kind) {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(END_EVENT)
                .body("{\"transactionId\":\"" + TRANSACTION_ID + "\",\"update\":" + kind + "}"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_update");
        assertThat(chime.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[]", "[{\"update\":\"end\"}]", "{\"transactionId\":5,\"update\":\"end\"}",
            "{\"transactionId\":\"" + TRANSACTION_ID + "\",\"update\":\"digits\",\"digits\":1}", "{\"update\":{}}"})
    void malformedBody_answers400MalformedBody(String body) {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(END_EVENT).body(body));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("malformed_body");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void hugeBody_answers413() {
        ApiGatewayProxyEvent.Response answer = invoke(digits("\"" + "1".repeat(100_000) + "\""));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("error").asText()).isEqualTo("body_too_large");
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void noAuthorizerClaims_answers401() {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(END_EVENT).withoutAuthorizer());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("error").asText()).isEqualTo("unauthenticated");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void noSubClaim_answers401() {
        assertThat(invoke(ApiGatewayProxyEvent.load(END_EVENT).claim("sub", null)).status()).isEqualTo(401);
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void chimeDoesNotKnowTheCall_answers404CallNotFound() {
        chime.on("POST", "/sip-media-applications/[^/]+/calls/[^/]+", Stub.awsError(404, "NotFoundException", "no such call"));

        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(END_EVENT));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).isEqualTo("call_not_found");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @ParameterizedTest
    @CsvSource({
            "400, BadRequestException, 502, chime_failed",
            "403, ForbiddenException, 502, chime_failed",
            "429, ThrottledClientException, 503, chime_unavailable",
            "500, ServiceFailureException, 502, chime_failed",
            "503, ServiceUnavailableException, 503, chime_unavailable",
    })
    void chimeFails_answersGatewayStatus(int chimeStatus, String errorType, int expected, String code) {
        chime.on("POST", "/sip-media-applications/[^/]+/calls/[^/]+", Stub.awsError(chimeStatus, errorType, "internal detail"));

        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(DIGITS_EVENT));

        assertThat(answer.status()).isEqualTo(expected);
        assertThat(answer.json().path("error").asText()).isEqualTo(code);
        assertThat(answer.body()).doesNotContain("internal detail");
    }

    @Test
    void chimeTooSlow_answers504() {
        chime.on("POST", "/sip-media-applications/[^/]+/calls/[^/]+", Stub.status(202).after(Duration.ofSeconds(3)));

        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(END_EVENT));

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.json().path("error").asText()).isEqualTo("chime_timeout");
    }

    @Test
    void requestFromAnotherOrigin_getsNoAllowOrigin() {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(END_EVENT).header("Origin", "https://click.example.com.evil.net"));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        assertThat(answer.header("Vary")).contains("Origin");
    }

    @Test
    void preflight_answersWithoutCallingChime() {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(END_EVENT).httpMethod("OPTIONS").body(null)
                .header("Access-Control-Request-Method", "POST"));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(answer.header("Access-Control-Allow-Headers")).isEqualTo(ApiEdge.ALLOWED_HEADERS);
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void wrongMethod_answersErrorBody() {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(END_EVENT).httpMethod("GET").body(null));

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.json().path("error").asText()).isEqualTo("method_not_allowed");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    void notJsonContentType_answers415ErrorBody() {
        ApiGatewayProxyEvent.Response answer = invoke(ApiGatewayProxyEvent.load(END_EVENT).header("Content-Type", "text/plain"));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().path("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void plainHttpRequestWithoutApiGatewayContext_answers401() {
        given().contentType("application/json").body("{\"transactionId\":\"" + TRANSACTION_ID + "\",\"update\":\"end\"}")
                .when().post("/update")
                .then().statusCode(401);
        assertThat(chime.requests()).isEmpty();
    }

    static ApiGatewayProxyEvent digits(String digitsJson) {
        return ApiGatewayProxyEvent.load(DIGITS_EVENT)
                .body("{\"transactionId\":\"" + TRANSACTION_ID + "\",\"update\":\"digits\",\"digits\":" + digitsJson + "}");
    }

    static ApiGatewayProxyEvent.Response invoke(ApiGatewayProxyEvent event) {
        return ApiGatewayProxyEvent.response(given().body(event.json()).when().post("/_lambda_").asString());
    }

    Request single(String path) {
        assertThat(chime.requests("POST", path)).hasSize(1);
        return chime.requests("POST", path).get(0);
    }
}
