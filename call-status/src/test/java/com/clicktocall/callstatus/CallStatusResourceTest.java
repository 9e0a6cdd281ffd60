package com.clicktocall.callstatus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerClients;
import com.clicktocall.model.ledger.EndReason;
import com.clicktocall.testsupport.ApiGatewayProxyEvent;
import com.clicktocall.testsupport.Dynalite;
import com.clicktocall.testsupport.LedgerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /calls/{transactionId}} inside the function: API Gateway proxy events posted to the mock
 * event server, the ledger a real dynalite.
 */
@QuarkusTest
@WithTestResource(LedgerTestResource.class)
class CallStatusResourceTest {

    static final Path EVENT = Path.of("../events/api-call-status.json");
    static final String OWNER = "7d9f0c2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f";
    static final String ORIGIN = "https://click.example.com";

    Dynalite ledger;
    CallRecords calls;
    String transactionId;

    @BeforeEach
    void aCallOfTheOwner() {
        calls = new CallRecords(LedgerClients.build("us-east-1", Optional.of(ledger.uri()), Duration.ofSeconds(5), 1),
                LedgerTestResource.TABLE, Clock.systemUTC(), Duration.ofDays(7));
        String callId = UUID.randomUUID().toString();
        transactionId = UUID.randomUUID().toString();
        calls.dialling(callId, OWNER, "+12065550100", "PSTN");
        calls.identify(callId, "m-1", Optional.of(transactionId));
        calls.ringing(callId, transactionId);
    }

    @Test
    void theOwner_readsTheCallsProgress() {
        ApiGatewayProxyEvent.Response answer = invoke(event(transactionId));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("transactionId").asText()).isEqualTo(transactionId);
        assertThat(answer.json().path("status").asText()).isEqualTo("ringing");
        assertThat(answer.json().path("reason").isNull()).isTrue();
        assertThat(answer.json().path("toNumber").asText()).isEqualTo("+12065550100");
        assertThat(answer.json().path("dialledAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(answer.json().path("answeredAt").isNull()).isTrue();
        assertThat(answer.json().has("ownerSub")).isFalse();
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    void anEndedCall_saysWhyAndWhen() {
        String callId = calls.byTransactionId(transactionId).orElseThrow().callId();
        calls.connected(callId, transactionId);
        calls.ended(callId, EndReason.CALLEE_HUNG_UP);

        ApiGatewayProxyEvent.Response answer = invoke(event(transactionId));

        assertThat(answer.json().path("status").asText()).isEqualTo("ended");
        assertThat(answer.json().path("reason").asText()).isEqualTo("callee-hung-up");
        assertThat(answer.json().path("answeredAt").asText()).endsWith("Z");
        assertThat(answer.json().path("endedAt").asText()).endsWith("Z");
    }

    @Test
    void anotherUser_getsTheSame404AsForNoCallAtAll() {
        ApiGatewayProxyEvent.Response someoneElse = invoke(event(transactionId).claim("sub", UUID.randomUUID().toString()));
        ApiGatewayProxyEvent.Response nobody = invoke(event(UUID.randomUUID().toString()));

        assertThat(someoneElse.status()).isEqualTo(404);
        assertThat(someoneElse.json().path("error").asText()).isEqualTo("call_not_found");
        assertThat(someoneElse.body()).doesNotContain(transactionId).isEqualTo(nobody.body());
        assertThat(nobody.status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not_a_uuid!", "00000000-0000-0000-0000-000000000000-00000000-0000-0000-0000-000000000000"})
    void aMalformedTransactionId_isNotFound(String id) {
        ApiGatewayProxyEvent.Response answer = invoke(event(id));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).isEqualTo("call_not_found");
    }

    @Test
    void withoutTheAuthorizersIdentity_isRefused() {
        assertThat(invoke(event(transactionId).withoutAuthorizer()).status()).isEqualTo(401);
    }

    private ApiGatewayProxyEvent event(String id) {
        return ApiGatewayProxyEvent.load(EVENT).pathParameter("transactionId", id);
    }

    private static ApiGatewayProxyEvent.Response invoke(ApiGatewayProxyEvent event) {
        return ApiGatewayProxyEvent.response(given().contentType("application/json").body(event.json())
                .when().post("/_lambda_").then().extract().asString());
    }
}
