package com.clicktocall.benchmarks;

import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerClients;
import com.clicktocall.model.ledger.EndReason;
import com.clicktocall.sma.BridgeSettings;
import com.clicktocall.sma.CallFlow;
import com.clicktocall.sma.CallLedger;
import com.clicktocall.sma.DynamoCallLedger;
import com.clicktocall.sma.MeetingTeardown;
import com.clicktocall.sma.SmaEventProcessor;
import com.clicktocall.testsupport.Dynalite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The per-event cost of the SMA handler on a warm container: event JSON bytes in, response JSON bytes
 * out, through {@link SmaEventProcessor} exactly as the Lambda function runs it (parsing, the call
 * flow, serialising, building the log line), minus the Lambda runtime. DeleteMeeting is replaced by an
 * answer of "deleted": its network time is not the handler's.
 *
 * <p>{@code ledger=none} answers every call-ledger write at once (the handler's own cost);
 * {@code ledger=dynalite} writes to a real DynamoDB-compatible server on loopback (dynalite, the local
 * stack's), so the difference is what a ledger write adds to the event that makes one: a round trip,
 * conditional and answered "unchanged" after the first time, as an SMA retry is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SmaEventBenchmark {

    @Param({"sma-call-answered-voice-connector", "sma-hangup-leg-b", "sma-call-update-requested-digits"})
    String event;

    @Param({"none", "dynalite"})
    String ledger;

    private byte[] eventJson;
    private SmaEventProcessor processor;
    private Dynalite dynamoDb;

    @Setup
    public void setUp(Blackhole logSink) throws IOException, InterruptedException {
        eventJson = sampleEvent(event);
        MeetingTeardown deleted = meetingId -> MeetingTeardown.Result.DELETED;
        processor = new SmaEventProcessor(new CallFlow(new BridgeSettings("+12065550100", 30), deleted, callLedger()),
                logSink::consume);
    }

    @TearDown
    public void tearDown() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    private CallLedger callLedger() throws IOException, InterruptedException {
        if (ledger.equals("none")) {
            return new WrittenAtOnce();
        }
        dynamoDb = Dynalite.start(Dynalite.defaultInstallation(), 0);
        dynamoDb.createTableFromTemplate(Dynalite.repositoryFile("template.yaml"), "CallLedgerTable", TABLE);
        DynamoCallLedger dynamo = new DynamoCallLedger("us-east-1", Optional.of(dynamoDb.uri()), TABLE, Duration.ofMinutes(60),
                Duration.ofDays(7), new CallMetrics(line -> { }, "benchmark"));
        dynamo.prepare();
        // The samples' call, with its caller in the meeting: CALL_ANSWERED's join gate reads it and bridges.
        try (DynamoDbClient db = LedgerClients.build("us-east-1", Optional.of(dynamoDb.uri()), Duration.ofSeconds(5), 1, List.of())) {
            CallRecords calls = new CallRecords(db, TABLE, Clock.systemUTC(), Duration.ofDays(7));
            calls.dialling(SAMPLE_CALL_ID, "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09", "+12065550199", "VOICE_CONNECTOR");
            calls.callerJoined(SAMPLE_CALL_ID, Instant.now());
        }
        return dynamo;
    }

    @Benchmark
    public byte[] process() {
        return processor.process(eventJson);
    }

    private static final String TABLE = "click-to-call-ledger";
    /** The ledger's call id in the sample events' transaction attributes. */
    private static final String SAMPLE_CALL_ID = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    /** A ledger that costs nothing: every write is done at once, and every sample's call has its attributes. */
    private static final class WrittenAtOnce implements CallLedger {
        @Override
        public Optional<KnownCall> byTransactionId(String transactionId) {
            return Optional.empty();
        }

        @Override
        public Outcome ringing(String callId, String transactionId) {
            return Outcome.WRITTEN;
        }

        @Override
        public Outcome connected(String callId, String ownerSub, String transactionId) {
            return Outcome.WRITTEN;
        }

        @Override
        public Outcome ended(String callId, String ownerSub, EndReason reason, Set<EndReason> replaces) {
            return Outcome.WRITTEN;
        }

        @Override
        public Caller caller(String callId) {
            return Caller.PRESENT;
        }
    }

    static byte[] sampleEvent(String name) {
        try (InputStream in = SmaEventBenchmark.class.getResourceAsStream("/events/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample event " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
