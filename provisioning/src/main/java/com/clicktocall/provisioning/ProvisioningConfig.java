package com.clicktocall.provisioning;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.Optional;

/** The provisioning function's settings (see docs/CONFIGURATION.md). */
@ConfigMapping(prefix = "clicktocall")
public interface ProvisioningConfig {

    /** {@code CLICKTOCALL_CHIME_ENDPOINT}: endpoint override for the Chime SDK Voice client (tests, local stack). */
    Optional<URI> chimeEndpoint();
}
