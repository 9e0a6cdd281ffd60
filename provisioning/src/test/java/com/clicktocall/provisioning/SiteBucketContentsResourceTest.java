package com.clicktocall.provisioning;

import static com.clicktocall.testsupport.RecordingHttpServer.Stub.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SiteBucketContentsResourceTest {

    private final ProvisioningHarness harness = new ProvisioningHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void delete_emptiesTheBucketSoCloudFormationCanDeleteIt() {
        harness.chime.on("GET", "/site-bucket", xml(200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult><Name>site-bucket</Name>\
                <KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>\
                <Contents><Key>site/index.html</Key></Contents><Contents><Key>pbx/bootstrap.sh</Key></Contents>\
                </ListBucketResult>"""));
        harness.chime.on("POST", "/site-bucket", xml(200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <DeleteResult></DeleteResult>"""));

        harness.handle(event("Delete"));

        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
        var delete = harness.chime.requests("POST", "/site-bucket").getFirst();
        assertThat(delete.query()).contains("delete");
        assertThat(delete.body()).contains("<Key>site/index.html</Key>", "<Key>pbx/bootstrap.sh</Key>");
    }

    @Test
    void delete_ofABucketAlreadyGone_succeeds() {
        harness.chime.on("GET", "/site-bucket", xml(404, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>"""));

        harness.handle(event("Delete"));

        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void create_touchesNothing() {
        harness.handle(event("Create"));

        assertThat(harness.answer().path("PhysicalResourceId").asText()).isEqualTo("bucket-contents:site-bucket");
        assertThat(harness.chime.requests()).isEmpty();
    }

    private static ObjectNode event(String type) {
        ObjectNode event = ProvisioningHarness.event("cfn-sip-rule-create.json");
        event.put("RequestType", type);
        event.put("ResourceType", "Custom::SiteBucketContents");
        event.put("LogicalResourceId", "SiteBucketContents");
        event.put("PhysicalResourceId", "bucket-contents:site-bucket");
        event.set("ResourceProperties", ProvisioningHarness.JSON.valueToTree(Map.of("BucketName", "site-bucket")));
        return event;
    }

    private static Stub xml(int statusCode, String body) {
        return new Stub(statusCode, Map.of("Content-Type", "application/xml"), body, Duration.ZERO);
    }
}
