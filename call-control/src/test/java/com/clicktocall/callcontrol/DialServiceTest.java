package com.clicktocall.callcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.api.CallerIdentity;
import com.clicktocall.api.ChimeClientSettings;
import com.clicktocall.api.ChimeFailureException;
import com.clicktocall.api.ChimeTimeoutException;
import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.CallRecord;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerClients;
import com.clicktocall.ledger.UserCallLimits;
import com.clicktocall.model.ledger.CallState;
import com.clicktocall.model.ledger.EndReason;
import com.clicktocall.testsupport.Dynalite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import com.clicktocall.model.api.DialResponse;
import com.clicktocall.model.dial.RefusalReason;
import com.clicktocall.testsupport.RecordingHttpServer;
import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import com.clicktocall.testsupport.MetricRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmeetings.ChimeSdkMeetingsClient;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/** {@link DialService} without Quarkus: real SDK clients against a loopback Chime. */
class DialServiceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CallerIdentity CALLER = new CallerIdentity("0e0c3a52-8d5b-4e43-9b6a-6a7d0c1f2e3d", Optional.empty(), false);

    static Dynalite dynalite;

    RecordingHttpServer chime;
    ChimeSdkMeetingsClient meetings;
    ChimeSdkVoiceClient voice;
    DynamoDbClient db;
    String table;
    final MetricRecords metricRecords = new MetricRecords();

    @BeforeAll
    static void startLedger() throws Exception {
        dynalite = Dynalite.start(Dynalite.defaultInstallation(), 0);
    }

    @AfterAll
    static void stopLedger() {
        dynalite.close();
    }

    @BeforeEach
    void startChime() throws Exception {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        chime = RecordingHttpServer.start();
        ChimeStub.answersEverything(chime);
        TestConfig config = TestConfig.valid().withChimeEndpoint(chime.uri());
        meetings = ChimeClientSettings.configure(ChimeSdkMeetingsClient.builder(), Region.US_EAST_1, config,
                ChimeClientSettings.Attempts.RETRY_ONCE).build();
        voice = ChimeClientSettings.configure(ChimeSdkVoiceClient.builder(), Region.US_WEST_2, config,
                ChimeClientSettings.Attempts.EXACTLY_ONCE).build();
        table = "ledger-" + UUID.randomUUID();
        dynalite.createTableFromTemplate(Dynalite.repositoryFile("template.yaml"), "CallLedgerTable", table);
        db = LedgerClients.build("us-east-1", Optional.of(dynalite.uri()), Duration.ofSeconds(5), 3);
    }

    @AfterEach
    void stopChime() {
        meetings.close();
        voice.close();
        chime.close();
        db.close();
    }

    DialService service(TestConfig config) {
        return service(config, new UserCallLimits.Limits(1, 20));
    }

    DialService service(TestConfig config, UserCallLimits.Limits limits) {
        DialService.DialLedger ledger = CallControlBeans.dialLedger(db, table, config, Clock.systemUTC());
        DialService.DialLedger limited = new DialService.DialLedger(ledger.claims(), ledger.slots(), limits, ledger.calls(),
                ledger.diallingLease());
        DialSettings settings = DialSettings.from(config);
        return new DialService(settings, new CallPlacement(meetings, voice, settings), limited, JSON,
                new CallMetrics(metricRecords, "call-control"), Clock.systemUTC());
    }

    /** The metric records with {@code metric}, as JSON. */
    List<JsonNode> metrics(String metric) {
        return metricRecords.with(metric);
    }

    CallRecords calls() {
        return new CallRecords(db, table, Clock.systemUTC(), Duration.ofDays(7));
    }

    @Test
    void refusedNumber_neverReachesChime() {
        assertThatThrownBy(() -> service(TestConfig.valid()).dial(CALLER, Optional.empty(), "+1 876 555 1234"))
                .isInstanceOfSatisfying(DialRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefusalReason.DESTINATION_NOT_ALLOWED));
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void missingNumber_dialsTheConfiguredDefault() throws Exception {
        DialResponse response = service(TestConfig.valid().withDefaultToNumber("206-266-1000")).dial(CALLER, Optional.empty(), " ");

        assertThat(response.toNumber()).isEqualTo("+12062661000");
        assertThat(JSON.readTree(chime.requests("POST", "/sip-media-applications/.*").get(0).body()).at("/ArgumentsMap/ToNumber").asText())
                .isEqualTo("+12062661000");
    }

    @Test
    void missingNumberWithoutDefault_isRefusedAsMissing() {
        assertThatThrownBy(() -> service(TestConfig.valid()).dial(CALLER, Optional.empty(), null))
                .isInstanceOfSatisfying(DialRefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.NUMBER_MISSING));
    }

    @Test
    void failedCall_deletesTheMeetingEvenWhenDeletingFailsToo() {
        chime.on("POST", "/sip-media-applications/[^/]+/calls", Stub.awsError(403, "ForbiddenException", "no"));
        chime.on("DELETE", "/meetings/[^/]+", Stub.awsError(500, "ServiceFailureException", "also no"));

        assertThatThrownBy(() -> service(TestConfig.valid()).dial(CALLER, Optional.empty(), "+12062661000"))
                .isInstanceOf(ChimeFailureException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(chime.requests("DELETE", "/meetings/" + ChimeStub.MEETING_ID)).isNotEmpty();
    }

    @Test
    void responseCarriesTheBrowserAttendeeNotThePhoneLeg() {
        DialResponse response = service(TestConfig.valid()).dial(CALLER, Optional.empty(), "+12062661000");

        assertThat(response.attendee().attendee().externalUserId()).isEqualTo(CALLER.sub());
        assertThat(response.attendee().attendee().joinToken()).isEqualTo(ChimeStub.BROWSER_JOIN_TOKEN);
        assertThat(response.attendee().toString()).doesNotContain(ChimeStub.BROWSER_JOIN_TOKEN);
        assertThat(response.meeting().meeting().mediaRegion()).isEqualTo("eu-central-1");
    }

    // --- metrics --------------------------------------------------------------------------------------

    @Test
    void anAcceptedDial_countsOneCallPlaced_andItsReplayNone() {
        DialService service = service(TestConfig.valid());

        service.dial(CALLER, Optional.of("press-1"), "+12062661000");
        service.dial(CALLER, Optional.of("press-1"), "+12062661000");

        assertThat(metrics(CallMetrics.CALLS_PLACED)).singleElement().satisfies(record -> {
            assertThat(record.path(CallMetrics.CALLS_PLACED).asInt()).isEqualTo(1);
            assertThat(record.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo(CallMetrics.NAMESPACE);
            assertThat(record.path("function").asText()).isEqualTo("call-control");
        });
        assertThat(metrics(CallMetrics.DIALS_REFUSED)).isEmpty();
        assertThat(metrics(CallMetrics.CALLS_ENDED)).isEmpty();
    }

    @Test
    void aNumberThePolicyRefuses_countsADialRefusedByItsRule() {
        assertThatThrownBy(() -> service(TestConfig.valid()).dial(CALLER, Optional.empty(), "+1 876 555 1234"))
                .isInstanceOf(DialRefusedException.class);

        assertThat(metrics(CallMetrics.DIALS_REFUSED)).singleElement().satisfies(record -> {
            assertThat(record.path(CallMetrics.RULE).asText()).isEqualTo(RefusalReason.DESTINATION_NOT_ALLOWED.code());
            assertThat(record.at("/_aws/CloudWatchMetrics/0/Dimensions/0/0").asText()).isEqualTo(CallMetrics.RULE);
        });
        assertThat(metrics(CallMetrics.CALLS_PLACED)).isEmpty();
    }

    @Test
    void dialsPastTheUsersLimits_countLimitRefusalsByLimit() {
        DialService oneAtATime = service(TestConfig.valid(), new UserCallLimits.Limits(1, 20));
        oneAtATime.dial(CALLER, Optional.of("press-1"), "+12062661000");
        assertThatThrownBy(() -> oneAtATime.dial(CALLER, Optional.of("press-2"), "+12062661000")).isInstanceOf(CallLimitException.class);

        DialService onePerHour = service(TestConfig.valid(), new UserCallLimits.Limits(10, 1));
        assertThatThrownBy(() -> onePerHour.dial(CALLER, Optional.of("press-3"), "+12062661000")).isInstanceOf(CallLimitException.class);

        assertThat(metrics(CallMetrics.LIMIT_REFUSALS)).extracting(record -> record.path(CallMetrics.LIMIT).asText())
                .containsExactly(CallLimitException.CALL_IN_PROGRESS, CallLimitException.TOO_MANY_CALLS);
        assertThat(metrics(CallMetrics.CALLS_PLACED)).hasSize(1);
    }

    @Test
    void aDialThatFailsAfterItWasRecorded_countsItsEndAsFailedOnce() {
        chime.on("POST", "/sip-media-applications/[^/]+/calls", Stub.awsError(403, "ForbiddenException", "no"));

        assertThatThrownBy(() -> service(TestConfig.valid()).dial(CALLER, Optional.of("press-1"), "+12062661000"))
                .isInstanceOf(ChimeFailureException.class);

        assertThat(metrics(CallMetrics.CALLS_PLACED)).hasSize(1);
        assertThat(metrics(CallMetrics.CALLS_ENDED)).singleElement().satisfies(record -> {
            assertThat(record.path(CallMetrics.REASON).asText()).isEqualTo(EndReason.FAILED.wireName());
            assertThat(record.path(CallMetrics.OUTCOME).asText()).isEqualTo("failed");
        });
    }

    // --- the call ledger ------------------------------------------------------------------------------

    @Test
    void aDial_isRecordedAsDiallingWithItsMeetingAndTransaction() {
        DialResponse response = service(TestConfig.valid()).dial(CALLER, Optional.of("press-1"), "+12062661000");

        String callId = calls().byTransactionId(response.transactionId()).orElseThrow().callId();
        CallRecord call = calls().byCallId(callId).orElseThrow();
        assertThat(call.state()).isEqualTo(CallState.DIALLING);
        assertThat(call.transactionId()).contains(response.transactionId());
        assertThat(call.ownerSub()).isEqualTo(CALLER.sub());
        assertThat(call.toNumber()).isEqualTo("+12062661000");
        assertThat(call.meetingId()).contains(ChimeStub.MEETING_ID);
    }

    @Test
    void retriesOfOnePress_placeOneCall_andGetTheSameAnswer() {
        DialService service = service(TestConfig.valid());

        DialResponse first = service.dial(CALLER, Optional.of("press-1"), "+12062661000");
        DialResponse again = service.dial(CALLER, Optional.of("press-1"), "+12062661000");

        assertThat(again).isEqualTo(first);
        assertThat(chime.requests("POST", "/meetings")).hasSize(1);
        assertThat(chime.requests("POST", "/meetings/[^/]+/attendees")).hasSize(2);
        assertThat(chime.requests("POST", "/sip-media-applications/.*")).hasSize(1);
    }

    @Test
    void aRetryWhileTheFirstIsRunning_isToldToWait() throws Exception {
        chime.on("POST", "/sip-media-applications/[^/]+/calls",
                Stub.json(201, "{\"SipMediaApplicationCall\":{\"TransactionId\":\"tx-slow\"}}").after(Duration.ofMillis(1_200)));
        DialService service = service(TestConfig.valid());
        CompletableFuture<DialResponse> first = CompletableFuture.supplyAsync(() -> service.dial(CALLER, Optional.of("press-1"), "+12062661000"));
        awaitRequest("POST", "/sip-media-applications/.*");

        assertThatThrownBy(() -> service.dial(CALLER, Optional.of("press-1"), "+12062661000"))
                .isInstanceOfSatisfying(DialInProgressException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.headers().get("Retry-After")).isIn("1", "2");
                });
        assertThat(first.get().transactionId()).isEqualTo("tx-slow");
        assertThat(service.dial(CALLER, Optional.of("press-1"), "+12062661000").transactionId()).isEqualTo("tx-slow");
        assertThat(chime.requests("POST", "/sip-media-applications/.*")).hasSize(1);
    }

    @Test
    void afterAFailedAttempt_theSameKeyTriesAfresh_andTheSlotIsFree() {
        chime.on("POST", "/sip-media-applications/[^/]+/calls", Stub.awsError(403, "ForbiddenException", "no"));
        DialService service = service(TestConfig.valid());
        assertThatThrownBy(() -> service.dial(CALLER, Optional.of("press-1"), "+12062661000")).isInstanceOf(ChimeFailureException.class);

        ChimeStub.answersEverything(chime);
        DialResponse retry = service.dial(CALLER, Optional.of("press-1"), "+12062661000");

        assertThat(retry.transactionId()).isEqualTo(ChimeStub.TRANSACTION_ID);
        assertThat(chime.requests("POST", "/sip-media-applications/.*")).hasSize(2);
    }

    @Test
    void theSameKeyFromAnotherUser_isAnotherCall() {
        DialService service = service(TestConfig.valid());
        service.dial(CALLER, Optional.of("press-1"), "+12062661000");
        service.dial(new CallerIdentity("1f1d4b63-9e6c-4f54-8c7b-7b8e1d2f3a4e", Optional.empty(), false), Optional.of("press-1"), "+12062661000");

        assertThat(chime.requests("POST", "/sip-media-applications/.*")).hasSize(2);
    }

    @Test
    void aSlowCreateSipMediaApplicationCall_isSentOnce() {
        // Slower than half the 2 s Chime timeout: a client with two attempts would have sent it again.
        chime.on("POST", "/sip-media-applications/[^/]+/calls",
                Stub.json(201, "{\"SipMediaApplicationCall\":{\"TransactionId\":\"tx-slow\"}}").after(Duration.ofMillis(1_500)));

        DialResponse response = service(TestConfig.valid()).dial(CALLER, Optional.empty(), "+12062661000");

        assertThat(response.transactionId()).isEqualTo("tx-slow");
        assertThat(chime.requests("POST", "/sip-media-applications/.*")).hasSize(1);
    }

    @Test
    void aCreateSipMediaApplicationCallThatTimesOut_isSentOnce_deletesTheMeeting_andEndsTheCallAsFailed() throws Exception {
        chime.on("POST", "/sip-media-applications/[^/]+/calls",
                Stub.json(201, "{\"SipMediaApplicationCall\":{\"TransactionId\":\"late\"}}").after(Duration.ofSeconds(3)));
        DialService service = service(TestConfig.valid());

        assertThatThrownBy(() -> service.dial(CALLER, Optional.of("press-1"), "+12062661000")).isInstanceOf(ChimeTimeoutException.class);

        assertThat(chime.requests("POST", "/sip-media-applications/.*")).hasSize(1);
        assertThat(chime.requests("DELETE", "/meetings/" + ChimeStub.MEETING_ID)).hasSize(1);
        String callId = JSON.readTree(chime.requests("POST", "/meetings").get(0).body()).path("ClientRequestToken").asText();
        CallRecord call = calls().byCallId(callId).orElseThrow();
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(call.reason()).contains(EndReason.FAILED);
        ChimeStub.answersEverything(chime);
        assertThat(service.dial(CALLER, Optional.of("press-2"), "+12062661000")).as("the slot is free again").isNotNull();
    }

    @Test
    void eightSimultaneousDials_placeExactlyTheAllowedCalls() throws Exception {
        DialService service = service(TestConfig.valid(), new UserCallLimits.Limits(1, 20));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> dials = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String key = "press-" + i;
                dials.add(pool.submit(() -> {
                    try {
                        return service.dial(CALLER, Optional.of(key), "+12062661000");
                    } catch (CallLimitException e) {
                        return e;
                    }
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> dial : dials) {
                outcomes.add(dial.get());
            }
            assertThat(outcomes).filteredOn(DialResponse.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(CallLimitException.class::isInstance).hasSize(7)
                    .allSatisfy(e -> assertThat(((CallLimitException) e).code()).isEqualTo(CallLimitException.CALL_IN_PROGRESS));
            assertThat(chime.requests("POST", "/sip-media-applications/.*")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dialsBeyondTheHourlyLimit_areRefusedWithWhenToTryAgain() {
        DialService service = service(TestConfig.valid(), new UserCallLimits.Limits(10, 2));
        service.dial(CALLER, Optional.of("press-1"), "+12062661000");
        service.dial(CALLER, Optional.of("press-1"), "+12062661000");
        service.dial(CALLER, Optional.of("press-2"), "+12062661000");

        assertThatThrownBy(() -> service.dial(CALLER, Optional.of("press-3"), "+12062661000"))
                .isInstanceOfSatisfying(CallLimitException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo(CallLimitException.TOO_MANY_CALLS);
                    assertThat(e.getMessage()).contains("2 calls in the last hour").contains("60 minutes");
                    assertThat(Long.parseLong(e.headers().get("Retry-After"))).isBetween(3_500L, 3_600L);
                });
        assertThat(chime.requests("POST", "/sip-media-applications/.*")).as("a replay does not count").hasSize(2);
    }

    @Test
    void withTheLedgerDown_noCallIsPlaced() {
        db = LedgerClients.build("us-east-1", Optional.of(java.net.URI.create("http://127.0.0.1:9")), Duration.ofMillis(500), 1);

        assertThatThrownBy(() -> service(TestConfig.valid()).dial(CALLER, Optional.empty(), "+12062661000"))
                .isInstanceOfSatisfying(LedgerUnavailableException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(chime.requests()).isEmpty();
    }

    private void awaitRequest(String method, String path) throws InterruptedException {
        for (int i = 0; i < 200 && chime.requests(method, path).isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(chime.requests(method, path)).isNotEmpty();
    }
}
