package com.clicktocall.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManagedPrefixListResourceTest {

    private static final String CLOUDFRONT = "com.amazonaws.global.cloudfront.origin-facing";

    private final ProvisioningHarness harness = new ProvisioningHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void create_asksEc2ForTheListByName_andReturnsItsId() {
        harness.chime.on("POST", "/", xml(200, prefixLists("""
                <item><prefixListId>pl-0example1234567</prefixListId><addressFamily>IPv4</addressFamily>\
                <state>create-complete</state><prefixListName>com.amazonaws.global.cloudfront.origin-facing</prefixListName>\
                <maxEntries>55</maxEntries><version>1</version><ownerId>AWS</ownerId></item>""")));

        harness.handle(event("Create"));

        var answer = harness.answer();
        assertThat(answer.path("Status").asText()).as(answer.toString()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("pl-0example1234567");
        assertThat(answer.path("Data").path("PrefixListId").asText()).isEqualTo("pl-0example1234567");
        String request = URLDecoder.decode(harness.chime.requests("POST", "/").getFirst().body(), StandardCharsets.UTF_8);
        assertThat(request).contains("Action=DescribeManagedPrefixLists", "Filter.1.Name=prefix-list-name",
                "Filter.1.Value.1=" + CLOUDFRONT);
    }

    @Test
    void create_ofANameNoListHas_failsWithTheName() {
        harness.chime.on("POST", "/", xml(200, prefixLists("")));

        harness.handle(event("Create"));

        var answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText()).contains("No managed prefix list named " + CLOUDFRONT);
    }

    @Test
    void create_whenEc2Refuses_failsInsteadOfHanging() {
        harness.chime.on("POST", "/", xml(403, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Response><Errors><Error><Code>UnauthorizedOperation</Code>\
                <Message>You are not authorized to perform this operation.</Message></Error></Errors>\
                <RequestID>r-1</RequestID></Response>"""));

        harness.handle(event("Create"));

        var answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText()).contains("not authorized");
    }

    @Test
    void delete_touchesNothing() {
        harness.handle(event("Delete"));

        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(harness.chime.requests()).isEmpty();
    }

    private static ObjectNode event(String type) {
        ObjectNode event = ProvisioningHarness.event("cfn-sip-rule-create.json");
        event.put("RequestType", type);
        event.put("ResourceType", ManagedPrefixListResource.TYPE);
        event.put("LogicalResourceId", "CloudFrontOriginFacingPrefixList");
        event.put("PhysicalResourceId", "pl-0example1234567");
        event.set("ResourceProperties", ProvisioningHarness.JSON.valueToTree(Map.of("PrefixListName", CLOUDFRONT)));
        return event;
    }

    private static String prefixLists(String items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeManagedPrefixListsResponse><requestId>r-1</requestId>\
                <prefixListSet>%s</prefixListSet></DescribeManagedPrefixListsResponse>""".formatted(items);
    }

    private static Stub xml(int statusCode, String body) {
        return new Stub(statusCode, Map.of("Content-Type", "text/xml;charset=UTF-8"), body, Duration.ZERO);
    }
}
