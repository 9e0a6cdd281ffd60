package com.clicktocall.sma;

import com.clicktocall.model.sma.SmaLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The settings of the SMA handler, from the environment variables documented in
 * {@code docs/CONFIGURATION.md} ({@code clicktocall.sma-phone-number} is {@code CLICKTOCALL_SMA_PHONE_NUMBER}).
 * Checked at start-up by {@link BridgeSettings}.
 */
@ConfigMapping(prefix = "clicktocall")
public interface SmaHandlerConfig {

    /** The SMA's phone number (E.164): the caller id of the bridged call. */
    String smaPhoneNumber();

    /** {@code CallAndBridge} ring timeout, 1–120 seconds. */
    @WithDefault("" + SmaLimits.DEFAULT_CALL_TIMEOUT_SECONDS)
    int callTimeoutSeconds();

    /** Region of the Chime SDK Meetings control plane, where the meeting is deleted at teardown. */
    @WithDefault("us-east-1")
    String meetingControlRegion();

    /** Endpoint override of the Chime SDK Meetings client (tests and the local stack). */
    Optional<URI> chimeEndpoint();

    /** The call ledger's DynamoDB table. */
    String ledgerTable();

    /** The table's region (the stack's). */
    @WithDefault("us-east-1")
    String ledgerRegion();

    /** Endpoint override of the DynamoDB client (tests and the local stack). */
    Optional<URI> ledgerEndpoint();

    /** The longest call allowed: a connected call holds its owner's slot at most this long. */
    @WithDefault("60")
    int maxCallMinutes();

    /** {@code CLICKTOCALL_MAX_CALL_SECONDS}: replaces {@link #maxCallMinutes()} when set (tests and the local stack). */
    Optional<Integer> maxCallSeconds();

    /** How long the caller's browser has to join the meeting before the call ends unplaced ({@code CallerJoinTimeoutSeconds}). */
    @WithDefault("20")
    int callerJoinTimeoutSeconds();

    /** {@code CLICKTOCALL_DIAL_ALLOWED_REGIONS}, as call-control's; absent means {@link com.clicktocall.model.dial.DialPolicy#DEFAULT_ALLOWED_REGIONS}. */
    Optional<List<String>> dialAllowedRegions();

    /** {@code CLICKTOCALL_DIAL_BLOCK_LIST}, as call-control's; absent means {@link com.clicktocall.model.dial.DialPolicy#DEFAULT_BLOCK_LIST}. */
    Optional<List<String>> dialBlockList();

    /** How long a call's record is kept after its last change. */
    @WithDefault("7")
    int callRecordRetentionDays();
}
