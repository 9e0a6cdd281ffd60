package com.clicktocall.callcontrol;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import com.clicktocall.model.sma.SmaLimits;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What call-control reads; names, defaults and meanings are in {@code docs/CONFIGURATION.md}. The
 * shared HTTP settings (allowed origin, Chime endpoint) are in {@link com.clicktocall.api.ApiConfig}.
 * {@link DialSettings#from} checks the values at start-up.
 */
@ConfigMapping(prefix = "clicktocall")
public interface CallControlConfig {

    /** {@code CLICKTOCALL_SMA_ID} */
    String smaId();

    /** {@code CLICKTOCALL_SMA_PHONE_NUMBER} */
    String smaPhoneNumber();

    /** {@code CLICKTOCALL_VOICE_CONNECTOR_PHONE_NUMBER} */
    Optional<String> voiceConnectorPhoneNumber();

    /** {@code CLICKTOCALL_VOICE_CONNECTOR_ARN} */
    Optional<String> voiceConnectorArn();

    /** {@code CLICKTOCALL_MEETING_CONTROL_REGION} */
    @WithDefault("us-east-1")
    String meetingControlRegion();

    /** {@code CLICKTOCALL_PSTN_CONTROL_REGION} */
    @WithDefault("us-east-1")
    String pstnControlRegion();

    /** {@code CLICKTOCALL_MEDIA_REGION} */
    @WithDefault("us-east-1")
    String mediaRegion();

    /** {@code CLICKTOCALL_DEFAULT_TO_NUMBER} */
    Optional<String> defaultToNumber();

    /** {@code CLICKTOCALL_DIAL_ALLOWED_REGIONS}; absent means {@link com.clicktocall.model.dial.DialPolicy#DEFAULT_ALLOWED_REGIONS}. */
    Optional<List<String>> dialAllowedRegions();

    /** {@code CLICKTOCALL_LEDGER_TABLE}: the call ledger's DynamoDB table. */
    String ledgerTable();

    /** {@code CLICKTOCALL_LEDGER_REGION}: the table's region (the stack's). */
    @WithDefault("us-east-1")
    String ledgerRegion();

    /** {@code CLICKTOCALL_LEDGER_ENDPOINT}: endpoint override of the DynamoDB client (tests, local stack). */
    Optional<URI> ledgerEndpoint();

    /** {@code CLICKTOCALL_MAX_ACTIVE_CALLS_PER_USER} */
    @WithDefault("1")
    int maxActiveCallsPerUser();

    /** {@code CLICKTOCALL_MAX_CALLS_PER_USER_PER_HOUR} */
    @WithDefault("20")
    int maxCallsPerUserPerHour();

    /** {@code CLICKTOCALL_CALL_TIMEOUT_SECONDS}: how long the bridged call rings; part of a dialling call's slot lease. */
    @WithDefault("" + SmaLimits.DEFAULT_CALL_TIMEOUT_SECONDS)
    int callTimeoutSeconds();

    /** {@code CLICKTOCALL_CALL_RECORD_RETENTION_DAYS} */
    @WithDefault("7")
    int callRecordRetentionDays();

    /**
     * {@code CLICKTOCALL_ALLOWED_EMAIL_DOMAIN}: only callers whose address is of exactly this domain may
     * dial (the pre-sign-up trigger's setting). Empty or absent admits any domain.
     */
    Optional<String> allowedEmailDomain();

    /** {@code CLICKTOCALL_DIAL_BLOCK_LIST}; absent means {@link com.clicktocall.model.dial.DialPolicy#DEFAULT_BLOCK_LIST}. */
    Optional<List<String>> dialBlockList();
}
