package com.clicktocall.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.LocalStack;
import com.clicktocall.localstack.StackConfig;
import com.clicktocall.localstack.TestPaths;
import com.clicktocall.localstack.lambda.FunctionSpec;
import com.clicktocall.localstack.sip.EmbeddedAgent;
import com.clicktocall.localstack.sip.DtmfReceiver;
import com.clicktocall.localstack.sip.SippUas;
import com.clicktocall.localstack.sma.CallTimeline;
import com.clicktocall.localstack.testfunctions.CrashingHandler;
import com.clicktocall.localstack.web.MeetingEvents;
import com.clicktocall.localstack.web.LocalEndpoints;
import com.clicktocall.model.api.ApiHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole flow on the local stack: a user of the local user pool signs in, POST /dial runs the real
 * packaged call-control, the SMA engine drives the real sma-handler, and the call arrives at SIPp, a SIP
 * peer this project did not write; digits and hang-up go through the real update-call.
 */
@Timeout(120)
class ClickToCallEndToEndTest {

    static final String AGENT_NUMBER = StackConfig.VOICE_CONNECTOR_PHONE_NUMBER;
    static final String PSTN_NUMBER = "+12065550123";
    static final Duration WAIT = Duration.ofSeconds(20);

    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        SippUas.assumeInstalled();
        stack = RunningStack.get();
    }

    @Test
    void dial_bridgesToTheAgentWithTheCallersEmail_digitsArrive_endTearsDownBothLegsAndTheMeeting() throws Exception {
        Browser alice = Browser.signedIn(stack);
        try (DtmfReceiver dtmf = DtmfReceiver.open();
                SippUas pbx = SippUas.start("uas-answer.xml", Map.of("digits_port", Integer.toString(dtmf.port())))) {
            stack.engine().route(pbx.target(), pbx.target());

            Browser.Answer dialled = alice.dial(AGENT_NUMBER);

            assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
            String transactionId = dialled.body().path("transactionId").asText();
            String meetingId = dialled.body().path("meeting").path("Meeting").path("MeetingId").asText();
            assertThat(dialled.body().path("attendee").path("Attendee").path("JoinToken").asText()).isNotBlank();
            assertThat(pbx.awaitLog(l -> l.startsWith("X-RequestorEmail"), WAIT)).isEqualTo("X-RequestorEmail: " + alice.email);
            String invite = pbx.awaitLog(l -> l.startsWith("INVITE"), WAIT);
            String sipCallId = invite.split(" ")[1];
            pbx.awaitLog(l -> l.equals("ACK " + sipCallId), WAIT);
            awaitCallStatus(meetingId, "connected");
            JsonNode connected = awaitLedger(alice, transactionId, "connected");
            assertThat(connected.path("answeredAt").asText()).isNotBlank();
            assertThat(connected.path("toNumber").asText()).isEqualTo(AGENT_NUMBER);
            assertThat(connected.has("reason") && !connected.path("reason").isNull()).as(connected.toString()).isFalse();

            assertThat(alice.sendDigits(transactionId, "42#").status()).isEqualTo(202);
            assertThat(dtmf.await(3, WAIT)).isEqualTo("42#");

            assertThat(alice.end(transactionId).status()).isEqualTo(202);
            pbx.awaitLog(l -> l.equals("BYE " + sipCallId), WAIT);
            assertThat(pbx.awaitExit(WAIT)).as(pbx.describe()).isZero();
            awaitEnded(transactionId);
            assertThat(stack.meetings().find(meetingId)).isEmpty();
            assertThat(awaitLedger(alice, transactionId, "ended").path("reason").asText()).isEqualTo("caller-hung-up");
            assertThat(eventNames(meetingId)).contains("attendee-joined", "call-status", "meeting-ended");
            assertThat(Browser.get(stack.webUrl() + "/local/calls/" + transactionId).text()).contains("CALL_ANSWERED").contains("BYE");
        }
    }

    @Test
    void busyDestination_endsTheCallAsBusy_andDeletesTheMeeting() throws Exception {
        Browser bob = Browser.signedIn(stack);
        try (SippUas pbx = SippUas.start("uas-busy.xml", Map.of())) {
            stack.engine().route(pbx.target(), pbx.target());

            String press = UUID.randomUUID().toString();
            Browser.Answer dialled = bob.dial(PSTN_NUMBER, press);

            assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
            String meetingId = dialled.body().path("meeting").path("Meeting").path("MeetingId").asText();
            pbx.awaitLog(l -> l.startsWith("INVITE"), WAIT);
            assertThat(awaitCallStatus(meetingId, "ended")).containsEntry("reason", "busy");
            String transactionId = dialled.body().path("transactionId").asText();
            JsonNode ended = awaitLedger(bob, transactionId, "ended");
            assertThat(ended.path("reason").asText()).isEqualTo("busy");
            assertThat(ended.path("dialledAt").asText()).isNotBlank();
            assertThat(ended.path("endedAt").asText()).isNotBlank();
            assertThat(ended.path("answeredAt").isMissingNode() || ended.path("answeredAt").isNull()).as(ended.toString()).isTrue();
            // A retry of the same press answers the same call: no second meeting, no second INVITE.
            Browser.Answer retried = bob.dial(PSTN_NUMBER, press);
            assertThat(retried.status()).as(retried.text()).isEqualTo(200);
            assertThat(retried.body()).isEqualTo(dialled.body());
            // Nobody else learns that the call exists.
            assertThat(Browser.signedIn(stack).callStatus(transactionId).status()).isEqualTo(404);
            awaitEnded(transactionId);
            assertThat(String.valueOf(stack.engine().timeline(transactionId).orElseThrow().toJson().get("outcome")))
                    .as("the timeline's outcome agrees with the call-status event").isEqualTo("busy");
            awaitMeetingGone(meetingId);
            assertThat(pbx.awaitExit(WAIT)).as(pbx.describe()).isZero();
        }
    }

    @Test
    void preflight_admitsTheIdempotencyKeyAndGetOnCalls() throws Exception {
        HttpResponse<String> preflight = Browser.anonymous(stack, "nobody@example.com")
                .preflight("/calls/0000", "GET", "authorization," + ApiHeaders.IDEMPOTENCY_KEY.toLowerCase(Locale.ROOT));

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("GET"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(h -> assertThat(h).contains(ApiHeaders.IDEMPOTENCY_KEY));
    }

    @Test
    void unansweredDestination_isCancelledAfterTheRingTimeout() throws Exception {
        Browser carol = Browser.signedIn(stack);
        try (SippUas pbx = SippUas.start("uas-never-answer.xml", Map.of())) {
            stack.engine().route(pbx.target(), pbx.target());

            Browser.Answer dialled = carol.dial(PSTN_NUMBER);

            assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
            String meetingId = dialled.body().path("meeting").path("Meeting").path("MeetingId").asText();
            pbx.awaitLog(l -> l.startsWith("CANCEL"), Duration.ofSeconds(RunningStack.RING_TIMEOUT_SECONDS + 15));
            assertThat(awaitCallStatus(meetingId, "ended")).containsEntry("reason", "no-answer");
            awaitMeetingGone(meetingId);
        }
    }

    @Test
    void agentHangsUp_endsTheCallerLegAndDeletesTheMeeting() throws Exception {
        Browser dave = Browser.signedIn(stack);
        try (DtmfReceiver dtmf = DtmfReceiver.open();
                SippUas pbx = SippUas.start("uas-answer-then-hang-up.xml", Map.of("digits_port", Integer.toString(dtmf.port())))) {
            stack.engine().route(pbx.target(), pbx.target());

            Browser.Answer dialled = dave.dial(AGENT_NUMBER);

            assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
            String meetingId = dialled.body().path("meeting").path("Meeting").path("MeetingId").asText();
            assertThat(awaitCallStatus(meetingId, "ended")).containsEntry("reason", "hangup");
            awaitEnded(dialled.body().path("transactionId").asText());
            awaitMeetingGone(meetingId);
            assertThat(pbx.awaitExit(WAIT)).as(pbx.describe()).isZero();
        }
    }

    @Test
    void anotherUser_cannotSendDigitsToOrEndSomeoneElsesCall() throws Exception {
        Browser owner = Browser.signedIn(stack);
        Browser intruder = Browser.signedIn(stack);
        try (DtmfReceiver dtmf = DtmfReceiver.open();
                SippUas pbx = SippUas.start("uas-answer.xml", Map.of("digits_port", Integer.toString(dtmf.port())))) {
            stack.engine().route(pbx.target(), pbx.target());
            Browser.Answer dialled = owner.dial(AGENT_NUMBER);
            assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
            String transactionId = dialled.body().path("transactionId").asText();
            String meetingId = dialled.body().path("meeting").path("Meeting").path("MeetingId").asText();
            String sipCallId = pbx.awaitLog(l -> l.startsWith("INVITE"), WAIT).split(" ")[1];
            awaitCallStatus(meetingId, "connected");

            Browser.Answer digits = intruder.sendDigits(transactionId, "9");
            Browser.Answer end = intruder.end(transactionId);
            Browser.Answer unsigned = intruder.api("/update", Map.of("transactionId", transactionId, "update", "end"), null);

            assertThat(unsigned.status()).isEqualTo(401);
            assertThat(List.of(digits.status(), end.status())).allSatisfy(s -> assertThat(s).isIn(202, 403, 404));
            assertThat(dtmf.await(1, Duration.ofSeconds(2))).isEmpty();
            assertThat(pbx.log()).noneMatch(l -> l.startsWith("BYE"));
            assertThat(stack.engine().timeline(transactionId).map(CallTimeline::isEnded)).contains(false);
            assertThat(stack.meetings().find(meetingId)).isPresent();

            assertThat(owner.end(transactionId).status()).isEqualTo(202);
            pbx.awaitLog(l -> l.equals("BYE " + sipCallId), WAIT);
            awaitEnded(transactionId);
        }
    }

    @Test
    void signUpOutsideTheAllowedDomain_isRefusedByThePreSignUpFunction() throws Exception {
        Browser.Answer refused = Browser.anonymous(stack, "mallory@elsewhere.test").signUp();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("UserLambdaValidation");
    }

    @Test
    void dialWithoutAValidToken_isUnauthorized() throws Exception {
        Browser stranger = Browser.anonymous(stack, "nobody@example.com");

        assertThat(stranger.api("/dial", Map.of("toNumber", AGENT_NUMBER), null).status()).isEqualTo(401);
        assertThat(stranger.api("/dial", Map.of("toNumber", AGENT_NUMBER), "not.a.jwt").status()).isEqualTo(401);
    }

    @Test
    void garbage_getsClearErrors_andTheStackGoesOn() throws Exception {
        Browser frank = Browser.signedIn(stack);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> notJson = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.apiUrl() + "/dial"))
                .header("Authorization", "Bearer " + frank.idToken).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"toNumber\": ")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        Browser.Answer premium = frank.dial("+19005550123");
        Browser.Answer unknownMeetingEvents = Browser.get(stack.webUrl() + "/local/events?meetingId=no-such-meeting");
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
            byte[] junk = "INVITE nonsense\r\n\u0000\u0001garbage".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            socket.send(new java.net.DatagramPacket(junk, junk.length, java.net.InetAddress.getLoopbackAddress(), stack.sipPort()));
        }

        assertThat(notJson.statusCode()).isBetween(400, 499);
        assertThat(premium.status()).isBetween(400, 499);
        assertThat(premium.text()).contains("error");
        assertThat(unknownMeetingEvents.status()).isEqualTo(404);
        try (SippUas pbx = SippUas.start("uas-busy.xml", Map.of())) {
            stack.engine().route(pbx.target(), pbx.target());
            Browser.Answer after = frank.dial(PSTN_NUMBER);
            assertThat(after.status()).as(after.text()).isEqualTo(200);
            pbx.awaitLog(l -> l.startsWith("INVITE"), WAIT);
            awaitEnded(after.body().path("transactionId").asText());
        }
    }

    @Test
    void crashingSmaHandler_endsTheCallCleanly_andTheStackGoesOn() throws Exception {
        FunctionSpec real = stack.lambda().spec("sma-handler");
        Browser erin = Browser.signedIn(stack);
        String transactionId;
        String meetingId;
        try (SippUas pbx = SippUas.start("uas-answer.xml", Map.of("digits_port", "9"))) {
            stack.engine().route(pbx.target(), pbx.target());
            stack.lambda().register(new FunctionSpec("sma-handler", TestPaths.testFunctions(),
                    CrashingHandler.class.getName() + "::handleRequest", Map.of(), Duration.ofSeconds(5), 256));
            try {
                Browser.Answer dialled = erin.dial(AGENT_NUMBER);
                assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
                transactionId = dialled.body().path("transactionId").asText();
                meetingId = dialled.body().path("meeting").path("Meeting").path("MeetingId").asText();
                awaitEnded(transactionId);
            } finally {
                stack.lambda().register(real);
            }
            assertThat(String.valueOf(stack.engine().timeline(transactionId).orElseThrow().toJson().get("outcome"))).startsWith("failed");
            assertThat(awaitCallStatus(meetingId, "ended")).containsEntry("reason", "failed");
            assertThat(pbx.log()).noneMatch(l -> l.startsWith("INVITE"));
        }

        Browser.Answer again = erin.dial(PSTN_NUMBER);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        String next = again.body().path("transactionId").asText();
        assertThat(erin.end(next).status()).isIn(202, 404);
        awaitEnded(next);
    }

    @Test
    void callersOffer_postedBeforeTheDial_isRelayedToTheSoftphone_once() throws Exception {
        Map<String, Object> config = stack.clientConfig();
        Assumptions.assumeTrue(config.containsKey("softphone"), "the stack runs without its softphone registrar: no localMediaUrl");
        assertThat(config).containsEntry("localMediaUrl", stack.webUrl() + LocalEndpoints.MEDIA_PATH);
        EmbeddedAgent agent = stack.agent().orElseThrow();
        stack.engine().route(agent.target(), agent.target());
        Browser grace = Browser.signedIn(stack);
        String offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n";

        Browser.Answer posted = grace.postMediaOffer((String) config.get("localMediaUrl"), offer);
        Browser.Answer dialled = grace.dial(AGENT_NUMBER);

        assertThat(posted.status()).as(posted.text()).isEqualTo(202);
        assertThat(posted.body().path("expiresInSeconds").asInt()).isEqualTo(30);
        assertThat(dialled.status()).as(dialled.text()).isEqualTo(200);
        String transactionId = dialled.body().path("transactionId").asText();
        long deadline = System.nanoTime() + WAIT.toNanos();
        CallTimeline timeline = stack.engine().timeline(transactionId).orElseThrow();
        while (timeline.firstAt("pbx", "softphone: " + EmbeddedAgent.CALLER_OFFER_RELAYED) < 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(timeline.firstAt("pbx", "softphone: " + EmbeddedAgent.CALLER_OFFER_RELAYED)).as("%s", timeline.toJson()).isNotNegative();
        awaitCallStatus(dialled.body().path("meeting").path("Meeting").path("MeetingId").asText(), "connected");
        assertThat(grace.end(transactionId).status()).isEqualTo(202);
        awaitEnded(transactionId);

        Browser.Answer again = grace.dial(AGENT_NUMBER);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        String next = again.body().path("transactionId").asText();
        awaitCallStatus(again.body().path("meeting").path("Meeting").path("MeetingId").asText(), "connected");
        assertThat(stack.engine().timeline(next).orElseThrow().firstAt("pbx", "softphone: " + EmbeddedAgent.CALLER_OFFER_RELAYED))
                .as("the offer was used once").isNegative();
        assertThat(grace.end(next).status()).isEqualTo(202);
        awaitEnded(next);
    }

    // ------------------------------------------------------------------------------------------------

    static Map<String, Object> awaitCallStatus(String meetingId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<MeetingEvents.Event> event = stack.meetings().events().history(meetingId).stream()
                    .filter(e -> e.name().equals(MeetingEvents.CALL_STATUS) && status.equals(e.data().get("status"))).findFirst();
            if (event.isPresent()) {
                return event.get().data();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no call-status " + status + " in meeting " + meetingId + ": " + stack.meetings().events().history(meetingId));
    }

    /** Polls {@code GET /calls/{transactionId}} as the page does, until the call reads {@code status}. */
    static JsonNode awaitLedger(Browser owner, String transactionId, String status) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Browser.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = owner.callStatus(transactionId);
            if (last.status() == 200 && status.equals(last.body().path("status").asText())) {
                return last.body();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("GET /calls/" + transactionId + " never read " + status + ": " + (last == null ? "" : last.text()));
    }

    static void awaitEnded(String transactionId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            if (stack.engine().timeline(transactionId).map(CallTimeline::isEnded).orElse(false)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("call " + transactionId + " did not end: " + stack.engine().timeline(transactionId).map(CallTimeline::toJson));
    }

    static void awaitMeetingGone(String meetingId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && stack.meetings().find(meetingId).isPresent()) {
            Thread.sleep(20);
        }
        assertThat(stack.meetings().find(meetingId)).as("meeting " + meetingId).isEmpty();
    }

    static List<String> eventNames(String meetingId) {
        return stack.meetings().events().history(meetingId).stream().map(MeetingEvents.Event::name).toList();
    }

}
