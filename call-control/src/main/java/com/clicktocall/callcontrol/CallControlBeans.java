package com.clicktocall.callcontrol;

import com.clicktocall.api.ApiConfig;
import com.clicktocall.api.ChimeClientSettings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmeetings.ChimeSdkMeetingsClient;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/**
 * Builds call-control's objects once per container, all at start-up: configuration is checked before the
 * first request, and the SDK clients are built during the function's init phase (captured by SnapStart)
 * rather than on a person's first dial.
 */
public class CallControlBeans {

    /** Checked at start-up: a wrong setting fails the container's init with a message naming the variable. */
    @Produces
    @Singleton
    @Startup
    DialSettings dialSettings(CallControlConfig config) {
        return DialSettings.from(config);
    }

    @Produces
    @ApplicationScoped
    @Startup
    ChimeSdkMeetingsClient meetings(CallControlConfig config, ApiConfig api) {
        return ChimeClientSettings.configure(ChimeSdkMeetingsClient.builder(), Region.of(config.meetingControlRegion()), api).build();
    }

    /** CreateSipMediaApplicationCall goes to the PSTN control region, which may differ from the meetings'. */
    @Produces
    @ApplicationScoped
    @Startup
    ChimeSdkVoiceClient voice(CallControlConfig config, ApiConfig api) {
        return ChimeClientSettings.configure(ChimeSdkVoiceClient.builder(), Region.of(config.pstnControlRegion()), api).build();
    }

    @Produces
    @ApplicationScoped
    @Startup
    DialService dialService(ChimeSdkMeetingsClient meetings, ChimeSdkVoiceClient voice, DialSettings settings) {
        return new DialService(meetings, voice, settings);
    }
}
