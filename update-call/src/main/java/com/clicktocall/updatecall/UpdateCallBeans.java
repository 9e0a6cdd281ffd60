package com.clicktocall.updatecall;

import com.clicktocall.api.ApiConfig;
import com.clicktocall.api.ChimeClientSettings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/** Builds update-call's objects once per container, at start-up (the function's init phase, captured by SnapStart). */
public class UpdateCallBeans {

    /** UpdateSipMediaApplicationCall goes to the PSTN control region. */
    @Produces
    @ApplicationScoped
    @Startup
    ChimeSdkVoiceClient voice(UpdateCallConfig config, ApiConfig api) {
        return ChimeClientSettings.configure(ChimeSdkVoiceClient.builder(), Region.of(config.pstnControlRegion()), api,
                ChimeClientSettings.Attempts.EXACTLY_ONCE).build();
    }

    @Produces
    @ApplicationScoped
    @Startup
    UpdateService updateService(ChimeSdkVoiceClient voice, UpdateCallConfig config) {
        if (config.smaId().isBlank()) {
            throw new IllegalArgumentException("CLICKTOCALL_SMA_ID is empty: set the SIP media application id.");
        }
        return new UpdateService(voice, config.smaId().strip());
    }
}
