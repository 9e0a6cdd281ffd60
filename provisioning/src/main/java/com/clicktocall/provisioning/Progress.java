package com.clicktocall.provisioning;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The physical id of whatever a request has created so far. Written by the work as soon as it
 * creates something, read by the handler when the work fails or runs out of time, so a failed
 * create still hands CloudFormation an id that the rollback's delete can clean up.
 */
public final class Progress {

    private final AtomicReference<String> physicalId;

    public Progress(String initialPhysicalId) {
        this.physicalId = new AtomicReference<>(initialPhysicalId);
    }

    public void created(String physicalId) {
        this.physicalId.set(physicalId);
    }

    public String physicalId() {
        return physicalId.get();
    }
}
