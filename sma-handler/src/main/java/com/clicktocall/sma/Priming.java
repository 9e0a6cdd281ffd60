package com.clicktocall.sma;

import com.amazonaws.services.lambda.runtime.Context;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import io.quarkus.runtime.ImageMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.Context.BeforeTransmission;
import software.amazon.awssdk.core.interceptor.Context.ModifyHttpRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Warms the handler in a container initialised ahead of calls (SnapStart's snapshot, provisioned
 * concurrency), so that its first call costs what a warm one does: every sample event of
 * {@code events/} goes through the real {@link SmaEventProcessor}, call flow, dial policy, ledger and
 * meeting teardown, {@link #ROUNDS} times. Every AWS request made meanwhile is marshalled and signed as usual, then
 * sent to a loopback server of this class ({@link LoopbackAws}) instead of AWS ({@link ShortCircuit}),
 * so the HTTP client and the responses' unmarshalling are warmed too. Priming reaches no AWS endpoint,
 * writes no ledger item and logs no event line ({@link #quietWhilePriming}).
 *
 * <p>What it cannot warm: the connection to each real endpoint and its TLS handshake (the loopback
 * server speaks plain HTTP), and the Lambda runtime client's own code. Priming runs in the init phase
 * for SnapStart and provisioned concurrency alike; a CRaC {@code beforeCheckpoint} hook would run at
 * the same moment for SnapStart only, so none is registered.
 */
public final class Priming {

    /** The sample events, copied from {@code events/} into {@code priming/} by the build. */
    static final List<String> EVENTS = List.of(
            "sma-new-outbound-call-pstn.json", "sma-new-outbound-call-voice-connector.json", "sma-new-inbound-call.json",
            "sma-ringing.json", "sma-call-answered.json", "sma-call-answered-voice-connector.json",
            "sma-action-successful-call-and-bridge.json", "sma-action-successful-pause.json", "sma-action-failed-call-not-answered.json",
            "sma-action-failed-invalid-action-parameter.json", "sma-action-interrupted.json", "sma-digits-received.json",
            "sma-call-update-requested-digits.json", "sma-call-update-requested-end.json", "sma-invalid-lambda-response.json",
            "sma-hangup-leg-a.json", "sma-hangup-leg-b.json", "sma-hangup-leg-b-busy.json");

    /**
     * Rounds over the events. The first loads every class; the rest run the same paths until the JIT has
     * compiled most of them (a method is compiled after a few hundred calls), so a call's first events
     * run compiled code, as a warm container's do. Odd rounds find every conditional write refused
     * ({@link LoopbackAws#refuseConditionalWrites}), so both outcomes of each write are primed.
     */
    static final int ROUNDS = 30;
    /** Priming stops after the round that passes this, whatever {@link #ROUNDS} says: a slow core must not stall init. */
    static final Duration BUDGET = Duration.ofSeconds(3);
    /** Rounds priming always completes, budget or not: one of each outcome. */
    static final int MINIMUM_ROUNDS = 2;
    /** Lambda sets this per invocation; the SDK then adds an X-Ray trace header to each request. */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    private static final String SAMPLE_TRACE_HEADER = "Root=1-00000000-000000000000000000000000;Sampled=0";

    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);
    /** Where priming requests go while {@link #prime} runs. */
    private static volatile URI loopback;

    private Priming() {
    }

    /**
     * Whether this thread is priming: its AWS requests are redirected and its event lines dropped. Once
     * priming is over, a read of one volatile field answers, without the thread-local: this runs on
     * every event and every AWS request of the SMA path.
     */
    public static boolean active() {
        return loopback != null && ACTIVE.get();
    }

    /** What priming did: rounds completed, events processed, and AWS requests served by the loopback server. */
    public record Primed(int rounds, int events, int awsRequests) {
    }

    /**
     * Runs every sample event through {@code processor} {@link #ROUNDS} times, or fewer once {@link #BUDGET}
     * is spent, then collects priming's garbage, so that no call's first events pay for a collection of it
     * (and a SnapStart snapshot does not carry it).
     */
    public static Primed prime(SmaEventProcessor processor) {
        List<byte[]> events = EVENTS.stream().map(Priming::read).toList();
        boolean traced = System.getProperty(TRACE_HEADER_PROPERTY) == null;
        try (LoopbackAws aws = LoopbackAws.start()) {
            loopback = aws.uri();
            ACTIVE.set(true);
            if (traced) {
                System.setProperty(TRACE_HEADER_PROPERTY, SAMPLE_TRACE_HEADER);
            }
            long deadline = System.nanoTime() + BUDGET.toNanos();
            int processed = 0;
            int round = 0;
            while (round < ROUNDS && (round < MINIMUM_ROUNDS || System.nanoTime() < deadline)) {
                aws.refuseConditionalWrites(round % 2 == 1);
                for (byte[] event : events) {
                    processor.process(event);
                    processed++;
                }
                round++;
            }
            primeRuntimeClientsCall();
            return new Primed(round, processed, aws.requests());
        } finally {
            if (traced) {
                System.clearProperty(TRACE_HEADER_PROPERTY);
            }
            ACTIVE.remove();
            loopback = null;
            System.gc();
        }
    }

    /**
     * Lambda's Java runtime client calls the handler's {@code handleRequest} through reflection, and the
     * JDK builds a method accessor on the first reflective call of a method (a few milliseconds, spent
     * by the container's first event). The accessor is kept on the method the class's public methods
     * share, so one reflective call now builds it for the runtime client too. The call has no receiver:
     * it fails once the accessor is built, before the handler could run. A native executable has no
     * runtime client (Quarkus's own loop calls the handler) and registers no such method: nothing to do.
     */
    static void primeRuntimeClientsCall() {
        if (ImageMode.current().isNativeImage()) {
            return;
        }
        for (Method method : QuarkusStreamHandler.class.getMethods()) {
            if (method.getName().equals("handleRequest")
                    && Arrays.equals(method.getParameterTypes(), new Class<?>[] {InputStream.class, OutputStream.class, Context.class})) {
                try {
                    // Accessible: the access check would fail on the missing receiver before the accessor is built.
                    method.setAccessible(true);
                    method.invoke(null, null, null, null);
                } catch (NullPointerException | ReflectiveOperationException | IllegalArgumentException expected) {
                    // No receiver: the handler did not run.
                }
            }
        }
    }

    /** {@code log}, except while this thread primes. */
    public static Consumer<String> quietWhilePriming(Consumer<String> log) {
        return line -> {
            if (!active()) {
                log.accept(line);
            }
        };
    }

    private static byte[] read(String name) {
        try (InputStream in = Priming.class.getResourceAsStream("/priming/" + name)) {
            if (in == null) {
                throw new IllegalStateException("priming event " + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a priming thread's requests to the loopback server instead of AWS. The request is
     * redirected before it is signed, and stopped before it leaves if no loopback server runs, so no
     * priming request can reach a real endpoint. Registered on every client of the handler; other
     * threads' requests pass untouched.
     */
    public static final class ShortCircuit implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
            URI target = loopback;
            if (target == null || !ACTIVE.get()) {
                return context.httpRequest();
            }
            return context.httpRequest().toBuilder().protocol(target.getScheme()).host(target.getHost()).port(target.getPort()).build();
        }

        @Override
        public void beforeTransmission(BeforeTransmission context, ExecutionAttributes executionAttributes) {
            if (!ACTIVE.get()) {
                return;
            }
            URI target = loopback;
            SdkHttpRequest request = context.httpRequest();
            if (target == null || !target.getHost().equals(request.host()) || target.getPort() != request.port()) {
                throw new PrimedRequestStopped();
            }
        }
    }

    /** The request was primed, not sent. */
    static final class PrimedRequestStopped extends RuntimeException {
        PrimedRequestStopped() {
            super("priming: request not sent", null, false, false);
        }
    }
}
