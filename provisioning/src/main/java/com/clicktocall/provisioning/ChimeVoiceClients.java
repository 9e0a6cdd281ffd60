package com.clicktocall.provisioning;

import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/** The Chime SDK Voice client for a region: the PSTN control region is a property of each resource. */
@FunctionalInterface
public interface ChimeVoiceClients {

    ChimeSdkVoiceClient forRegion(String region);
}
