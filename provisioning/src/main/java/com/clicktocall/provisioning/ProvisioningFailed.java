package com.clicktocall.provisioning;

/**
 * A create, update or delete that could not finish. The message goes to CloudFormation as the
 * failure reason, so it names what failed and what the user can do.
 */
public final class ProvisioningFailed extends RuntimeException {

    public ProvisioningFailed(String message) {
        super(message);
    }

    public ProvisioningFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
