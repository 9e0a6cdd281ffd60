package com.clicktocall.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.LocalStack;
import com.clicktocall.localstack.StackConfig;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.lambda.InvocationLog;
import com.clicktocall.localstack.sip.AgentCall;
import com.clicktocall.localstack.sip.EmbeddedAgent;
import com.clicktocall.localstack.sma.CallTimeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100 calls dialled at once by 10 users through the whole stack (API, call-control, the SMA engine, sma-handler,
 * SIP to the embedded agent), then ended: none may be lost, every meeting must be gone. Reports calls
 * per second and the time from POST /dial to the INVITE at the PBX, in the console and in
 * {@code target/load-run.json}.
 */
@Timeout(300)
class LoadRunTest {

    static final int CALLS = Integer.getInteger("local-stack.load.calls", 100);
    /** Signed-in users the calls are spread over, as on a real site (each user's own calls share one limits item). */
    static final int CALLERS = Integer.getInteger("local-stack.load.callers", 10);
    static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void hundredConcurrentCalls_allReachThePbx_allEnd_everyMeetingIsDeleted() throws Exception {
        LocalStack stack = RunningStack.get();
        EmbeddedAgent agent = stack.agent().orElseThrow();
        stack.engine().route(agent.target(), agent.target());
        List<Browser> callers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            callers.add(Browser.signedIn(stack));
        }
        Browser caller = callers.getFirst();
        String warmUp = caller.dial(ClickToCallEndToEndTest.PSTN_NUMBER).body().path("transactionId").asText();
        caller.end(warmUp);
        ClickToCallEndToEndTest.stack = stack;
        ClickToCallEndToEndTest.awaitEnded(warmUp);
        int agentCallsBefore = agent.calls().size();

        record Dialled(Instant sentAt, Browser.Answer answer) {
        }
        List<Dialled> dialled;
        Instant firstDial = Instant.now();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Dialled>> futures = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                Browser user = callers.get(i % CALLERS);
                futures.add(CompletableFuture.supplyAsync(() -> {
                    Instant sentAt = Instant.now();
                    try {
                        return new Dialled(sentAt, user.dial(StackConfig.VOICE_CONNECTOR_PHONE_NUMBER));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, clients));
            }
            dialled = futures.stream().map(CompletableFuture::join).toList();
        }

        assertThat(dialled).allSatisfy(d -> assertThat(d.answer().status()).as(d.answer().text()).isEqualTo(200));
        List<String> transactions = dialled.stream().map(d -> d.answer().body().path("transactionId").asText()).toList();
        assertThat(transactions).doesNotHaveDuplicates();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (agent.calls().size() - agentCallsBefore < CALLS && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(agent.calls().size() - agentCallsBefore).as("INVITEs at the PBX").isEqualTo(CALLS);

        List<Long> dialToInviteMs = new ArrayList<>();
        Instant lastInvite = firstDial;
        for (int i = 0; i < CALLS; i++) {
            CallTimeline timeline = stack.engine().timeline(transactions.get(i)).orElseThrow();
            long atMs = awaitEntry(timeline, "pbx", "INVITE received");
            Instant invitedAt = timeline.startedAt().plusMillis(atMs);
            lastInvite = invitedAt.isAfter(lastInvite) ? invitedAt : lastInvite;
            dialToInviteMs.add(Duration.between(dialled.get(i).sentAt(), invitedAt).toMillis());
        }
        double seconds = Duration.between(firstDial, lastInvite).toMillis() / 1000.0;

        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Integer>> ends = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                Browser user = callers.get(i % CALLERS);
                String t = transactions.get(i);
                ends.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return user.end(t).status();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, clients));
            }
            assertThat(ends.stream().map(CompletableFuture::join)).allSatisfy(s -> assertThat(s).isEqualTo(202));
        }
        for (String transactionId : transactions) {
            ClickToCallEndToEndTest.awaitEnded(transactionId);
        }
        List<String> meetings = dialled.stream().map(d -> d.answer().body().path("meeting").path("Meeting").path("MeetingId").asText()).toList();
        deadline = System.nanoTime() + WAIT.toNanos();
        while (meetings.stream().anyMatch(m -> stack.meetings().find(m).isPresent()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(meetings).allSatisfy(m -> assertThat(stack.meetings().find(m)).as("meeting " + m).isEmpty());
        assertThat(agent.calls().stream().skip(agentCallsBefore)).allSatisfy(c -> assertThat(c.state()).isEqualTo(AgentCall.State.HUNG_UP_BY_CALLER));

        List<Long> sorted = dialToInviteMs.stream().sorted().toList();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("calls", CALLS);
        report.put("callers", CALLERS);
        report.put("callsPerSecond", Math.round(CALLS / seconds * 10) / 10.0);
        report.put("dialToInviteMsMedian", InvocationLog.percentile(sorted, 50));
        report.put("dialToInviteMsP99", InvocationLog.percentile(sorted, 99));
        report.put("dialToInviteMsMax", sorted.getLast());
        report.put("functions", stack.lambda().invocationLog().summary());
        Path out = Path.of("target", "load-run.json");
        Files.createDirectories(out.getParent());
        Files.write(out, Exchange.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        System.out.println("Load run: " + Exchange.JSON.writeValueAsString(report));
    }

    private static long awaitEntry(CallTimeline timeline, String kind, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long at;
        while ((at = timeline.firstAt(kind, prefix)) < 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(at).as("%s %s in the timeline", kind, prefix).isNotNegative();
        return at;
    }
}
