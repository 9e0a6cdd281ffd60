package com.clicktocall.guards;

import java.time.Duration;
import java.util.Optional;

/**
 * The guards' settings as durations, checked once at start-up: a wrong setting fails the container's
 * init with a message naming the variable.
 *
 * @param ownRegion the only region whose meeting events are accepted (the meeting control region)
 */
public record GuardSettings(String ownRegion, String smaId, Duration callerJoinTimeout, Duration callerRejoin,
        Duration callTimeout, Duration maxCall, Duration retention) {

    /** Past the longest setup a call can have, the sweeper ends it as stuck. */
    static final Duration STUCK_MARGIN = Duration.ofSeconds(60);
    /** An ended call's meeting is the SMA handler's to delete for this long; then the sweeper makes sure. */
    static final Duration TEARDOWN_GRACE = Duration.ofSeconds(30);

    public GuardSettings {
        if (smaId == null || smaId.isBlank()) {
            throw new IllegalArgumentException("CLICKTOCALL_SMA_ID is empty: set the SIP media application id.");
        }
        positive("CLICKTOCALL_CALLER_JOIN_TIMEOUT_SECONDS", callerJoinTimeout);
        positive("CLICKTOCALL_CALLER_REJOIN_SECONDS", callerRejoin);
        positive("CLICKTOCALL_CALL_TIMEOUT_SECONDS", callTimeout);
        positive("CLICKTOCALL_MAX_CALL_MINUTES (or CLICKTOCALL_MAX_CALL_SECONDS)", maxCall);
        positive("CLICKTOCALL_CALL_RECORD_RETENTION_DAYS", retention);
        smaId = smaId.strip();
    }

    /**
     * @param awsRegion the function's own region ({@code AWS_REGION}), when known: the meeting control region
     *                  must be it, or no meeting event would ever be accepted
     */
    public static GuardSettings from(CallGuardsConfig config, Optional<String> awsRegion) {
        String region = config.meetingControlRegion().strip();
        awsRegion.map(String::strip).filter(r -> !r.isEmpty()).ifPresent(own -> {
            if (!own.equals(region)) {
                throw new IllegalArgumentException("CLICKTOCALL_MEETING_CONTROL_REGION is " + region + " but the function runs in "
                        + own + ": Chime sends meeting events only in the meetings' control region, which must be the stack's.");
            }
        });
        Duration maxCall = config.maxCallSeconds().map(Duration::ofSeconds).orElse(Duration.ofMinutes(config.maxCallMinutes()));
        return new GuardSettings(region, config.smaId(), Duration.ofSeconds(config.callerJoinTimeoutSeconds()),
                Duration.ofSeconds(config.callerRejoinSeconds()), Duration.ofSeconds(config.callTimeoutSeconds()), maxCall,
                Duration.ofDays(config.callRecordRetentionDays()));
    }

    /** A call in setup for longer than this is stuck: the caller's join, the far end's ringing, and a margin. */
    public Duration stuckAfter() {
        return callerJoinTimeout.plus(callTimeout).plus(STUCK_MARGIN);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive number.");
        }
    }
}
