package com.clicktocall.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings every HTTP function shares; names and meanings are in {@code docs/CONFIGURATION.md}.
 * Each function's own mapping (same prefix) holds the rest.
 */
@ConfigMapping(prefix = "clicktocall")
public interface ApiConfig {

    /** {@code CLICKTOCALL_ALLOWED_ORIGIN}: the site's origin, the only one CORS admits. */
    String allowedOrigin();

    /** {@code CLICKTOCALL_CHIME_ENDPOINT}: endpoint override for the Chime SDK clients (tests, local stack). */
    Optional<URI> chimeEndpoint();

    /**
     * {@code CLICKTOCALL_CHIME_TIMEOUT}: the longest one Chime API call may take, retries included. A
     * {@code /dial} makes four calls in a row and API Gateway gives up after 29 s.
     */
    @WithDefault("PT6S")
    Duration chimeTimeout();
}
