package com.clicktocall.provisioning;

import static com.clicktocall.testsupport.RecordingHttpServer.Stub.json;
import static com.clicktocall.testsupport.RecordingHttpServer.Stub.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.clicktocall.testsupport.RecordingHttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged handler behind the Lambda mock event server: the CloudFormation event as Lambda
 * delivers it is read into the request record, the work reaches Chime through the configured
 * endpoint, and the answer goes to the response URL.
 */
@QuarkusTest
@QuarkusTestResource(ProvisioningHandlerTest.FakeAws.class)
class ProvisioningHandlerTest {

    /** Fake Chime and CloudFormation on loopback, and fake credentials for the SDK. */
    public static class FakeAws implements QuarkusTestResourceLifecycleManager {
        static RecordingHttpServer chime;
        static RecordingHttpServer cloudFormation;

        @Override
        public Map<String, String> start() {
            chime = RecordingHttpServer.start();
            cloudFormation = RecordingHttpServer.start();
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
            System.setProperty("aws.region", "us-east-1");
            return Map.of("clicktocall.chime-endpoint", chime.uri().toString());
        }

        @Override
        public void stop() {
            chime.close();
            cloudFormation.close();
        }
    }

    @BeforeEach
    void reset() {
        FakeAws.chime.reset();
        FakeAws.cloudFormation.reset();
        FakeAws.cloudFormation.on("PUT", "/response", status(200));
    }

    @Test
    void sipRuleCreate_isAnsweredOnTheResponseUrl() throws Exception {
        FakeAws.chime.on("POST", "/sip-rules", json(201, "{\"SipRule\":{\"SipRuleId\":\"rule-1\"}}"));

        given().contentType("application/json").body(event("cfn-sip-rule-create.json").toString())
                .when().post()
                .then().statusCode(200).body(containsString("SUCCESS"));

        JsonNode answer = ProvisioningHarness.JSON.readTree(
                FakeAws.cloudFormation.requests("PUT", "/response").getFirst().body());
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("sip-rule:rule-1");
        assertThat(answer.path("Data").path("SipRuleId").asText()).isEqualTo("rule-1");
        assertThat(FakeAws.chime.requests("POST", "/sip-rules").getFirst().header("authorization"))
                .as("signed with the configured credentials").contains("Credential=test/");
    }

    @Test
    void failure_isAnsweredAsFailedAndTheInvocationStillSucceeds() throws Exception {
        given().contentType("application/json").body(event("cfn-sip-rule-create.json").toString())
                .when().post()
                .then().statusCode(200).body(containsString("FAILED"));

        JsonNode answer = ProvisioningHarness.JSON.readTree(
                FakeAws.cloudFormation.requests("PUT", "/response").getFirst().body());
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText()).startsWith("Create of Custom::SipRule failed: ");
    }

    private static ObjectNode event(String name) {
        ObjectNode event = ProvisioningHarness.event(name);
        event.put("ResponseURL", FakeAws.cloudFormation.uri() + "/response");
        return event;
    }

    @Test
    void remainingTime_isTrustedOnlyWhenLambdaCouldMeanIt() {
        assertThat(ProvisioningHandler.remainingMillis(599_000)).isEqualTo(599_000);
        assertThat(ProvisioningHandler.remainingMillis(0)).isEqualTo(60_000);
        assertThat(ProvisioningHandler.remainingMillis(-5)).isEqualTo(60_000);
        assertThat(ProvisioningHandler.remainingMillis(Integer.MAX_VALUE)).isEqualTo(60_000);
    }
}
