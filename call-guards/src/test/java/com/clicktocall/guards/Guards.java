package com.clicktocall.guards;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.CallRecord;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerClients;
import com.clicktocall.ledger.UserCallLimits;
import com.clicktocall.testsupport.Dynalite;
import com.clicktocall.testsupport.MetricRecords;
import com.clicktocall.testsupport.MovableClock;
import com.clicktocall.testsupport.RecordingHttpServer;
import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The guards against a real ledger (dynalite, one per test JVM, a fresh table per fixture, created from
 * template.yaml) and a Chime stand-in on 127.0.0.1, with a clock the test moves and the metric records
 * collected.
 */
final class Guards implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SMA_ID = "11111111-2222-3333-4444-555555555555";
    static final String REGION = "us-east-1";
    static final Duration MAX_CALL = Duration.ofSeconds(60);

    private static Dynalite dynalite;

    final String table = "ledger-" + UUID.randomUUID();
    final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
    final MetricRecords metricRecords = new MetricRecords();
    final RecordingHttpServer chime = RecordingHttpServer.start();
    final DynamoDbClient db;
    final CallRecords calls;
    final UserCallLimits limits;
    final GuardSettings settings = new GuardSettings(REGION, SMA_ID, Duration.ofSeconds(20), Duration.ofSeconds(15),
            Duration.ofSeconds(30), MAX_CALL, Duration.ofDays(7));
    final ChimeCalls chimeCalls;
    final CallMetrics metrics = new CallMetrics(metricRecords, "test");
    final CallEnding ending;
    /** Runs while a dropped caller is waited for, after the clock has moved. */
    volatile Runnable duringWait = () -> { };

    Guards() throws Exception {
        synchronized (Guards.class) {
            if (dynalite == null) {
                dynalite = Dynalite.start(Dynalite.defaultInstallation(), 0);
                Dynalite started = dynalite;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            }
        }
        dynalite.createTableFromTemplate(Dynalite.repositoryFile("template.yaml"), "CallLedgerTable", table);
        db = LedgerClients.build(REGION, Optional.of(dynalite.uri()), Duration.ofSeconds(5), 3);
        calls = new CallRecords(db, table, clock, settings.retention());
        limits = new UserCallLimits(db, table, clock);
        chimeCalls = new ChimeCalls(ChimeCalls.voiceClient(REGION, Optional.of(chime.uri())),
                ChimeCalls.meetingsClient(REGION, Optional.of(chime.uri())), SMA_ID);
        ending = new CallEnding(calls, limits, metrics, chimeCalls, clock);
        chime.on("POST", "/sip-media-applications/[^/]+/calls/[^/]+",
                Stub.json(200, "{\"SipMediaApplicationCall\":{\"TransactionId\":\"x\"}}"));
        chime.on("DELETE", "/meetings/[^/]+", Stub.status(204));
    }

    MeetingEventProcessor meetingEvents() {
        return new MeetingEventProcessor(JSON, calls, ending, settings, clock, duration -> {
            clock.advance(duration);
            duringWait.run();
        });
    }

    CallSweeper sweeper() {
        return new CallSweeper(calls, ending, chimeCalls, metrics, settings, clock);
    }

    /** A call as call-control leaves it: dialling, its meeting and SMA transaction known, a slot held. */
    TestCall dialled(String ownerSub) {
        return dialled(ownerSub, UUID.randomUUID().toString());
    }

    TestCall dialled(String ownerSub, String meetingId) {
        String callId = UUID.randomUUID().toString();
        String transactionId = UUID.randomUUID().toString();
        assertThat(limits.admit(ownerSub, callId, Duration.ofMinutes(2), new UserCallLimits.Limits(1, 20)))
                .isInstanceOf(UserCallLimits.Admission.Admitted.class);
        calls.dialling(callId, ownerSub, "+12065550100", "PSTN");
        calls.identify(callId, meetingId, Optional.of(transactionId));
        return new TestCall(callId, ownerSub, meetingId, transactionId);
    }

    TestCall connected(String ownerSub) {
        TestCall call = dialled(ownerSub);
        calls.connected(call.callId(), call.transactionId());
        return call;
    }

    CallRecord record(TestCall call) {
        return calls.byCallId(call.callId()).orElseThrow();
    }

    /** Whether the owner could take a slot now (its earlier call's slot was freed). */
    boolean slotFree(TestCall call) {
        return limits.admit(call.ownerSub(), UUID.randomUUID().toString(), Duration.ofMinutes(2), new UserCallLimits.Limits(1, 20))
                instanceof UserCallLimits.Admission.Admitted;
    }

    List<RecordingHttpServer.Request> hangUps(TestCall call) {
        return chime.requests("POST", "/sip-media-applications/" + SMA_ID + "/calls/" + call.transactionId());
    }

    List<RecordingHttpServer.Request> meetingDeletes(TestCall call) {
        return chime.requests("DELETE", "/meetings/" + call.meetingId());
    }

    /** The metric records that counted a call's end. */
    List<JsonNode> callsEnded() {
        return metricRecords.with(CallMetrics.CALLS_ENDED);
    }

    List<JsonNode> sweeperEnds() {
        return metricRecords.with(CallMetrics.SWEEPER_ENDS);
    }

    /** A Chime meeting event as EventBridge delivers it. */
    static byte[] event(String eventType, String region, String meetingId, String externalUserId, Instant at) {
        String attendee = externalUserId == null ? ""
                : ",\"attendeeId\":\"" + UUID.randomUUID() + "\",\"externalUserId\":\"" + externalUserId + "\",\"networkType\":\"Ipv4\"";
        return ("{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"Chime Meeting State Change\","
                + "\"source\":\"aws.chime\",\"account\":\"123456789012\",\"time\":\"" + at + "\",\"region\":\"" + region + "\","
                + "\"resources\":[],\"detail\":{\"version\":\"0\",\"eventType\":\"" + eventType + "\",\"timestamp\":" + at.toEpochMilli()
                + ",\"meetingId\":\"" + meetingId + "\"" + attendee + ",\"mediaRegion\":\"us-east-1\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        chime.close();
        db.close();
    }

    record TestCall(String callId, String ownerSub, String meetingId, String transactionId) {
    }
}
