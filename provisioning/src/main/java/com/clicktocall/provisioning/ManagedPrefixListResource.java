package com.clicktocall.provisioning;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;

/**
 * {@code Custom::ManagedPrefixList}: finds an AWS-managed prefix list by name in the stack's region
 * and returns its id, which differs from region to region and which CloudFormation cannot look up
 * (the PBX's WebSocket rule admits {@code com.amazonaws.global.cloudfront.origin-facing}). Nothing
 * is created, so delete has nothing to undo.
 *
 * <p>Property: {@code PrefixListName}. Attribute: {@code PrefixListId}.
 */
public final class ManagedPrefixListResource implements CustomResource {

    public static final String TYPE = "Custom::ManagedPrefixList";

    private final Ec2Client ec2;

    public ManagedPrefixListResource(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Outcome create(ResourceProperties properties, Progress progress, Deadline deadline) {
        String name = properties.required("PrefixListName");
        List<ManagedPrefixList> found = ec2.describeManagedPrefixLists(b -> b.filters(f -> f.name("prefix-list-name").values(name)))
                .prefixLists();
        if (found.size() != 1) {
            throw new ProvisioningFailed(found.isEmpty()
                    ? "No managed prefix list named " + name + " in this region."
                    : found.size() + " managed prefix lists are named " + name + "; expected one.");
        }
        String id = found.getFirst().prefixListId();
        return new Outcome(id, Map.of("PrefixListId", id));
    }

    /** Looks the name up again: the id may be another list's (a new name), which CloudFormation then treats as a replacement. */
    @Override
    public Outcome update(String physicalId, ResourceProperties properties, ResourceProperties old, Progress progress,
            Deadline deadline) {
        return create(properties, progress, deadline);
    }

    @Override
    public void delete(String physicalId, ResourceProperties properties, Deadline deadline) {
        // Nothing was created.
    }
}
