package com.clicktocall.benchmarks;

import com.clicktocall.sma.BridgeSettings;
import com.clicktocall.sma.CallFlow;
import com.clicktocall.sma.MeetingTeardown;
import com.clicktocall.sma.SmaEventProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-event cost of the SMA handler on a warm container: event JSON bytes in, response JSON bytes
 * out, through {@link SmaEventProcessor} exactly as the Lambda function runs it (parsing, the call
 * flow, serialising, building the log line), minus the Lambda runtime. DeleteMeeting is replaced by an
 * answer of "deleted": its network time is not the handler's.
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

    private byte[] eventJson;
    private SmaEventProcessor processor;

    @Setup
    public void setUp(Blackhole logSink) {
        eventJson = sampleEvent(event);
        MeetingTeardown deleted = meetingId -> MeetingTeardown.Result.DELETED;
        processor = new SmaEventProcessor(new CallFlow(new BridgeSettings("+12065550100", 30), deleted), logSink::consume);
    }

    @Benchmark
    public byte[] process() {
        return processor.process(eventJson);
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
