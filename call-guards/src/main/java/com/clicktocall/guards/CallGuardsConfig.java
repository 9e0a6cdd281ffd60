package com.clicktocall.guards;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/**
 * The settings of both call guards (meeting-events and call-sweeper), from the environment:
 * {@code clicktocall.ledger-table} is {@code CLICKTOCALL_LEDGER_TABLE}, and so on. Checked at start-up by
 * {@link GuardSettings#from}.
 */
@ConfigMapping(prefix = "clicktocall")
public interface CallGuardsConfig {

    /** {@code CLICKTOCALL_LEDGER_TABLE}: the call ledger's DynamoDB table. */
    String ledgerTable();

    /** {@code CLICKTOCALL_LEDGER_REGION}: the table's region (the stack's). */
    @WithDefault("us-east-1")
    String ledgerRegion();

    /** {@code CLICKTOCALL_LEDGER_ENDPOINT}: endpoint override of the DynamoDB client (tests, local stack). */
    Optional<URI> ledgerEndpoint();

    /** {@code CLICKTOCALL_CHIME_ENDPOINT}: endpoint override of both Chime clients (tests, local stack). */
    Optional<URI> chimeEndpoint();

    /**
     * {@code CLICKTOCALL_MEETING_CONTROL_REGION}: where meetings are deleted, and the only region whose
     * meeting events are accepted. Chime sends meeting events only in the meeting's control region, so it
     * is the stack's region ({@code AWS::Region}).
     */
    @WithDefault("us-east-1")
    String meetingControlRegion();

    /** {@code CLICKTOCALL_PSTN_CONTROL_REGION}: where UpdateSipMediaApplicationCall goes. */
    @WithDefault("us-east-1")
    String pstnControlRegion();

    /** {@code CLICKTOCALL_SMA_ID}: the SIP media application whose calls are hung up. */
    String smaId();

    /** {@code CLICKTOCALL_CALLER_JOIN_TIMEOUT_SECONDS}: how long the SMA handler waits for the caller to join. */
    @WithDefault("20")
    int callerJoinTimeoutSeconds();

    /** {@code CLICKTOCALL_CALLER_REJOIN_SECONDS}: how long a dropped caller has to come back. */
    @WithDefault("15")
    int callerRejoinSeconds();

    /** {@code CLICKTOCALL_CALL_TIMEOUT_SECONDS}: how long the far end rings. */
    @WithDefault("30")
    int callTimeoutSeconds();

    /** {@code CLICKTOCALL_MAX_CALL_MINUTES}: the longest call, from the answer. */
    @WithDefault("60")
    int maxCallMinutes();

    /** {@code CLICKTOCALL_MAX_CALL_SECONDS}: replaces {@link #maxCallMinutes()} when set (tests, local stack). */
    Optional<Integer> maxCallSeconds();

    /** {@code CLICKTOCALL_CALL_RECORD_RETENTION_DAYS}: how long a call's record is kept after its last change. */
    @WithDefault("7")
    int callRecordRetentionDays();
}
