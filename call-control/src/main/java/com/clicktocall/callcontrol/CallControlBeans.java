package com.clicktocall.callcontrol;

import com.clicktocall.api.ApiConfig;
import com.clicktocall.api.ChimeClientSettings;
import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.DialClaims;
import com.clicktocall.ledger.LedgerClients;
import com.clicktocall.ledger.UserCallLimits;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import java.time.Clock;
import java.time.Duration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmeetings.ChimeSdkMeetingsClient;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds call-control's objects once per container, all at start-up: configuration is checked before the
 * first request, and the SDK clients are built during the function's init phase (captured by SnapStart)
 * rather than on a person's first dial.
 */
public class CallControlBeans {

    static final Duration LEDGER_CALL_TIMEOUT = Duration.ofSeconds(2);
    static final int LEDGER_ATTEMPTS = 3;
    static final Duration DIALLING_LEASE_MARGIN = Duration.ofSeconds(60);

    /** Checked at start-up: a wrong setting fails the container's init with a message naming the variable. */
    @Produces
    @Singleton
    @Startup
    DialSettings dialSettings(CallControlConfig config) {
        return DialSettings.from(config);
    }

    @Produces
    @Singleton
    @Startup
    CallerRequirements callerRequirements(CallControlConfig config) {
        return CallerRequirements.from(config);
    }

    @Produces
    @ApplicationScoped
    @Startup
    ChimeSdkMeetingsClient meetings(CallControlConfig config, ApiConfig api) {
        return ChimeClientSettings.configure(ChimeSdkMeetingsClient.builder(), Region.of(config.meetingControlRegion()), api,
                ChimeClientSettings.Attempts.RETRY_ONCE).build();
    }

    /**
     * CreateSipMediaApplicationCall goes to the PSTN control region, which may differ from the meetings'.
     * Exactly one attempt: a repeated request would place a second call.
     */
    @Produces
    @ApplicationScoped
    @Startup
    ChimeSdkVoiceClient voice(CallControlConfig config, ApiConfig api) {
        return ChimeClientSettings.configure(ChimeSdkVoiceClient.builder(), Region.of(config.pstnControlRegion()), api,
                ChimeClientSettings.Attempts.EXACTLY_ONCE).build();
    }

    /** The ledger's writes are conditional, so a repeated one is harmless; a dial waits at most this long for each. */
    @Produces
    @ApplicationScoped
    @Startup
    DynamoDbClient ledgerClient(CallControlConfig config) {
        return LedgerClients.build(config.ledgerRegion(), config.ledgerEndpoint(), LEDGER_CALL_TIMEOUT, LEDGER_ATTEMPTS);
    }

    @Produces
    @Singleton
    DialService.DialLedger dialLedger(DynamoDbClient db, CallControlConfig config) {
        return dialLedger(db, config.ledgerTable(), config, Clock.systemUTC());
    }

    /** The ledger's parts for a dial in {@code table}, from {@code config}: limits, leases and retention. */
    static DialService.DialLedger dialLedger(DynamoDbClient db, String table, CallControlConfig config, Clock clock) {
        return new DialService.DialLedger(
                new DialClaims(db, table, clock),
                new UserCallLimits(db, table, clock),
                new UserCallLimits.Limits(config.maxActiveCallsPerUser(), config.maxCallsPerUserPerHour()),
                new CallRecords(db, table, clock, Duration.ofDays(config.callRecordRetentionDays())),
                diallingLease(config.callTimeoutSeconds()));
    }

    /**
     * How long a dialling call holds its user's slot before it must have connected (the SMA handler then
     * renews it): the dial itself, the far end ringing, and a margin for the meeting to answer.
     */
    static Duration diallingLease(int callTimeoutSeconds) {
        return DialService.DIAL_TIMEOUT.plusSeconds(callTimeoutSeconds).plus(DIALLING_LEASE_MARGIN);
    }

    @Produces
    @ApplicationScoped
    @Startup
    DialService dialService(ChimeSdkMeetingsClient meetings, ChimeSdkVoiceClient voice, DialSettings settings,
            DialService.DialLedger ledger, ObjectMapper json) {
        return new DialService(settings, new CallPlacement(meetings, voice, settings), ledger, json,
                CallMetrics.toStandardOutput("call-control"), Clock.systemUTC());
    }
}
