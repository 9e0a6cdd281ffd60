package com.clicktocall.guards;

import com.clicktocall.testsupport.ChimeTestResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerClients;
import com.clicktocall.model.ledger.EndReason;
import com.clicktocall.testsupport.Dynalite;
import com.clicktocall.testsupport.LedgerTestResource;
import com.clicktocall.testsupport.RecordingHttpServer;
import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged function with {@code quarkus.lambda.handler=meeting-events} (the test profile's), through the
 * Lambda mock event server: the handler chosen by configuration, its beans built from the environment.
 */
@QuarkusTest
@WithTestResource(ChimeTestResource.class)
@WithTestResource(LedgerTestResource.class)
class MeetingEventsHandlerTest {

    static final String SAMPLE_MEETING = "4a1c7e5b-6f0b-4f58-9c2e-3d7a2f1b0c9e";
    static final String SAMPLE_OWNER = "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09";

    RecordingHttpServer chime;
    Dynalite ledger;

    @Test
    void theCallersLeave_endsTheirCall() throws Exception {
        chime.on("DELETE", "/meetings/.*", Stub.status(204));
        CallRecords calls = new CallRecords(LedgerClients.build("us-east-1", Optional.of(ledger.uri()), Duration.ofSeconds(5), 3),
                LedgerTestResource.TABLE, Clock.systemUTC(), Duration.ofDays(7));
        String callId = UUID.randomUUID().toString();
        String meetingId = UUID.randomUUID().toString();
        calls.dialling(callId, SAMPLE_OWNER, "+12065550100", "PSTN");
        calls.identify(callId, meetingId, Optional.empty());
        String event = Files.readString(Path.of(System.getProperty("events.dir", "../events"), "meeting-attendee-left.json"))
                .replace(SAMPLE_MEETING, meetingId);

        given().contentType("application/json").body(event.getBytes(StandardCharsets.UTF_8))
                .when().post()
                .then().statusCode(200);

        assertThat(calls.byCallId(callId).orElseThrow().reason()).contains(EndReason.CALLER_LEFT);
        assertThat(chime.requests("DELETE", "/meetings/" + meetingId)).hasSize(1);
    }

    @Test
    void garbage_isAnsweredAndIgnored() {
        given().contentType("application/json").body("{not json".getBytes(StandardCharsets.UTF_8))
                .when().post()
                .then().statusCode(200);
    }
}
