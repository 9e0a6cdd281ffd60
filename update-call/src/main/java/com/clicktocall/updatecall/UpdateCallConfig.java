package com.clicktocall.updatecall;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What update-call reads; names, defaults and meanings are in {@code docs/CONFIGURATION.md}. The
 * shared HTTP settings (allowed origin, Chime endpoint) are in {@link com.clicktocall.api.ApiConfig}.
 */
@ConfigMapping(prefix = "clicktocall")
public interface UpdateCallConfig {

    /** {@code CLICKTOCALL_SMA_ID} */
    String smaId();

    /** {@code CLICKTOCALL_PSTN_CONTROL_REGION} */
    @WithDefault("us-east-1")
    String pstnControlRegion();
}
