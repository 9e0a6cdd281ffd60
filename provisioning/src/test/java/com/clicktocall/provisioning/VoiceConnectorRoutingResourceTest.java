package com.clicktocall.provisioning;

import static com.clicktocall.testsupport.RecordingHttpServer.Stub.awsError;
import static com.clicktocall.testsupport.RecordingHttpServer.Stub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VoiceConnectorRoutingResourceTest {

    private static final String VC = "abcdef1ghij2klmno3pqr4";

    private final ProvisioningHarness harness = new ProvisioningHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void create_limitsTerminationToThePbxRoutesOriginationToItAndAssociatesTheNumber() throws Exception {
        stubConnector("{\"PhoneNumberErrors\":[]}");

        harness.handle(ProvisioningHarness.event("cfn-voice-connector-routing-create.json"));

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("vc-routing:" + VC + ":+12065550111");
        assertThat(answer.path("Data").path("OutboundHostName").asText()).isEqualTo(VC + ".voiceconnector.chime.aws");
        assertThat(answer.path("Data").path("PhoneNumber").asText()).isEqualTo("+12065550111");

        JsonNode termination = ProvisioningHarness.JSON.readTree(
                harness.chime.requests("PUT", "/voice-connectors/" + VC + "/termination").getFirst().body()).path("Termination");
        assertThat(termination.path("CidrAllowedList").toString()).isEqualTo("[\"198.51.100.20/32\"]");
        assertThat(termination.path("CallingRegions").toString()).isEqualTo("[\"US\"]");
        assertThat(termination.path("Disabled").asBoolean(true)).isFalse();
        JsonNode route = ProvisioningHarness.JSON.readTree(
                harness.chime.requests("PUT", "/voice-connectors/" + VC + "/origination").getFirst().body())
                .path("Origination").path("Routes").get(0);
        assertThat(route.path("Host").asText()).isEqualTo("198.51.100.20");
        assertThat(route.path("Port").asInt()).isEqualTo(5060);
        assertThat(route.path("Protocol").asText()).isEqualTo("UDP");
        var associate = harness.chime.requests("POST", "/voice-connectors/" + VC).getFirst();
        assertThat(associate.query()).contains("operation=associate-phone-numbers");
        Map<String, Object> body = ProvisioningHarness.bodyOf(associate);
        assertThat(body).containsEntry("ForceAssociate", true);
        assertThat(body.get("E164PhoneNumbers")).asList().containsExactly("+12065550111");
    }

    @Test
    void associationError_answersFailedWithTheNumbersError() {
        stubConnector("{\"PhoneNumberErrors\":[{\"PhoneNumberId\":\"+12065550111\",\"ErrorCode\":\"Conflict\","
                + "\"ErrorMessage\":\"number is assigned to a SIP rule\"}]}");

        harness.handle(ProvisioningHarness.event("cfn-voice-connector-routing-create.json"));

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText()).isEqualTo("Could not associate +12065550111 with Voice Connector " + VC
                + ": +12065550111 Conflict number is assigned to a SIP rule");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("vc-routing:" + VC + ":+12065550111");
    }

    @Test
    void pbxAddressThatIsNotAnIpv4Address_isRefusedBeforeAnyCall() {
        ObjectNode create = ProvisioningHarness.event("cfn-voice-connector-routing-create.json");
        ((ObjectNode) create.path("ResourceProperties")).put("PbxAddress", "198.51.100.300");

        harness.handle(create);

        assertThat(harness.answer().path("Reason").asText()).contains("PbxAddress must be the PBX's public IPv4 address");
        assertThat(harness.chime.requests()).isEmpty();
    }

    @Test
    void delete_disassociatesTheNumber() {
        harness.chime.on("POST", "/voice-connectors/" + VC, json(200, "{\"PhoneNumberErrors\":[]}"));

        harness.handle(deleteEvent());

        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(harness.chime.requests("POST", "/voice-connectors/" + VC).getFirst().query())
                .contains("operation=disassociate-phone-numbers");
    }

    @Test
    void delete_whenTheConnectorIsAlreadyGone_succeeds() {
        harness.chime.on("POST", "/voice-connectors/.*", awsError(404, "NotFoundException", "voice connector not found"));

        harness.handle(deleteEvent());

        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
    }

    private void stubConnector(String associateAnswer) {
        harness.chime.on("PUT", "/voice-connectors/" + VC + "/termination", json(200, "{\"Termination\":{}}"));
        harness.chime.on("PUT", "/voice-connectors/" + VC + "/origination", json(200, "{\"Origination\":{}}"));
        harness.chime.on("POST", "/voice-connectors/" + VC, json(200, associateAnswer));
        harness.chime.on("GET", "/voice-connectors/" + VC, json(200, "{\"VoiceConnector\":{\"VoiceConnectorId\":\"" + VC
                + "\",\"OutboundHostName\":\"" + VC + ".voiceconnector.chime.aws\"}}"));
    }

    private static ObjectNode deleteEvent() {
        ObjectNode delete = ProvisioningHarness.event("cfn-voice-connector-routing-create.json");
        delete.put("RequestType", "Delete");
        delete.put("PhysicalResourceId", "vc-routing:" + VC + ":+12065550111");
        return delete;
    }
}
