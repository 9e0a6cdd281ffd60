package com.clicktocall.provisioning;

import static com.clicktocall.testsupport.RecordingHttpServer.Stub.awsError;
import static com.clicktocall.testsupport.RecordingHttpServer.Stub.json;
import static com.clicktocall.testsupport.RecordingHttpServer.Stub.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PhoneNumberResourceTest {

    private static final String ORDER_ID = "abc12345-de67-89f0-1234-56789abcdef0";
    private static final String NUMBER = "+12065550100";

    private final ProvisioningHarness harness = new ProvisioningHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void create_searchesOrdersAndWaitsForTheOrderThenAnswersSuccess() throws Exception {
        harness.chime.on("GET", "/search", json(200, "{\"E164PhoneNumbers\":[\"" + NUMBER + "\"]}"));
        harness.chime.on("POST", "/phone-number-orders", json(201, order("Processing", "Processing")));
        harness.chime.on("GET", "/phone-number-orders/" + ORDER_ID, json(200, order("Processing", "Processing")));
        // The order completes a little later, after a few polls.
        var later = Executors.newSingleThreadScheduledExecutor();
        later.schedule(() -> harness.chime.on("GET", "/phone-number-orders/" + ORDER_ID,
                json(200, order("Successful", "Acquired"))), 300, TimeUnit.MILLISECONDS);

        CustomResourceResponse response = harness.handle(ProvisioningHarness.event("cfn-phone-number-create.json"));
        later.shutdown();

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("number:ordered:" + ORDER_ID + ":" + NUMBER);
        assertThat(answer.path("Data").path("PhoneNumber").asText()).isEqualTo(NUMBER);
        assertThat(answer.path("RequestId").asText()).isEqualTo("5d0c3a52-6d7e-4b8f-9e10-1a2b3c4d5e6f");
        assertThat(answer.path("LogicalResourceId").asText()).isEqualTo("SmaPhoneNumber");
        assertThat(response.status()).isEqualTo(CustomResourceResponse.Status.SUCCESS);

        var search = harness.chime.requests("GET", "/search").getFirst();
        assertThat(search.query()).contains("type=phone-numbers", "area-code=206", "country=US", "phone-number-type=Local");
        var ordered = ProvisioningHarness.bodyOf(harness.chime.requests("POST", "/phone-number-orders").getFirst());
        assertThat(ordered).containsEntry("ProductType", "SipMediaApplicationDialIn");
        assertThat(ordered.get("E164PhoneNumbers")).asList().containsExactly(NUMBER);
        assertThat(harness.chime.requests("GET", "/phone-number-orders/.*")).hasSizeGreaterThan(1);
        // The pre-signed URL is the credential of the answer: it must arrive intact and unlogged.
        assertThat(harness.cloudFormation.requests("PUT", "/response").getFirst().query()).isEqualTo("X-Amz-Signature=secret");
    }

    @Test
    void failedOrder_answersFailedWithAReadableReasonAndAnIdTheRollbackCanClean() {
        harness.chime.on("GET", "/search", json(200, "{\"E164PhoneNumbers\":[\"" + NUMBER + "\"]}"));
        harness.chime.on("POST", "/phone-number-orders", json(201, order("Processing", "Processing")));
        harness.chime.on("GET", "/phone-number-orders/" + ORDER_ID, json(200, order("Failed", "Failed")));

        harness.handle(ProvisioningHarness.event("cfn-phone-number-create.json"));

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText())
                .contains("Phone number order " + ORDER_ID + " ended Failed", NUMBER + " Failed");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("number:ordered:" + ORDER_ID + ":");
    }

    @Test
    void noNumberAvailable_answersFailedNamingTheSearch() {
        harness.chime.on("GET", "/search", json(200, "{\"E164PhoneNumbers\":[]}"));

        harness.handle(ProvisioningHarness.event("cfn-phone-number-create.json"));

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText()).contains("No Local phone number is available for country US, area code 206");
        assertThat(harness.chime.requests("POST", "/phone-number-orders")).isEmpty();
    }

    @Test
    void orderThatNeverCompletes_answersFailedBeforeTheLambdaTimesOut() {
        harness.chime.on("GET", "/search", json(200, "{\"E164PhoneNumbers\":[\"" + NUMBER + "\"]}"));
        harness.chime.on("POST", "/phone-number-orders", json(201, order("Processing", "Processing")));
        harness.chime.on("GET", "/phone-number-orders/" + ORDER_ID, json(200, order("Processing", "Processing")));
        long remaining = 2_500;

        long started = System.nanoTime();
        harness.handle(ProvisioningHarness.event("cfn-phone-number-create.json"), remaining);
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText()).contains("is still Processing", "about to time out");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("number:ordered:" + ORDER_ID + ":");
        assertThat(tookMillis).isLessThan(remaining).isGreaterThanOrEqualTo(remaining - 2 * ProvisioningHarness.MARGIN.toMillis() - 1_000);
    }

    @Test
    void chimeThatNeverAnswers_stillAnswersCloudFormationBeforeTheTimeout() {
        harness.chime.on("GET", "/search", json(200, "{\"E164PhoneNumbers\":[]}").after(Duration.ofSeconds(10)));
        long remaining = 2_000;

        long started = System.nanoTime();
        harness.handle(ProvisioningHarness.event("cfn-phone-number-create.json"), remaining);
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText()).contains("did not finish before the provisioning function's timeout");
        assertThat(answer.path("PhysicalResourceId").asText()).startsWith("unprovisioned:SmaPhoneNumber:");
        assertThat(tookMillis).isLessThan(remaining);
    }

    @Test
    void usSearchWithoutAnyFilter_searchesByStateBecauseTheApiNeedsAFilter() {
        harness.chime.on("GET", "/search", json(200, "{\"E164PhoneNumbers\":[\"" + NUMBER + "\"]}"));
        harness.chime.on("POST", "/phone-number-orders", json(201, order("Processing", "Processing")));
        harness.chime.on("GET", "/phone-number-orders/" + ORDER_ID, json(200, order("Successful", "Acquired")));
        ObjectNode create = ProvisioningHarness.event("cfn-phone-number-create.json");
        ((ObjectNode) create.path("ResourceProperties")).remove("AreaCode");

        harness.handle(create);

        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(harness.chime.requests("GET", "/search")).singleElement()
                .satisfies(r -> assertThat(r.query()).contains("state=" + PhoneNumberResource.US_FALLBACK_STATES.getFirst())
                        .doesNotContain("area-code"));
    }

    @Test
    void usSearchFindingNothingAnywhere_answersFailed() {
        harness.chime.on("GET", "/search", json(200, "{\"E164PhoneNumbers\":[]}"));
        ObjectNode create = ProvisioningHarness.event("cfn-phone-number-create.json");
        ((ObjectNode) create.path("ResourceProperties")).remove("AreaCode");

        harness.handle(create);

        assertThat(harness.answer().path("Reason").asText()).contains("No Local phone number is available for country US");
        assertThat(harness.chime.requests("GET", "/search")).hasSize(PhoneNumberResource.US_FALLBACK_STATES.size());
    }

    @Test
    void existingNumber_isAdoptedWithoutOrderingAndNeverReleased() {
        harness.chime.on("GET", "/phone-numbers/.*", json(200,
                "{\"PhoneNumber\":{\"PhoneNumberId\":\"+12065550199\",\"E164PhoneNumber\":\"+12065550199\","
                        + "\"ProductType\":\"SipMediaApplicationDialIn\",\"Status\":\"Unassigned\"}}"));
        ObjectNode create = ProvisioningHarness.event("cfn-phone-number-create.json");
        ((ObjectNode) create.path("ResourceProperties")).put("ExistingPhoneNumber", "+12065550199");

        harness.handle(create);

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("number:existing:+12065550199");
        assertThat(answer.path("Data").path("PhoneNumber").asText()).isEqualTo("+12065550199");
        assertThat(harness.chime.requests("POST", "/phone-number-orders")).isEmpty();

        harness.cloudFormation.reset();
        harness.cloudFormation.on("PUT", "/response", status(200));
        ObjectNode delete = ProvisioningHarness.event("cfn-phone-number-delete.json");
        delete.put("PhysicalResourceId", "number:existing:+12065550199");
        harness.handle(delete);
        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(harness.chime.requests("DELETE", "/phone-numbers/.*")).isEmpty();
    }

    @Test
    void existingNumberNotInTheAccount_answersFailedSayingSo() {
        ObjectNode create = ProvisioningHarness.event("cfn-phone-number-create.json");
        ((ObjectNode) create.path("ResourceProperties")).put("ExistingPhoneNumber", "+12065550199");

        harness.handle(create);

        assertThat(harness.answer().path("Reason").asText())
                .contains("+12065550199 is not in this account's Amazon Chime SDK phone number inventory");
    }

    @Test
    void delete_releasesTheOrderedNumber() {
        harness.chime.on("DELETE", "/phone-numbers/.*", status(204));

        harness.handle(ProvisioningHarness.event("cfn-phone-number-delete.json"));

        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(harness.chime.requests("DELETE", "/phone-numbers/.*"))
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isIn("/phone-numbers/%2B12065550100", "/phone-numbers/+12065550100"));
    }

    @Test
    void delete_ofANumberAlreadyReleased_succeeds() {
        harness.chime.on("DELETE", "/phone-numbers/.*", awsError(404, "NotFoundException", "phone number not found"));

        harness.handle(ProvisioningHarness.event("cfn-phone-number-delete.json"));

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("number:ordered:" + ORDER_ID + ":" + NUMBER);
    }

    @Test
    void rollbackDeleteOfAnOrderThatNeverFinished_releasesWhatItAcquired() {
        harness.chime.on("GET", "/phone-number-orders/" + ORDER_ID, json(200, order("Successful", "Acquired")));
        harness.chime.on("DELETE", "/phone-numbers/.*", status(204));
        ObjectNode delete = ProvisioningHarness.event("cfn-phone-number-delete.json");
        delete.put("PhysicalResourceId", "number:ordered:" + ORDER_ID + ":");

        harness.handle(delete);

        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(harness.chime.requests("DELETE", "/phone-numbers/.*")).hasSize(1);
    }

    @Test
    void deleteOfAFailedCreate_touchesNothing() {
        ObjectNode delete = ProvisioningHarness.event("cfn-phone-number-delete.json");
        delete.put("PhysicalResourceId", "unprovisioned:SmaPhoneNumber:5d0c3a52");

        harness.handle(delete);

        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(harness.chime.requests()).isEmpty();
    }

    @Test
    void update_withTheSameChoice_keepsTheNumber() {
        ObjectNode update = updateOf(ProvisioningHarness.event("cfn-phone-number-create.json"));

        harness.handle(update);

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("number:ordered:" + ORDER_ID + ":" + NUMBER);
        assertThat(answer.path("Data").path("PhoneNumber").asText()).isEqualTo(NUMBER);
        assertThat(harness.chime.requests()).isEmpty();
    }

    @Test
    void update_withAnotherAreaCode_ordersAReplacement() {
        harness.chime.on("GET", "/search", json(200, "{\"E164PhoneNumbers\":[\"+13125550100\"]}"));
        harness.chime.on("POST", "/phone-number-orders", json(201, order("Processing", "Processing")
                .replace(ORDER_ID, "00000000-1111-2222-3333-444444444444").replace(NUMBER, "+13125550100")));
        harness.chime.on("GET", "/phone-number-orders/00000000-1111-2222-3333-444444444444",
                json(200, order("Successful", "Acquired").replace(ORDER_ID, "00000000-1111-2222-3333-444444444444")
                        .replace(NUMBER, "+13125550100")));
        ObjectNode update = updateOf(ProvisioningHarness.event("cfn-phone-number-create.json"));
        ((ObjectNode) update.path("ResourceProperties")).put("AreaCode", "312");

        harness.handle(update);

        JsonNode answer = harness.answer();
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText())
                .isEqualTo("number:ordered:00000000-1111-2222-3333-444444444444:+13125550100");
        assertThat(harness.chime.requests("GET", "/search").getFirst().query()).contains("area-code=312");
    }

    @Test
    void missingProperty_answersFailedNamingIt() {
        ObjectNode create = ProvisioningHarness.event("cfn-phone-number-create.json");
        ((ObjectNode) create.path("ResourceProperties")).remove("AwsRegion");

        harness.handle(create);

        assertThat(harness.answer().path("Reason").asText()).isEqualTo("The property AwsRegion is required.");
    }

    @Test
    void unknownResourceType_failsOnCreateButNeverBlocksADelete() {
        ObjectNode create = ProvisioningHarness.event("cfn-phone-number-create.json");
        create.put("ResourceType", "Custom::Nonsense");
        harness.handle(create);
        assertThat(harness.answer().path("Reason").asText()).contains("Unknown custom resource type Custom::Nonsense");

        harness.cloudFormation.reset();
        harness.cloudFormation.on("PUT", "/response", status(200));
        ObjectNode delete = ProvisioningHarness.event("cfn-phone-number-delete.json");
        delete.put("ResourceType", "Custom::Nonsense");
        harness.handle(delete);
        assertThat(harness.answer().path("Status").asText()).isEqualTo("SUCCESS");
    }

    private static ObjectNode updateOf(ObjectNode create) {
        create.put("RequestType", "Update");
        create.put("PhysicalResourceId", "number:ordered:" + ORDER_ID + ":" + NUMBER);
        create.set("OldResourceProperties", create.path("ResourceProperties").deepCopy());
        return create;
    }

    private static String order(String status, String numberStatus) {
        return "{\"PhoneNumberOrder\":{\"PhoneNumberOrderId\":\"" + ORDER_ID + "\",\"ProductType\":\"SipMediaApplicationDialIn\","
                + "\"Status\":\"" + status + "\",\"OrderType\":\"New\",\"OrderedPhoneNumbers\":[{\"E164PhoneNumber\":\""
                + NUMBER + "\",\"Status\":\"" + numberStatus + "\"}]}}";
    }
}
