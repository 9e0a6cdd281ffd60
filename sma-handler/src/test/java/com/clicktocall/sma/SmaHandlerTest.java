package com.clicktocall.sma;

import com.clicktocall.testsupport.ChimeTestResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.sma.CallArguments;
import com.clicktocall.testsupport.Dynalite;
import com.clicktocall.testsupport.LedgerTestResource;
import com.clicktocall.testsupport.RecordingHttpServer;
import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged handler through the Lambda mock event server, with Chime answered on 127.0.0.1. */
@QuarkusTest
@WithTestResource(ChimeTestResource.class)
@WithTestResource(LedgerTestResource.class)
class SmaHandlerTest {

    private static final String DELETE_PATH = "/meetings/" + SampleEvents.MEETING_ID;

    RecordingHttpServer chime;
    Dynalite ledger;

    @BeforeEach
    void resetChime() {
        chime.reset();
    }

    @Test
    void callAnswered_withTheCallerInTheMeeting_bridgesWithoutCallingChime() throws Exception {
        ledger.call("PutItem", Map.of("TableName", LedgerTestResource.TABLE, "Item", Map.of(
                "pk", Map.of("S", "CALL#" + SampleEvents.CALL_ID), "callId", Map.of("S", SampleEvents.CALL_ID),
                "ownerSub", Map.of("S", SampleEvents.OWNER_SUB), "status", Map.of("S", "dialling"),
                "callerJoinedAt", Map.of("N", Long.toString(System.currentTimeMillis())))));

        JsonNode response = invoke(SampleEvents.bytes("sma-call-answered-voice-connector"));

        JsonNode bridge = response.path("Actions").get(0);
        assertThat(bridge.path("Type").asText()).isEqualTo("CallAndBridge");
        assertThat(bridge.path("Parameters").path("CallerIdNumber").asText()).isEqualTo("+12065550100");
        assertThat(bridge.path("Parameters").path("SipHeaders").path("X-RequestorEmail").asText()).isEqualTo("alex@example.com");
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void hangup_deletesTheMeetingWithASignedRequest() throws IOException {
        chime.on("DELETE", "/meetings/.*", Stub.status(204));

        JsonNode response = invoke(SampleEvents.bytes("sma-hangup-leg-a"));

        assertThat(response.path("Actions").get(0).path("Parameters").path("CallId").asText()).isEqualTo(SampleEvents.LEG_B);
        assertThat(response.path("TransactionAttributes").path(CallArguments.MEETING_DELETED).asText()).isEqualTo("true");
        assertThat(chime.requests()).hasSize(1);
        RecordingHttpServer.Request delete = chime.requests().get(0);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.path()).isEqualTo(DELETE_PATH);
        assertThat(delete.header("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=test/")
                .contains("/us-west-2/chime/aws4_request");
    }

    @Test
    void hangup_ofAMeetingAlreadyGone_isFine() throws IOException {
        chime.on("DELETE", "/meetings/.*", Stub.awsError(404, "NotFoundException", "The requested resource was not found."));

        JsonNode response = invoke(SampleEvents.bytes("sma-hangup-leg-b"));

        assertThat(response.path("Actions").get(0).path("Type").asText()).isEqualTo("Hangup");
        assertThat(response.path("TransactionAttributes").path(CallArguments.MEETING_DELETED).asText()).isEqualTo("true");
        assertThat(chime.requests("DELETE", DELETE_PATH)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void hangup_whenChimeFails_stillHangsUpAndLeavesTheMeetingForALaterEvent(int status) throws IOException {
        chime.on("DELETE", "/meetings/.*", Stub.awsError(status,
                status == 500 ? "ServiceFailureException" : "ServiceUnavailableException", "try later"));

        JsonNode response = invoke(SampleEvents.bytes("sma-hangup-leg-b"));

        assertThat(response.path("Actions").get(0).path("Parameters").path("CallId").asText()).isEqualTo(SampleEvents.LEG_A);
        assertThat(response.has("TransactionAttributes")).isFalse();
        assertThat(chime.requests("DELETE", DELETE_PATH)).hasSizeBetween(1, ChimeMeetingTeardown.MAX_ATTEMPTS);
    }

    @Test
    void hangup_whenChimeDoesNotAnswer_stillAnswersInTime() throws IOException {
        chime.on("DELETE", "/meetings/.*", Stub.status(204).after(Duration.ofSeconds(6)));

        long start = System.nanoTime();
        JsonNode response = invoke(SampleEvents.bytes("sma-call-update-requested-end"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.path("Actions").findValuesAsText("Type")).containsExactly("Hangup", "Hangup");
        assertThat(response.has("TransactionAttributes")).isFalse();
        assertThat(millis).isLessThan(ChimeMeetingTeardown.API_CALL_TIMEOUT.toMillis() + 1_500);
    }

    @Test
    void callAnswered_beforeTheCallerJoined_waitsOnTheMeetingLeg() throws Exception {
        ledger.call("DeleteItem", Map.of("TableName", LedgerTestResource.TABLE,
                "Key", Map.of("pk", Map.of("S", "CALL#" + SampleEvents.CALL_ID))));

        JsonNode response = invoke(SampleEvents.bytes("sma-call-answered"));

        JsonNode pause = response.path("Actions").get(0);
        assertThat(pause.path("Type").asText()).isEqualTo("Pause");
        assertThat(pause.path("Parameters").path("CallId").asText()).isEqualTo(SampleEvents.LEG_A);
        assertThat(pause.path("Parameters").path("DurationInMilliseconds").asText()).isEqualTo("100");
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void hangup_recordsTheEndingInTheConfiguredLedger() throws Exception {
        chime.on("DELETE", "/meetings/.*", Stub.status(204));
        ledger.call("PutItem", Map.of("TableName", LedgerTestResource.TABLE, "Item", Map.of(
                "pk", Map.of("S", "CALL#" + SampleEvents.CALL_ID), "callId", Map.of("S", SampleEvents.CALL_ID),
                "ownerSub", Map.of("S", SampleEvents.OWNER_SUB), "status", Map.of("S", "ringing"))));

        invoke(SampleEvents.bytes("sma-hangup-leg-b-busy"));

        JsonNode item = ledger.call("GetItem", Map.of("TableName", LedgerTestResource.TABLE,
                "Key", Map.of("pk", Map.of("S", "CALL#" + SampleEvents.CALL_ID)))).path("Item");
        assertThat(item.path("status").path("S").asText()).isEqualTo("ended");
        assertThat(item.path("reason").path("S").asText()).isEqualTo("busy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "{}", "42", "{\"Sequence\":\"x\",\"CallDetails\":7}", "{"})
    void hostileInput_getsAValidResponse(String input) throws IOException {
        JsonNode response = invoke(input.getBytes(StandardCharsets.UTF_8));

        assertThat(response.path("SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(response.path("Actions").isArray()).isTrue();
    }

    @Test
    void garbageBytes_getAValidResponse() throws IOException {
        byte[] garbage = new byte[4_096];
        new Random(7).nextBytes(garbage);

        JsonNode response = invoke(garbage);

        assertThat(response.path("SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(response.path("Actions")).isEmpty();
    }

    @Test
    void newOutboundCall_keepsTheArguments() throws IOException {
        JsonNode response = invoke(SampleEvents.bytes("sma-new-outbound-call-pstn"));

        assertThat(response.path("TransactionAttributes").path(CallArguments.OWNER_SUB).asText()).isEqualTo(SampleEvents.OWNER_SUB);
        assertThat(response.path("Actions")).isEmpty();
    }

    private static JsonNode invoke(byte[] event) throws IOException {
        byte[] body = given().contentType("application/json").accept("application/json").body(event)
                .when().post()
                .then().statusCode(200)
                .extract().asByteArray();
        return SampleEvents.JSON.readTree(body);
    }
}
