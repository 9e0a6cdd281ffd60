package com.clicktocall.guards;

import com.clicktocall.testsupport.ChimeTestResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.testsupport.LedgerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same artifact with {@code quarkus.lambda.handler=call-sweeper}: the other function. */
@QuarkusTest
@TestProfile(CallSweeperHandlerTest.Sweeper.class)
@WithTestResource(ChimeTestResource.class)
@WithTestResource(LedgerTestResource.class)
class CallSweeperHandlerTest {

    public static class Sweeper implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", CallSweeperHandler.NAME);
        }
    }

    @Test
    void theScheduledEvent_runsASweep() throws Exception {
        byte[] schedule = Files.readAllBytes(Path.of(System.getProperty("events.dir", "../events"), "call-sweeper-schedule.json"));

        byte[] answer = given().contentType("application/json").body(schedule)
                .when().post()
                .then().statusCode(200)
                .extract().asByteArray();
        String summary = Guards.JSON.readTree(answer).path("summary").asText();

        assertThat(summary).startsWith("call-sweeper stuck=0 time-limit=0");
    }
}
