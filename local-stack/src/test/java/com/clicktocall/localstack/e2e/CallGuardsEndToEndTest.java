package com.clicktocall.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.LocalStack;
import com.clicktocall.localstack.StackConfig;
import com.clicktocall.localstack.TestPaths;
import com.clicktocall.localstack.sip.SippUas;
import com.clicktocall.localstack.sma.CallTimeline;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The call guards (docs/CALL-GUARDS.md) end to end: the real call-guards functions fed by the stack's meeting events and
 * schedule, the real SMA handler's join gate, and SIPp as the far end. A phone rings only for a caller whose page is in the
 * meeting, and a call ends when that page goes or when it has lasted the longest a call may.
 */
@Timeout(180)
class CallGuardsEndToEndTest {

    static final String PSTN_NUMBER = ClickToCallEndToEndTest.PSTN_NUMBER;
    /** SIPp answers with its media to the discard port: these tests send no digits. */
    static final Map<String, String> ANSWER = Map.of("digits_port", "9");
    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        SippUas.assumeInstalled();
        Assumptions.assumeTrue(Files.isRegularFile(TestPaths.repoRoot().resolve("call-guards/target/function.zip")),
                "call-guards is not packaged");
        stack = RunningStack.get();
        ClickToCallEndToEndTest.stack = stack;
    }

    @Test
    void aCallerWhoNeverJoins_isNeverRungThrough_andTheCallEndsCallerNeverJoined() throws Exception {
        Browser henry = Browser.signedIn(stack);
        try (SippUas pbx = SippUas.start("uas-answer.xml", ANSWER)) {
            stack.engine().route(pbx.target(), pbx.target());

            Browser.Answer dialled = henry.dialWithoutJoining(PSTN_NUMBER);

            assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
            String transactionId = dialled.body().path("transactionId").asText();
            JsonNode ended = awaitLedger(henry, transactionId, "ended", Duration.ofSeconds(RunningStack.CALLER_JOIN_TIMEOUT_SECONDS + 20));
            assertThat(ended.path("reason").asText()).isEqualTo("caller-never-joined");
            ClickToCallEndToEndTest.awaitEnded(transactionId);
            ClickToCallEndToEndTest.awaitMeetingGone(dialled.body().path("meeting").path("Meeting").path("MeetingId").asText());
            assertThat(pbx.log()).as("no INVITE reached the far end").noneMatch(l -> l.startsWith("INVITE"));
            String timeline = stack.engine().timeline(transactionId).orElseThrow().toJson().toString();
            assertThat(timeline).contains("Pause LEG-A").doesNotContain("CallAndBridge to");
        }
    }

    @Test
    void closingTheCallersPage_midCall_hangsUpTheFarEndWithinFiveSeconds_callerLeft() throws Exception {
        Browser ida = Browser.signedIn(stack);
        try (SippUas pbx = SippUas.start("uas-answer.xml", ANSWER)) {
            stack.engine().route(pbx.target(), pbx.target());

            Browser.Answer dialled = ida.dial(PSTN_NUMBER);

            assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
            String transactionId = dialled.body().path("transactionId").asText();
            String sipCallId = pbx.awaitLog(l -> l.startsWith("INVITE"), ClickToCallEndToEndTest.WAIT).split(" ")[1];
            pbx.awaitLog(l -> l.equals("ACK " + sipCallId), ClickToCallEndToEndTest.WAIT);
            ClickToCallEndToEndTest.awaitLedger(ida, transactionId, "connected");

            long closedAt = System.nanoTime();
            ida.closePage();
            pbx.awaitLog(l -> l.equals("BYE " + sipCallId), Duration.ofSeconds(5));
            System.out.println("Caller's page closed → BYE at the far end: " + Duration.ofNanos(System.nanoTime() - closedAt).toMillis() + " ms");

            // docs/CALL-GUARDS.md: the caller's AttendeeLeft ends the call as caller-left. (meeting-events hangs up through
            // UpdateSipMediaApplicationCall as the owner, and the SMA handler lets an owner's end replace caller-left: the two
            // must tell that hang-up from the page's own for this to hold.)
            assertThat(awaitLedger(ida, transactionId, "ended", Duration.ofSeconds(20)).path("reason").asText())
                    .as("the end reason of a call whose caller's page vanished").isEqualTo("caller-left");
            ClickToCallEndToEndTest.awaitEnded(transactionId);
            assertThat(pbx.awaitExit(ClickToCallEndToEndTest.WAIT)).as(pbx.describe()).isZero();
        }
    }

    @Test
    void aConnectedCallOverTheLongestCall_isEndedByTheSweeper_timeLimit() throws Exception {
        Browser jack = Browser.signedIn(stack);
        try (SippUas pbx = SippUas.start("uas-answer.xml", ANSWER)) {
            stack.engine().route(pbx.target(), pbx.target());

            Browser.Answer dialled = jack.dial(PSTN_NUMBER);

            assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
            String transactionId = dialled.body().path("transactionId").asText();
            String sipCallId = pbx.awaitLog(l -> l.startsWith("INVITE"), ClickToCallEndToEndTest.WAIT).split(" ")[1];
            ClickToCallEndToEndTest.awaitLedger(jack, transactionId, "connected");
            long connectedAt = System.nanoTime();

            pbx.awaitLog(l -> l.equals("BYE " + sipCallId),
                    Duration.ofSeconds(RunningStack.MAX_CALL_SECONDS + 3L * RunningStack.SWEEPER_PERIOD_SECONDS + 10));
            long lasted = Duration.ofNanos(System.nanoTime() - connectedAt).toSeconds();
            System.out.println("Call ended by the sweeper after " + lasted + " s connected (longest call " + RunningStack.MAX_CALL_SECONDS + " s)");

            assertThat(lasted).isGreaterThanOrEqualTo(RunningStack.MAX_CALL_SECONDS - 1L);
            assertThat(awaitLedger(jack, transactionId, "ended", Duration.ofSeconds(20)).path("reason").asText()).isEqualTo("time-limit");
            ClickToCallEndToEndTest.awaitEnded(transactionId);
            ClickToCallEndToEndTest.awaitMeetingGone(dialled.body().path("meeting").path("Meeting").path("MeetingId").asText());
        }
    }

    @Test
    void aCallerWhoJoins_isConnected_dialToInviteMedian() throws Exception {
        Browser kate = Browser.signedIn(stack);
        List<Long> dialToInviteMs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            try (SippUas pbx = SippUas.start("uas-answer.xml", ANSWER)) {
                stack.engine().route(pbx.target(), pbx.target());
                Instant sentAt = Instant.now();

                Browser.Answer dialled = kate.dial(PSTN_NUMBER);

                assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
                String transactionId = dialled.body().path("transactionId").asText();
                String sipCallId = pbx.awaitLog(l -> l.startsWith("INVITE"), ClickToCallEndToEndTest.WAIT).split(" ")[1];
                CallTimeline timeline = stack.engine().timeline(transactionId).orElseThrow();
                long invitedAtMs = timeline.firstAt("leg", "INVITE " + PSTN_NUMBER);
                dialToInviteMs.add(Duration.between(sentAt, timeline.startedAt().plusMillis(invitedAtMs)).toMillis());
                ClickToCallEndToEndTest.awaitLedger(kate, transactionId, "connected");
                assertThat(kate.end(transactionId).status()).isEqualTo(202);
                pbx.awaitLog(l -> l.equals("BYE " + sipCallId), ClickToCallEndToEndTest.WAIT);
                assertThat(awaitLedger(kate, transactionId, "ended", Duration.ofSeconds(20)).path("reason").asText()).isEqualTo("caller-hung-up");
                ClickToCallEndToEndTest.awaitEnded(transactionId);
            }
        }
        List<Long> sorted = dialToInviteMs.stream().sorted().toList();
        System.out.println("Join gate: dial → INVITE at the far end, " + sorted.size() + " calls one at a time, ms: " + dialToInviteMs
                + ", median " + sorted.get(sorted.size() / 2));
    }

    static JsonNode awaitLedger(Browser owner, String transactionId, String status, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        Browser.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = owner.callStatus(transactionId);
            if (last.status() == 200 && status.equals(last.body().path("status").asText())) {
                return last.body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET /calls/" + transactionId + " never read " + status + ": " + (last == null ? "" : last.text()));
    }
}
