package com.clicktocall.sma;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Builds the handler's objects once per container, from {@link SmaHandlerConfig}. */
@Singleton
public class SmaHandlerBeans {

    /** One JSON line per event; application.properties gives this category a message-only format. */
    static final String EVENT_LOG_CATEGORY = "com.clicktocall.sma.events";

    private static final Logger EVENT_LOG = Logger.getLogger(EVENT_LOG_CATEGORY);

    /** Built at start-up, so a bad configuration fails the container's initialisation, not the first call. */
    @Produces
    @Singleton
    @Startup
    SmaEventProcessor processor(SmaHandlerConfig config, MeetingTeardown meetings) {
        BridgeSettings settings = new BridgeSettings(config.smaPhoneNumber(), config.callTimeoutSeconds());
        return new SmaEventProcessor(new CallFlow(settings, meetings), EVENT_LOG::info);
    }

    @Produces
    @Singleton
    MeetingTeardown meetings(SmaHandlerConfig config) {
        return new ChimeMeetingTeardown(config.meetingControlRegion(), config.chimeEndpoint());
    }
}
