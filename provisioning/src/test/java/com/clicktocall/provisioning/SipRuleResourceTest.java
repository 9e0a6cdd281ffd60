package com.clicktocall.provisioning;

import static com.clicktocall.testsupport.RecordingHttpServer.Stub.awsError;
import static com.clicktocall.testsupport.RecordingHttpServer.Stub.json;
import static com.clicktocall.testsupport.RecordingHttpServer.Stub.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SipRuleResourceTest {

    private static final String RULE_ID = "11111111-2222-3333-4444-555555555555";
    private static final String SMA_ID = "a1b2c3d4-e5f6-7a8b-9c0d-e1f2a3b4c5d6";

    private final ProvisioningHarness harness = new ProvisioningHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void create_routesTheNumberToTheSipMediaApplication() {
        harness.chime.on("POST", "/sip-rules", json(201, "{\"SipRule\":{\"SipRuleId\":\"" + RULE_ID + "\"}}"));

        harness.handle(ProvisioningHarness.event("cfn-sip-rule-create.json"));

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("sip-rule:" + RULE_ID);
        assertThat(answer.path("Data").path("SipRuleId").asText()).isEqualTo(RULE_ID);
        Map<String, Object> body = ProvisioningHarness.bodyOf(harness.chime.requests("POST", "/sip-rules").getFirst());
        assertThat(body).containsEntry("TriggerType", "ToPhoneNumber")
                .containsEntry("TriggerValue", "+12065550100")
                .containsEntry("Name", "click-to-call-sma")
                .containsEntry("Disabled", false);
        assertThat((List<?>) body.get("TargetApplications")).singleElement()
                .isEqualTo(Map.of("SipMediaApplicationId", SMA_ID, "AwsRegion", "us-east-1", "Priority", 1));
    }

    @Test
    void update_toANewApplication_retargetsTheSameRule() {
        harness.chime.on("PUT", "/sip-rules/" + RULE_ID, json(202, "{\"SipRule\":{\"SipRuleId\":\"" + RULE_ID + "\"}}"));
        ObjectNode update = ProvisioningHarness.event("cfn-sip-rule-create.json");
        update.put("RequestType", "Update");
        update.put("PhysicalResourceId", "sip-rule:" + RULE_ID);
        update.set("OldResourceProperties", update.path("ResourceProperties").deepCopy());
        ((ObjectNode) update.path("ResourceProperties")).put("SipMediaApplicationId", "new-sma");

        harness.handle(update);

        assertThat(harness.answer().path("PhysicalResourceId").asText()).isEqualTo("sip-rule:" + RULE_ID);
        Map<String, Object> body = ProvisioningHarness.bodyOf(harness.chime.requests("PUT", "/sip-rules/" + RULE_ID).getFirst());
        assertThat(body.toString()).contains("SipMediaApplicationId=new-sma");
        assertThat(harness.chime.requests("POST", "/sip-rules")).isEmpty();
    }

    @Test
    void delete_disablesTheRuleBeforeDeletingIt() {
        harness.chime.on("PUT", "/sip-rules/" + RULE_ID, json(202, "{\"SipRule\":{\"SipRuleId\":\"" + RULE_ID + "\"}}"));
        harness.chime.on("DELETE", "/sip-rules/" + RULE_ID, status(204));

        harness.handle(deleteEvent());

        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
        var calls = harness.chime.requests();
        assertThat(calls).extracting(r -> r.method() + " " + r.path())
                .containsExactly("PUT /sip-rules/" + RULE_ID, "DELETE /sip-rules/" + RULE_ID);
        assertThat(ProvisioningHarness.bodyOf(calls.getFirst())).containsEntry("Disabled", true);
    }

    @Test
    void delete_ofARuleAlreadyGone_succeeds() {
        harness.chime.on("PUT", "/sip-rules/.*", awsError(404, "NotFoundException", "SIP rule not found"));

        harness.handle(deleteEvent());

        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void chimeRefusal_answersFailedWithTheServiceMessage() {
        harness.chime.on("POST", "/sip-rules", awsError(409, "ConflictException", "A rule for +12065550100 already exists"));

        harness.handle(ProvisioningHarness.event("cfn-sip-rule-create.json"));

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText())
                .startsWith("Create of Custom::SipRule failed: ")
                .contains("A rule for +12065550100 already exists");
    }

    private static ObjectNode deleteEvent() {
        ObjectNode delete = ProvisioningHarness.event("cfn-sip-rule-create.json");
        delete.put("RequestType", "Delete");
        delete.put("PhysicalResourceId", "sip-rule:" + RULE_ID);
        return delete;
    }
}
