package com.clicktocall.callcontrol;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.testsupport.ApiGatewayProxyEvent;
import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import com.clicktocall.testsupport.Dynalite;
import com.clicktocall.testsupport.LedgerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a dial writes to the log: one line per request with its ids, and never a join token or a JWT. */
@QuarkusTest
@QuarkusTestResource(ChimeStub.class)
@QuarkusTestResource(LedgerTestResource.class)
class DialLoggingTest {

    static final String JWT = "eyJraWQiOiJleGFtcGxlIiwiYWxnIjoiUlMyNTYifQ";

    final List<String> lines = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getParameters() == null ? record.getMessage()
                    : String.format(record.getMessage().replace("{0}", "%s"), record.getParameters());
            lines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    Dynalite ledger;

    @BeforeEach
    void capture() throws Exception {
        ChimeStub.forgetCalls(ledger, DialResourceTest.SUB);
        ChimeStub.server().reset();
        ChimeStub.answersEverything(ChimeStub.server());
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void successfulDial_logsOneLineWithIdsAndNoSecrets() {
        invoke(ApiGatewayProxyEvent.load(DialResourceTest.DIAL_EVENT));

        assertThat(requestLines()).singleElement().satisfies(line -> assertThat(line)
                .contains("route=POST /dial", "status=200", "outcome=ok",
                        "transactionId=" + ChimeStub.TRANSACTION_ID, "meetingId=" + ChimeStub.MEETING_ID, "latencyMs="));
        assertThat(String.join("\n", lines)).doesNotContain(ChimeStub.BROWSER_JOIN_TOKEN, ChimeStub.PHONE_JOIN_TOKEN, JWT);
    }

    @Test
    void failedDial_logsTheOutcomeAndNoSecrets() {
        ChimeStub.server().on("POST", "/sip-media-applications/[^/]+/calls", Stub.awsError(500, "ServiceFailureException", "boom"));

        invoke(ApiGatewayProxyEvent.load(DialResourceTest.DIAL_EVENT));

        assertThat(requestLines()).singleElement()
                .satisfies(line -> assertThat(line).contains("status=502", "outcome=chime_failed"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("meeting deleted", ChimeStub.MEETING_ID));
        assertThat(String.join("\n", lines)).doesNotContain(ChimeStub.BROWSER_JOIN_TOKEN, ChimeStub.PHONE_JOIN_TOKEN, JWT);
    }

    @Test
    void unknownRoute_answersErrorBodyWithCors() {
        ApiGatewayProxyEvent event = ApiGatewayProxyEvent.load(DialResourceTest.DIAL_EVENT);
        String json = event.json().replace("\"path\":\"/dial\"", "\"path\":\"/elsewhere\"");

        ApiGatewayProxyEvent.Response answer = ApiGatewayProxyEvent.response(given().body(json).when().post("/_lambda_").asString());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(DialResourceTest.ORIGIN);
        assertThat(ChimeStub.server().requests()).isEmpty();
    }

    /**
     * The request log lines, waiting briefly for the first: the line is written when the response has
     * ended, which can be just after the test has the answer in hand.
     */
    List<String> requestLines() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (lines.stream().noneMatch(l -> l.startsWith("route=")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return lines.stream().filter(l -> l.startsWith("route=")).toList();
    }

    static void invoke(ApiGatewayProxyEvent event) {
        given().body(event.json()).when().post("/_lambda_").then().statusCode(200);
    }
}
