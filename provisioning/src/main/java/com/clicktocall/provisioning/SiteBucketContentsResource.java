package com.clicktocall.provisioning;

import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code Custom::SiteBucketContents}: empties the site bucket when the stack is deleted. CloudFormation
 * cannot delete a bucket that still holds objects, and the site upload puts objects in it outside
 * CloudFormation; without this, {@code sam delete} would stop at the bucket.
 *
 * <p>Property: {@code BucketName}.
 */
public final class SiteBucketContentsResource implements CustomResource {

    public static final String TYPE = "Custom::SiteBucketContents";

    private static final Logger LOG = Logger.getLogger(SiteBucketContentsResource.class);
    private static final String PREFIX = "bucket-contents:";

    private final S3Client s3;

    public SiteBucketContentsResource(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Outcome create(ResourceProperties properties, Progress progress, Deadline deadline) {
        return Outcome.of(PREFIX + properties.required("BucketName"));
    }

    @Override
    public Outcome update(String physicalId, ResourceProperties properties, ResourceProperties old, Progress progress,
            Deadline deadline) {
        return create(properties, progress, deadline);
    }

    @Override
    public void delete(String physicalId, ResourceProperties properties, Deadline deadline) {
        if (!physicalId.startsWith(PREFIX)) {
            return;
        }
        String bucket = physicalId.substring(PREFIX.length());
        int deleted = 0;
        try {
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket))) {
                List<ObjectIdentifier> keys = page.contents().stream()
                        .map(S3Object::key)
                        .map(key -> ObjectIdentifier.builder().key(key).build())
                        .toList();
                if (!keys.isEmpty()) {
                    s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
                    deleted += keys.size();
                }
                if (deadline.passed()) {
                    throw new ProvisioningFailed("Ran out of time emptying bucket " + bucket + " after " + deleted
                            + " objects; delete the stack again to continue.");
                }
            }
        } catch (NoSuchBucketException alreadyGone) {
            LOG.infof("bucket %s was already deleted", bucket);
            return;
        }
        LOG.infof("emptied bucket %s (%d objects)", bucket, deleted);
    }
}
