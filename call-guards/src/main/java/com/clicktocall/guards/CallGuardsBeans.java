package com.clicktocall.guards;

import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerClients;
import com.clicktocall.ledger.UserCallLimits;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the guards' objects once per container, at start-up (the function's init phase, captured by
 * SnapStart). Both handlers share them; the deployed function runs one ({@code QUARKUS_LAMBDA_HANDLER}).
 */
public class CallGuardsBeans {

    /** Each ledger request, retries included; the writes are conditional, so a repeated one is harmless. */
    static final Duration LEDGER_CALL_TIMEOUT = Duration.ofSeconds(3);
    static final int LEDGER_ATTEMPTS = 3;

    @Produces
    @Singleton
    @Startup
    GuardSettings settings(CallGuardsConfig config, @ConfigProperty(name = "aws.region") Optional<String> awsRegion) {
        return GuardSettings.from(config, awsRegion);
    }

    @Produces
    @ApplicationScoped
    @Startup
    DynamoDbClient ledgerClient(CallGuardsConfig config) {
        return LedgerClients.build(config.ledgerRegion(), config.ledgerEndpoint(), LEDGER_CALL_TIMEOUT, LEDGER_ATTEMPTS);
    }

    @Produces
    @Singleton
    @Startup
    ChimeCalls chimeCalls(CallGuardsConfig config, GuardSettings settings) {
        return new ChimeCalls(ChimeCalls.voiceClient(config.pstnControlRegion(), config.chimeEndpoint()),
                ChimeCalls.meetingsClient(config.meetingControlRegion(), config.chimeEndpoint()), settings.smaId());
    }

    @Produces
    @Singleton
    CallRecords callRecords(DynamoDbClient db, CallGuardsConfig config, GuardSettings settings) {
        return new CallRecords(db, config.ledgerTable(), Clock.systemUTC(), settings.retention());
    }

    @Produces
    @Singleton
    CallMetrics metrics(@ConfigProperty(name = "quarkus.lambda.handler", defaultValue = "call-guards") String handler) {
        return CallMetrics.toStandardOutput(handler);
    }

    @Produces
    @Singleton
    CallEnding ending(CallRecords calls, DynamoDbClient db, CallGuardsConfig config, CallMetrics metrics, ChimeCalls chime) {
        return new CallEnding(calls, new UserCallLimits(db, config.ledgerTable(), Clock.systemUTC()), metrics, chime, Clock.systemUTC());
    }

    @Produces
    @Singleton
    @Startup
    MeetingEventProcessor meetingEvents(ObjectMapper json, CallRecords calls, CallEnding ending, GuardSettings settings) {
        return new MeetingEventProcessor(json, calls, ending, settings, Clock.systemUTC(), Sleeper.REAL);
    }

    @Produces
    @Singleton
    @Startup
    CallSweeper sweeper(CallRecords calls, CallEnding ending, ChimeCalls chime, CallMetrics metrics, GuardSettings settings) {
        return new CallSweeper(calls, ending, chime, metrics, settings, Clock.systemUTC());
    }
}
