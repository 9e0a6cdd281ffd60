package com.clicktocall.sma;

import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.model.dial.DialPolicy;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/** Builds the handler's objects once per container, from {@link SmaHandlerConfig}. */
@Singleton
public class SmaHandlerBeans {

    /** One JSON line per event; application.properties gives this category a message-only format. */
    static final String EVENT_LOG_CATEGORY = "com.clicktocall.sma.events";

    /**
     * Set by Lambda: {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html">Lambda environment variables</a>
     */
    static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    /** Initialisations that happen before any call waits on them. */
    static final Set<String> AHEAD_OF_CALLS = Set.of("snap-start", "provisioned-concurrency");

    private static final Logger EVENT_LOG = Logger.getLogger(EVENT_LOG_CATEGORY);

    /**
     * Built at start-up, so a bad configuration fails the container's initialisation, not the first
     * call. In a container initialised ahead of calls it is primed then ({@link Priming}).
     */
    @Produces
    @Singleton
    @Startup
    SmaEventProcessor processor(SmaHandlerConfig config, MeetingTeardown meetings, CallLedger ledger) {
        BridgeSettings settings = new BridgeSettings(config.smaPhoneNumber(), config.callTimeoutSeconds(),
                Duration.ofSeconds(config.callerJoinTimeoutSeconds()));
        SmaEventProcessor processor = new SmaEventProcessor(new CallFlow(settings, dialPolicy(config), meetings, ledger),
                Priming.quietWhilePriming(EVENT_LOG::info));
        if (initialisedAheadOfCalls()) {
            try {
                long started = System.nanoTime();
                Priming.Primed primed = Priming.prime(processor);
                Logger.getLogger(SmaHandlerBeans.class).infof("primed: %d rounds, %d events, %d requests to the loopback stand-in, %d ms",
                        primed.rounds(), primed.events(), primed.awsRequests(), (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                // Priming only saves time: a container that cannot prime still answers every call.
                Logger.getLogger(SmaHandlerBeans.class).warnf("priming skipped: %s", e.toString());
            }
        }
        return processor;
    }

    /**
     * The same policy as call-control's, from the same variables. It reads call-model's numbering-plan
     * table (a few kilobytes), not libphonenumber, which this function does not carry.
     */
    static DialPolicy dialPolicy(SmaHandlerConfig config) {
        return DialPolicy.configured(config.dialAllowedRegions(), config.dialBlockList(), Optional.empty());
    }

    /**
     * The Chime client is built on the first teardown: in a container initialised ahead of calls, the
     * first is priming's ({@link Priming}), so building it costs no call anything.
     */
    @Produces
    @Singleton
    MeetingTeardown meetings(SmaHandlerConfig config) {
        return new ChimeMeetingTeardown(config.meetingControlRegion(), config.chimeEndpoint());
    }

    /** The DynamoDB client is built like the Chime client: on the first write, priming's when there is priming. */
    @Produces
    @Singleton
    CallLedger ledger(SmaHandlerConfig config) {
        Duration longestCall = config.maxCallSeconds().map(Duration::ofSeconds).orElse(Duration.ofMinutes(config.maxCallMinutes()));
        return new DynamoCallLedger(config.ledgerRegion(), config.ledgerEndpoint(), config.ledgerTable(),
                longestCall, Duration.ofDays(config.callRecordRetentionDays()),
                new CallMetrics(Priming.quietWhilePriming(System.out::println), "sma-handler"));
    }

    private static boolean initialisedAheadOfCalls() {
        return AHEAD_OF_CALLS.contains(String.valueOf(System.getenv(INITIALIZATION_TYPE)));
    }
}
