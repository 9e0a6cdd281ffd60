package com.clicktocall.provisioning;

/**
 * One kind of custom resource. Implementations are idempotent where CloudFormation may repeat a
 * request, and treat "already gone" as success on delete, so a stack can always be deleted.
 */
public interface CustomResource {

    /** The {@code Type} in template.yaml, e.g. {@code Custom::PhoneNumber}. */
    String type();

    Outcome create(ResourceProperties properties, Progress progress, Deadline deadline);

    /**
     * Returns the same physical id to update in place, or a new one to replace (CloudFormation then
     * sends a delete for the old id once the stack update succeeds).
     */
    Outcome update(String physicalId, ResourceProperties properties, ResourceProperties old, Progress progress,
            Deadline deadline);

    void delete(String physicalId, ResourceProperties properties, Deadline deadline);
}
