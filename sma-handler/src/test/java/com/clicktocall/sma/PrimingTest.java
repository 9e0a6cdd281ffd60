package com.clicktocall.sma;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.model.dial.DialPolicy;
import com.clicktocall.model.sma.InvocationEventType;
import com.clicktocall.testsupport.MetricRecords;
import com.clicktocall.testsupport.RecordingHttpServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrimingTest {

    /** Stands in for both DynamoDB and Chime: every request that reaches the network is recorded here. */
    private final RecordingHttpServer aws = RecordingHttpServer.start()
            .on("POST", "/.*", RecordingHttpServer.Stub.json(200, "{}"))
            .on("DELETE", "/meetings/.*", RecordingHttpServer.Stub.status(204));
    private final ChimeMeetingTeardown meetings = new ChimeMeetingTeardown("us-east-1", Optional.of(aws.uri()));
    private final MetricRecords metrics = new MetricRecords();
    private final DynamoCallLedger ledger = new DynamoCallLedger("us-east-1", Optional.of(aws.uri()), "ledger",
            Duration.ofMinutes(60), Duration.ofDays(7), new CallMetrics(Priming.quietWhilePriming(metrics), "sma-handler"));
    private final List<String> logged = new ArrayList<>();
    private final SmaEventProcessor processor = new SmaEventProcessor(
            new CallFlow(new BridgeSettings("+12065550100", 30), DialPolicy.defaults(Optional.empty()), meetings, ledger),
            Priming.quietWhilePriming(logged::add));

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void priming_runsEveryEventTypeThroughTheHandler_andReachesNoEndpoint_writesNothing_logsNothing() throws IOException {
        Priming.Primed primed = Priming.prime(processor);

        assertThat(primed.rounds()).isBetween(Priming.MINIMUM_ROUNDS, Priming.ROUNDS);
        assertThat(primed.events()).isEqualTo(Priming.EVENTS.size() * primed.rounds());
        // Ledger writes and lookups, and meeting deletions, went the whole way: to the loopback stand-in.
        assertThat(primed.awsRequests()).isGreaterThan(primed.rounds() * 4);
        assertThat(aws.requests()).as("requests that reached the configured endpoints").isEmpty();
        assertThat(logged).as("event lines").isEmpty();
        assertThat(metrics.lines()).as("call metrics").isEmpty();
        assertThat(primedEventTypes()).containsAll(EnumSet.complementOf(EnumSet.of(InvocationEventType.UNKNOWN)));
    }

    @Test
    void afterPriming_theSameClientsReachTheirEndpoints_andEventsAreLoggedAgain() throws IOException {
        Priming.prime(processor);

        assertThat(meetings.deleteMeeting("4a1c7e5b-6f0b-4f58-9c2e-3d7a2f1b0c9e")).isEqualTo(MeetingTeardown.Result.DELETED);
        assertThat(ledger.ringing("0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "9b9d2c1a-6f3e-4f7a-8c2d-5e4b3a2f1e0d"))
                .isNotEqualTo(CallLedger.Outcome.FAILED);
        assertThat(aws.requests()).extracting(RecordingHttpServer.Request::method).containsExactlyInAnyOrder("DELETE", "POST");

        processor.process(Files.readAllBytes(SampleEvents.DIR.resolve("sma-ringing.json")));
        assertThat(logged).hasSize(1);
    }

    @Test
    void priming_leavesLambdasTraceHeaderAsItFoundIt() {
        String before = System.getProperty(Priming.TRACE_HEADER_PROPERTY);
        try {
            System.clearProperty(Priming.TRACE_HEADER_PROPERTY);
            Priming.prime(processor);
            assertThat(System.getProperty(Priming.TRACE_HEADER_PROPERTY)).as("left behind by priming").isNull();

            System.setProperty(Priming.TRACE_HEADER_PROPERTY, "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
            Priming.prime(processor);
            assertThat(System.getProperty(Priming.TRACE_HEADER_PROPERTY)).isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        } finally {
            if (before == null) {
                System.clearProperty(Priming.TRACE_HEADER_PROPERTY);
            } else {
                System.setProperty(Priming.TRACE_HEADER_PROPERTY, before);
            }
        }
    }

    @Test
    void primingEvents_areEverySmaSampleOfTheRepository() throws IOException {
        try (Stream<Path> files = Files.list(SampleEvents.DIR)) {
            Set<String> samples = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith("sma-") && name.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(new TreeSet<>(Priming.EVENTS)).isEqualTo(samples);
        }
    }

    private Set<InvocationEventType> primedEventTypes() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<InvocationEventType> types = EnumSet.noneOf(InvocationEventType.class);
        for (String name : Priming.EVENTS) {
            String type = json.readTree(SampleEvents.DIR.resolve(name).toFile()).path("InvocationEventType").asText();
            types.add(InvocationEventType.valueOf(type));
        }
        return types;
    }
}
