package com.clicktocall.localstack.sma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.TestPaths;
import com.clicktocall.localstack.chime.ChimeException;
import com.clicktocall.localstack.chime.Meetings;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.lambda.FunctionSpec;
import com.clicktocall.localstack.lambda.LambdaService;
import com.clicktocall.localstack.lambda.LambdaSettings;
import com.clicktocall.localstack.sip.AgentBehaviour;
import com.clicktocall.localstack.sip.AgentConfig;
import com.clicktocall.localstack.sip.AgentCall;
import com.clicktocall.localstack.sip.EmbeddedAgent;
import com.clicktocall.localstack.sip.JainSipPhone;
import com.clicktocall.localstack.sip.SipMessageLog;
import com.clicktocall.localstack.testfunctions.ScriptedSmaHandler;
import com.clicktocall.localstack.web.MeetingEvents;
import com.clicktocall.model.sma.MeetingDialIn;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMA engine against a scripted handler run by the local Lambda service, and the embedded agent as the PBX. */
class SmaEngineTest {

    static final String SMA_ID = "sma-test";
    static final String SMA_NUMBER = "+12065550100";
    static final String AGENT_NUMBER = "+12065550199";
    static final String BUSY_NUMBER = "+12065550486";
    static final String SILENT_NUMBER = "+12065550480";
    static final String VC_ARN = "arn:aws:chime:us-east-1:111122223333:vc/testconnector";
    static final AtomicInteger CALLERS = new AtomicInteger();

    @TempDir
    static Path work;

    static LambdaService lambda;
    static EmbeddedAgent agent;
    static JainSipPhone phone;
    static Meetings meetings;
    static MeetingEvents events;
    static SmaEngine engine;
    static Path eventLog;

    @BeforeAll
    static void start() throws Exception {
        Console.quiet(!Boolean.getBoolean("local-stack.verbose"));
        eventLog = work.resolve("events.jsonl");
        lambda = new LambdaService(new LambdaSettings(TestPaths.runtimeInterfaceClient(), TestPaths.javaCommand(),
                LambdaSettings.DEFAULT_JVM_OPTIONS, work.resolve("run"), 2, false, "us-east-1", "111122223333"));
        agent = EmbeddedAgent.start(AgentConfig.defaults()
                .withBehaviours(Map.of(BUSY_NUMBER, AgentBehaviour.BUSY, SILENT_NUMBER, AgentBehaviour.NEVER_ANSWER)),
                com.clicktocall.localstack.sip.AgentListener.NONE, SipMessageLog.NONE);
        phone = JainSipPhone.start(0, SipMessageLog.NONE);
        events = new MeetingEvents();
        meetings = new Meetings(events);
        lambda.register(new FunctionSpec("sma-handler", TestPaths.testFunctions(), ScriptedSmaHandler.class.getName() + "::handleRequest",
                Map.of("EVENT_LOG", eventLog.toString()), Duration.ofSeconds(10), 256));
        lambda.prewarm("sma-handler");
        engine = engine("sma-handler", SmaSettings.AWS_INVOCATION_TIMEOUT, SmaSettings.AWS_HANGUP_AFTER);
    }

    /** An engine of its own, for tests whose handler misbehaves (hangs, crashes): short timeouts, its own function. */
    static SmaEngine engine(String function, Duration invocationTimeout, Duration hangupAfter) {
        if (!lambda.has(function)) {
            lambda.register(new FunctionSpec(function, TestPaths.testFunctions(), ScriptedSmaHandler.class.getName() + "::handleRequest",
                    Map.of("EVENT_LOG", eventLog.toString()), Duration.ofSeconds(3), 256));
        }
        return new SmaEngine(new SmaSettings(SMA_ID, "111122223333", "us-east-1", function, Set.of(SMA_NUMBER), Set.of(VC_ARN),
                agent.target(), agent.target(), invocationTimeout, hangupAfter, work.resolve("calls")), lambda, meetings, phone);
    }

    @AfterAll
    static void stop() {
        engine.close();
        phone.close();
        agent.close();
        lambda.close();
    }

    @Test
    void callAnswered_bridgesToVoiceConnector_digitsAndEndReachThePbx() throws Exception {
        Call call = place("bridge-vc", AGENT_NUMBER, Map.of());

        AgentCall atPbx = awaitAgent(call, c -> c.state() == AgentCall.State.ANSWERED);
        assertThat(atPbx.header("X-RequestorEmail")).contains(call.email);
        assertThat(atPbx.from()).contains(SMA_NUMBER);
        awaitEvent(call, "ACTION_SUCCESSFUL");

        engine.updateCall(SMA_ID, call.transactionId, Map.of("Update", "digits", "Digits", "12#"));
        assertThat(agent.await(c -> c.sipCallId().equals(atPbx.sipCallId()) && c.digits().equals("12#"), Duration.ofSeconds(10))).isPresent();
        engine.updateCall(SMA_ID, call.transactionId, Map.of("Update", "end"));
        awaitEnded(call);

        assertThat(agent.call(atPbx.sipCallId()).orElseThrow().state()).isEqualTo(AgentCall.State.HUNG_UP_BY_CALLER);
        List<JsonNode> received = events(call);
        assertThat(received).extracting(e -> e.path("InvocationEventType").asText()).containsSubsequence("NEW_OUTBOUND_CALL",
                "RINGING", "CALL_ANSWERED", "ACTION_SUCCESSFUL", "CALL_UPDATE_REQUESTED", "ACTION_SUCCESSFUL", "CALL_UPDATE_REQUESTED",
                "HANGUP", "HANGUP");
        assertThat(received).extracting(e -> e.path("Sequence").asInt()).isSorted().doesNotHaveDuplicates();
        JsonNode first = received.getFirst();
        assertThat(first.path("ActionData").path("Type").asText()).isEqualTo("CallCreateRequest");
        assertThat(first.path("ActionData").path("Parameters").path("Arguments").path("OwnerEmail").asText()).isEqualTo(call.email);
        assertThat(first.path("CallDetails").path("Participants").get(0).path("Direction").asText()).isEqualTo("Outbound");
        JsonNode answered = find(received, "CALL_ANSWERED");
        assertThat(answered.path("CallDetails").path("TransactionAttributes").path("OwnerEmail").asText()).isEqualTo(call.email);
        assertThat(leg(answered, "LEG-A").path("Status").asText()).isEqualTo("Connected");
        JsonNode bridged = received.get(3);
        assertThat(bridged.path("ActionData").path("Type").asText()).isEqualTo("CallAndBridge");
        assertThat(leg(bridged, "LEG-B").path("Status").asText()).isEqualTo("Connected");
        JsonNode legBHangup = received.get(received.size() - 2);
        assertThat(legBHangup.path("ActionData").path("Parameters").path("ParticipantTag").asText()).isEqualTo("LEG-B");
        assertThat(meetingEventNames(call)).containsSubsequence("attendee-joined", "call-status", "call-status", "call-status",
                "attendee-left");
        assertThat(events.history(call.meetingId)).filteredOn(e -> e.name().equals("call-status"))
                .extracting(e -> e.data().get("status")).containsExactly("ringing", "connected", "ended");
    }

    @Test
    void busyDestination_isHangupOfLegB_with486() throws Exception {
        Call call = place("bridge-pstn", BUSY_NUMBER, Map.of());

        awaitEnded(call);

        JsonNode hangup = find(events(call), "HANGUP");
        assertThat(hangup.path("ActionData").path("Parameters").path("ParticipantTag").asText()).isEqualTo("LEG-B");
        assertThat(hangup.path("ActionData").path("Parameters").path("SipResponseCode").asText()).isEqualTo("486");
        assertThat(callStatusReason(call)).isEqualTo("busy");
    }

    @Test
    void unansweredDestination_isActionFailedCallNotAnswered_afterTheRingTimeout() throws Exception {
        Call call = place("bridge-pstn", SILENT_NUMBER, Map.of("RingSeconds", "1"));

        awaitEnded(call);

        JsonNode failed = find(events(call), "ACTION_FAILED");
        assertThat(failed.path("ActionData").path("Type").asText()).isEqualTo("CallAndBridge");
        assertThat(failed.path("ActionData").path("ErrorType").asText()).isEqualTo("CallNotAnswered");
        assertThat(callStatusReason(call)).isEqualTo("no-answer");
    }

    @Test
    void endWhileTheDestinationRings_cancelsItAtOnce() throws Exception {
        Call call = place("bridge-pstn", SILENT_NUMBER, Map.of("RingSeconds", "60"));
        AgentCall ringing = awaitAgent(call, c -> c.state() == AgentCall.State.RINGING);

        engine.updateCall(SMA_ID, call.transactionId, Map.of("Update", "end"));

        assertThat(agent.await(c -> c.sipCallId().equals(ringing.sipCallId()) && c.state() == AgentCall.State.CANCELLED,
                Duration.ofSeconds(5))).isPresent();
        awaitEnded(call);
        assertThat(callStatusReason(call)).isEqualTo("hangup");
        assertThat(events(call)).extracting(e -> e.path("InvocationEventType").asText()).doesNotContain("ACTION_FAILED");
    }

    @Test
    void farEndHangup_isHangupOfLegB_andTheHandlerEndsTheCall() throws Exception {
        Call call = place("bridge-vc", AGENT_NUMBER, Map.of());
        AgentCall atPbx = awaitAgent(call, c -> c.state() == AgentCall.State.ANSWERED);
        awaitEvent(call, "ACTION_SUCCESSFUL");

        assertThat(agent.hangUp(atPbx.sipCallId())).isTrue();
        awaitEnded(call);

        List<JsonNode> hangups = events(call).stream().filter(e -> e.path("InvocationEventType").asText().equals("HANGUP")).toList();
        assertThat(hangups).extracting(e -> e.path("ActionData").path("Parameters").path("ParticipantTag").asText())
                .containsExactly("LEG-B", "LEG-A");
        assertThat(callStatusReason(call)).isEqualTo("hangup");
    }

    @Test
    void deletedMeeting_dropsLegA_andTheHandlerHangsUpLegB() throws Exception {
        Call call = place("bridge-vc", AGENT_NUMBER, Map.of());
        AgentCall atPbx = awaitAgent(call, c -> c.state() == AgentCall.State.ANSWERED);
        awaitEvent(call, "ACTION_SUCCESSFUL");

        meetings.delete(call.meetingId);
        awaitEnded(call);

        JsonNode hangup = find(events(call), "HANGUP");
        assertThat(hangup.path("ActionData").path("Parameters").path("ParticipantTag").asText()).isEqualTo("LEG-A");
        assertThat(agent.await(c -> c.sipCallId().equals(atPbx.sipCallId()) && c.state() == AgentCall.State.HUNG_UP_BY_CALLER,
                Duration.ofSeconds(5))).isPresent();
        assertThat(meetingEventNames(call)).endsWith("meeting-ended");
    }

    @Test
    void meetingAtItsLongestDuration_endsByItself_asDeleteMeetingDoes_theCallIsHungUp() throws Exception {
        MeetingEvents shortEvents = new MeetingEvents();
        try (Meetings shortLived = new Meetings(shortEvents, Duration.ofMinutes(5), Duration.ofSeconds(4));
                SmaEngine shortEngine = new SmaEngine(new SmaSettings(SMA_ID, "111122223333", "us-east-1", "sma-handler",
                        Set.of(SMA_NUMBER), Set.of(VC_ARN), agent.target(), agent.target(), SmaSettings.AWS_INVOCATION_TIMEOUT,
                        SmaSettings.AWS_HANGUP_AFTER, work.resolve("calls")), lambda, shortLived, phone)) {
            Call call = place(shortEngine, shortLived, "bridge-vc", AGENT_NUMBER, Map.of(), null);
            AgentCall atPbx = awaitAgent(call, c -> c.state() == AgentCall.State.ANSWERED);

            awaitEnded(shortEngine, call);

            assertThat(shortLived.find(call.meetingId)).isEmpty();
            JsonNode hangup = find(events(call), "HANGUP");
            assertThat(hangup.path("ActionData").path("Parameters").path("ParticipantTag").asText()).isEqualTo("LEG-A");
            assertThat(agent.await(c -> c.sipCallId().equals(atPbx.sipCallId()) && c.state() == AgentCall.State.HUNG_UP_BY_CALLER,
                    Duration.ofSeconds(5))).isPresent();
            assertThat(shortEvents.history(call.meetingId)).extracting(MeetingEvents.Event::name)
                    .containsSubsequence("attendee-joined", "call-status", "attendee-left", "meeting-ended");
            assertThat(shortEngine.retained()).containsEntry("calls", 0).containsEntry("meetings", 0);
        }
    }

    @Test
    void endedCallsBeyondTheRetainedCount_areForgotten_theirTimelinesStayOnDisk() throws Exception {
        try (SmaEngine small = new SmaEngine(new SmaSettings(SMA_ID, "111122223333", "us-east-1", "sma-handler",
                Set.of(SMA_NUMBER), Set.of(VC_ARN), agent.target(), agent.target(), SmaSettings.AWS_INVOCATION_TIMEOUT,
                SmaSettings.AWS_HANGUP_AFTER, work.resolve("calls"), 2), lambda, meetings, phone)) {
            List<Call> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Call call = place(small, "bridge-pstn", BUSY_NUMBER, Map.of(), null);
                awaitEnded(small, call);
                calls.add(call);
            }

            assertThat(small.timeline(calls.get(0).transactionId)).isEmpty();
            assertThat(small.timeline(calls.get(1).transactionId)).isPresent();
            assertThat(small.timeline(calls.get(2).transactionId)).isPresent();
            assertThat(small.transactionIds()).containsExactly(calls.get(1).transactionId, calls.get(2).transactionId);
            assertThat(small.retained()).containsEntry("calls", 0).containsEntry("endedCalls", 2).containsEntry("meetings", 0);
            assertThat(small.retained().get("sipCallIds")).isLessThanOrEqualTo(2);
            assertThat(work.resolve("calls").resolve(calls.get(0).transactionId + ".json")).exists();
            assertThatThrownBy(() -> small.updateCall(SMA_ID, calls.get(0).transactionId, Map.of("Update", "end")))
                    .isInstanceOf(ChimeException.class);
        }
    }

    @Test
    void invalidJoinToken_failsTheCall_beforeItIsAnswered() throws Exception {
        Call call = place("bridge-vc", AGENT_NUMBER, Map.of(), "not-the-token");

        awaitEnded(call);

        assertThat(events(call)).extracting(e -> e.path("InvocationEventType").asText()).containsExactly("NEW_OUTBOUND_CALL", "HANGUP");
        assertThat(find(events(call), "HANGUP").path("ActionData").path("Parameters").path("SipResponseCode").asText()).isEqualTo("403");
        assertThat(agent.calls()).noneMatch(c -> c.header("X-RequestorEmail").orElse("").equals(call.email));
    }

    @Test
    void elevenActions_isInvalidLambdaResponse() throws Exception {
        Call call = place("too-many-actions", AGENT_NUMBER, Map.of());

        awaitEnded(call);

        JsonNode invalid = find(events(call), "INVALID_LAMBDA_RESPONSE");
        assertThat(invalid.path("ErrorType").asText()).isEqualTo("TooManyActions");
        assertThat(invalid.path("ErrorMessage").asText()).contains("10");
    }

    @Test
    void tooManyTransactionAttributes_isInvalidLambdaResponse_andNothingOfItIsApplied() throws Exception {
        Call call = place("huge-attributes", AGENT_NUMBER, Map.of());

        awaitEnded(call);

        JsonNode invalid = find(events(call), "INVALID_LAMBDA_RESPONSE");
        assertThat(invalid.path("ErrorType").asText()).isEqualTo("TransactionAttributesInvalidMapSize");
        assertThat(invalid.path("CallDetails").path("TransactionAttributes").has("key0")).isFalse();
        assertThat(agent.calls()).noneMatch(c -> c.header("X-RequestorEmail").orElse("").equals(call.email));
    }

    @Test
    void arnOnAPstnEndpoint_isActionFailedInvalidActionParameter() throws Exception {
        Call call = place("bad-bridge", AGENT_NUMBER, Map.of());

        awaitEnded(call);

        JsonNode failed = find(events(call), "ACTION_FAILED");
        assertThat(failed.path("ActionData").path("ErrorType").asText()).isEqualTo("InvalidActionParameter");
        assertThat(failed.path("ActionData").path("ErrorMessage").asText()).contains("Arn");
    }

    @Test
    void actionWithoutMedia_isActionFailed() throws Exception {
        Call call = place("play-audio", AGENT_NUMBER, Map.of());

        awaitEnded(call);

        JsonNode failed = find(events(call), "ACTION_FAILED");
        assertThat(failed.path("ActionData").path("Type").asText()).isEqualTo("PlayAudio");
        assertThat(failed.path("ActionData").path("ErrorType").asText()).isEqualTo("SystemException");
    }

    @Test
    void pause_waitsOnTheLeg_thenActionSuccessfulCarriesThePause_andTheListGoesOn() throws Exception {
        long start = System.nanoTime();
        Call call = place("pause", AGENT_NUMBER, Map.of());

        AgentCall atPbx = awaitAgent(call, c -> c.state() == AgentCall.State.ANSWERED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two pauses of 300 ms before the bridge").isGreaterThan(Duration.ofMillis(600));
        List<JsonNode> received = events(call);
        assertThat(received).extracting(e -> e.path("InvocationEventType").asText()).containsSubsequence("CALL_ANSWERED",
                "ACTION_SUCCESSFUL", "ACTION_SUCCESSFUL");
        JsonNode paused = find(received, "ACTION_SUCCESSFUL");
        assertThat(paused.path("ActionData").path("Type").asText()).isEqualTo("Pause");
        assertThat(paused.path("ActionData").path("Parameters").path("DurationInMilliseconds").asText()).isEqualTo("300");
        assertThat(paused.path("ActionData").path("Parameters").path("CallId").asText()).isEqualTo(leg(paused, "LEG-A").path("CallId").asText());
        assertThat(engine.timeline(call.transactionId).orElseThrow().toJson().toString()).contains("Pause LEG-A for 300 ms");
        assertThat(received).noneMatch(e -> e.path("InvocationEventType").asText().equals("ACTION_INTERRUPTED"));

        engine.updateCall(SMA_ID, call.transactionId, Map.of("Update", "end"));
        awaitEnded(call);
        assertThat(agent.call(atPbx.sipCallId()).orElseThrow().state()).isEqualTo(AgentCall.State.HUNG_UP_BY_CALLER);
    }

    @Test
    void pauseReplacedByANewActionList_isActionInterrupted_andNeverSuccessful() throws Exception {
        Call call = place("pause-long", AGENT_NUMBER, Map.of());
        awaitEvent(call, "CALL_ANSWERED");
        Thread.sleep(200);

        engine.updateCall(SMA_ID, call.transactionId, Map.of("Update", "end"));
        awaitEnded(call);

        List<JsonNode> received = events(call);
        assertThat(received).extracting(e -> e.path("InvocationEventType").asText()).containsSubsequence("CALL_ANSWERED",
                "CALL_UPDATE_REQUESTED", "ACTION_INTERRUPTED", "HANGUP");
        JsonNode interrupted = find(received, "ACTION_INTERRUPTED");
        assertThat(interrupted.path("ActionData").path("Type").asText()).isEqualTo("Pause");
        assertThat(interrupted.path("ActionData").path("Parameters").path("DurationInMilliseconds").asText()).isEqualTo("60000");
        assertThat(received).noneMatch(e -> e.path("InvocationEventType").asText().equals("ACTION_SUCCESSFUL"));
        assertThat(engine.timeline(call.transactionId).orElseThrow().toJson().toString()).contains("Pause interrupted");
    }

    @Test
    void pauseWhoseLegIsDropped_endsWithTheLeg_withoutActionSuccessful() throws Exception {
        Call call = place("pause-long", AGENT_NUMBER, Map.of());
        awaitEvent(call, "CALL_ANSWERED");

        meetings.delete(call.meetingId);
        awaitEnded(call);

        assertThat(events(call)).extracting(e -> e.path("InvocationEventType").asText())
                .doesNotContain("ACTION_SUCCESSFUL", "ACTION_INTERRUPTED").contains("HANGUP");
    }

    @Test
    void pauseOfZero_isActionFailedInvalidActionParameter() throws Exception {
        Call call = place("pause-zero", AGENT_NUMBER, Map.of());

        awaitEnded(call);

        JsonNode failed = find(events(call), "ACTION_FAILED");
        assertThat(failed.path("ActionData").path("Type").asText()).isEqualTo("Pause");
        assertThat(failed.path("ActionData").path("ErrorType").asText()).isEqualTo("InvalidActionParameter");
    }

    @Test
    void nonsenseResponse_isInvalidLambdaResponse() throws Exception {
        Call call = place("nonsense", AGENT_NUMBER, Map.of());

        awaitEnded(call);

        assertThat(find(events(call), "INVALID_LAMBDA_RESPONSE").path("ErrorType").asText()).isEqualTo("InvalidResponse");
    }

    @Test
    void handlerSlowerThanTheTimeout_isRetried_andTheCallGoesOn() throws Exception {
        SmaEngine impatient = engine("sma-handler-slow", Duration.ofMillis(1500), Duration.ofMillis(8000));
        Call call = place(impatient, "slow-once", AGENT_NUMBER, Map.of("SleepMs", "2500"), null);

        awaitAgent(call, c -> c.state() == AgentCall.State.ANSWERED);

        List<JsonNode> answered = events(call).stream().filter(e -> e.path("InvocationEventType").asText().equals("CALL_ANSWERED")).toList();
        assertThat(answered).hasSize(2);
        assertThat(answered.get(0).path("Sequence").asInt()).isEqualTo(answered.get(1).path("Sequence").asInt());
        impatient.updateCall(SMA_ID, call.transactionId, Map.of("Update", "end"));
        awaitEnded(impatient, call);
    }

    @Test
    void crashingHandler_endsTheCallCleanly_andLaterCallsStillWork() throws Exception {
        SmaEngine crashing = engine("sma-handler-crash", Duration.ofMillis(1500), Duration.ofMillis(8000));
        Call crashed = place(crashing, "crash", AGENT_NUMBER, Map.of(), null);

        awaitEnded(crashing, crashed);

        CallTimeline timeline = crashing.timeline(crashed.transactionId).orElseThrow();
        assertThat(String.valueOf(timeline.toJson().get("outcome"))).startsWith("failed");
        assertThat(callStatusReason(crashed)).isEqualTo("failed");
        assertThat(meetingEventNames(crashed)).contains("attendee-left");
        Call next = place(crashing, "bridge-vc", AGENT_NUMBER, Map.of(), null);
        awaitAgent(next, c -> c.state() == AgentCall.State.ANSWERED);
        crashing.updateCall(SMA_ID, next.transactionId, Map.of("Update", "end"));
        awaitEnded(crashing, next);
    }

    @Test
    void handlerThatNeverAnswers_isAbandonedAfterTheHangupTime() throws Exception {
        SmaEngine impatient = engine("sma-handler-hang", Duration.ofMillis(1500), Duration.ofMillis(4000));
        Call call = place(impatient, "hang", AGENT_NUMBER, Map.of(), null);

        awaitEnded(impatient, call);

        CallTimeline timeline = impatient.timeline(call.transactionId).orElseThrow();
        assertThat(String.valueOf(timeline.toJson().get("outcome"))).contains("within 4000 ms");
        assertThat(timeline.elapsedMs()).isGreaterThanOrEqualTo(4000);
    }

    @Test
    void controlPlaneErrors_unknownSmaUnknownTransactionForeignCallerId() {
        assertThatThrownBy(() -> engine.createCall("other", SMA_NUMBER, "+12065550123", Map.of(), Map.of()))
                .isInstanceOf(ChimeException.class).extracting(e -> ((ChimeException) e).status()).isEqualTo(404);
        assertThatThrownBy(() -> engine.updateCall(SMA_ID, "no-such-transaction", Map.of()))
                .isInstanceOf(ChimeException.class).extracting(e -> ((ChimeException) e).status()).isEqualTo(404);
        assertThatThrownBy(() -> engine.createCall(SMA_ID, "+12065550111", "+12065550123", Map.of(), Map.of()))
                .isInstanceOf(ChimeException.class).extracting(e -> ((ChimeException) e).status()).isEqualTo(400);
    }

    @Test
    void timelineIsWritten_withTheJoinTokenRedacted() throws Exception {
        Call call = place("bridge-vc", AGENT_NUMBER, Map.of());
        awaitAgent(call, c -> c.state() == AgentCall.State.ANSWERED);
        engine.updateCall(SMA_ID, call.transactionId, Map.of("Update", "end"));
        awaitEnded(call);

        String written = Files.readString(work.resolve("calls").resolve(call.transactionId + ".json"));
        assertThat(written).contains("CALL_ANSWERED").contains("<redacted>").doesNotContain(call.joinToken);
    }

    @Test
    void softphonesAnswerToTheCallersOffer_isPublishedOnThatCallsMeetingOnly_andTimelined() throws Exception {
        Call call = place("bridge-vc", AGENT_NUMBER, Map.of());
        Call other = place("bridge-vc", AGENT_NUMBER, Map.of());
        AgentCall atPbx = awaitAgent(call, c -> c.state() == AgentCall.State.ANSWERED);
        awaitAgent(other, c -> c.state() == AgentCall.State.ANSWERED);
        String answer = "v=0\r\no=- 7 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 40000 UDP/TLS/RTP/SAVPF 111\r\n";

        engine.agentListener().softphoneProgress(atPbx, EmbeddedAgent.CALLER_OFFER_RELAYED);
        engine.agentListener().callerMediaAnswered(atPbx, answer);

        assertThat(events.history(call.meetingId)).filteredOn(e -> e.name().equals(MeetingEvents.MEDIA_ANSWER))
                .extracting(MeetingEvents.Event::data).containsExactly(Map.of("sdp", answer));
        assertThat(meetingEventNames(other)).doesNotContain(MeetingEvents.MEDIA_ANSWER);
        CallTimeline timeline = engine.timeline(call.transactionId).orElseThrow();
        long offered = timeline.firstAt("pbx", "softphone: the caller's WebRTC offer relayed to the softphone");
        long answered = timeline.firstAt("pbx", "softphone: the softphone's answer relayed to the caller's page");
        assertThat(offered).isNotNegative();
        assertThat(answered).isGreaterThanOrEqualTo(offered);
        assertThat(Exchange.JSON.writeValueAsString(timeline.toJson())).as("the SDP stays out of the timeline").doesNotContain("SAVPF");
        engine.updateCall(SMA_ID, call.transactionId, Map.of("Update", "end"));
        engine.updateCall(SMA_ID, other.transactionId, Map.of("Update", "end"));
        awaitEnded(call);
        awaitEnded(other);
    }

    // ------------------------------------------------------------------------------------------------

    record Call(String transactionId, String meetingId, String email, String joinToken) {
    }

    static Call place(String scenario, String toNumber, Map<String, String> extra) {
        return place(scenario, toNumber, extra, null);
    }

    static Call place(String scenario, String toNumber, Map<String, String> extra, String tokenOverride) {
        return place(engine, scenario, toNumber, extra, tokenOverride);
    }

    static Call place(SmaEngine engine, String scenario, String toNumber, Map<String, String> extra, String tokenOverride) {
        return place(engine, meetings, scenario, toNumber, extra, tokenOverride);
    }

    static Call place(SmaEngine engine, Meetings meetings, String scenario, String toNumber, Map<String, String> extra,
            String tokenOverride) {
        String email = "caller" + CALLERS.incrementAndGet() + "@example.com";
        Meetings.Meeting meeting = meetings.create("token-" + email.replaceAll("[^a-z0-9]", ""), "ext-" + email, "us-east-1");
        Meetings.Attendee phoneAttendee = meetings.createAttendee(meeting.meetingId(), "phone-" + email);
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("MeetingId", meeting.meetingId());
        arguments.put("ToNumber", toNumber);
        arguments.put("VoiceConnectorArn", VC_ARN);
        arguments.put("OwnerEmail", email);
        arguments.put("Scenario", scenario);
        arguments.putAll(extra);
        String token = tokenOverride == null ? phoneAttendee.joinToken() : tokenOverride;
        String transactionId = engine.createCall(SMA_ID, SMA_NUMBER, MeetingDialIn.PHONE_NUMBER,
                Map.of(MeetingDialIn.JOIN_TOKEN_HEADER, token, MeetingDialIn.MEETING_ID_HEADER, meeting.meetingId()), arguments);
        return new Call(transactionId, meeting.meetingId(), email, phoneAttendee.joinToken());
    }

    static AgentCall awaitAgent(Call call, java.util.function.Predicate<AgentCall> condition) throws InterruptedException {
        Optional<AgentCall> found = agent.await(c -> c.header("X-RequestorEmail").orElse("").equals(call.email) && condition.test(c),
                Duration.ofSeconds(20));
        assertThat(found).as("the call of %s at the PBX", call.email).isPresent();
        return found.get();
    }

    static void awaitEnded(Call call) throws InterruptedException {
        awaitEnded(engine, call);
    }

    static void awaitEnded(SmaEngine engine, Call call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (engine.timeline(call.transactionId).map(CallTimeline::isEnded).orElse(false)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("call " + call.transactionId + " did not end: " + engine.timeline(call.transactionId).map(CallTimeline::toJson));
    }

    static void awaitEvent(Call call, String type) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (events(call).stream().anyMatch(e -> e.path("InvocationEventType").asText().equals(type))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type + " for " + call.transactionId);
    }

    static List<JsonNode> events(Call call) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        if (!Files.exists(eventLog)) {
            return found;
        }
        for (String line : Files.readAllLines(eventLog)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event = Exchange.JSON.readTree(line);
            if (event.path("CallDetails").path("TransactionId").asText().equals(call.transactionId)) {
                found.add(event);
            }
        }
        return found;
    }

    static JsonNode find(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("InvocationEventType").asText().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
    }

    static JsonNode leg(JsonNode event, String tag) {
        for (JsonNode p : event.path("CallDetails").path("Participants")) {
            if (p.path("ParticipantTag").asText().equals(tag)) {
                return p;
            }
        }
        throw new AssertionError("no " + tag + " in " + event);
    }

    static List<String> meetingEventNames(Call call) {
        return events.history(call.meetingId).stream().map(MeetingEvents.Event::name).toList();
    }

    static String callStatusReason(Call call) {
        return events.history(call.meetingId).stream().filter(e -> e.name().equals("call-status") && "ended".equals(e.data().get("status")))
                .map(e -> String.valueOf(e.data().get("reason"))).findFirst().orElse(null);
    }
}
