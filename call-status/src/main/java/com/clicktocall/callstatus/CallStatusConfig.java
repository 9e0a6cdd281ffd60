package com.clicktocall.callstatus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/**
 * What call-status reads; names and meanings are in {@code docs/CONFIGURATION.md}. The shared HTTP
 * settings (allowed origin) are in {@link com.clicktocall.api.ApiConfig}.
 */
@ConfigMapping(prefix = "clicktocall")
public interface CallStatusConfig {

    /** {@code CLICKTOCALL_LEDGER_TABLE}: the call ledger's DynamoDB table. */
    String ledgerTable();

    /** {@code CLICKTOCALL_LEDGER_REGION}: the table's region (the stack's). */
    @WithDefault("us-east-1")
    String ledgerRegion();

    /** {@code CLICKTOCALL_LEDGER_ENDPOINT}: endpoint override of the DynamoDB client (tests, local stack). */
    Optional<URI> ledgerEndpoint();
}
