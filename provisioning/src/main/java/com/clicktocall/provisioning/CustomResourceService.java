package com.clicktocall.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one custom resource request and always answers CloudFormation, success or failure, before
 * the Lambda's own timeout: the work runs on a worker thread and the answer is sent when it
 * finishes or when the time left reaches the margin, whichever comes first. Without that guarantee
 * a stuck call would leave the stack waiting for an hour.
 */
public final class CustomResourceService {

    private static final Logger LOG = Logger.getLogger(CustomResourceService.class);
    /** The work stops this much before the hard cut, so its own (clearer) failure message wins the race. */
    private static final Duration WORK_GRACE = Duration.ofSeconds(1);

    private final Map<String, CustomResource> resources;
    private final CloudFormationResponder responder;
    private final ExecutorService worker;
    private final Duration responseMargin;
    private final Clock clock;

    public CustomResourceService(List<CustomResource> resources, CloudFormationResponder responder,
            ExecutorService worker, Duration responseMargin, Clock clock) {
        this.resources = resources.stream().collect(Collectors.toUnmodifiableMap(CustomResource::type, Function.identity()));
        this.responder = responder;
        this.worker = worker;
        this.responseMargin = responseMargin;
        this.clock = clock;
    }

    /** Handles the request and answers its response URL; returns what was sent. */
    public CustomResourceResponse handle(CustomResourceRequest request, long remainingMillis) {
        if (request.responseUrl() == null || request.requestType() == null) {
            throw new IllegalArgumentException("Not a CloudFormation custom resource request (no ResponseURL or RequestType).");
        }
        Deadline hard = Deadline.fromRemaining(remainingMillis, responseMargin, clock);
        Deadline work = Deadline.fromRemaining(remainingMillis, responseMargin.plus(WORK_GRACE), clock);
        Progress progress = new Progress(request.physicalResourceId() != null
                ? request.physicalResourceId()
                : "unprovisioned:" + request.logicalResourceId() + ":" + request.requestId());
        LOG.infof("%s %s %s (%s)", request.requestType(), request.resourceType(), request.logicalResourceId(),
                request.requestId());

        CustomResourceResponse response;
        Future<Outcome> outcome = worker.submit(() -> apply(request, progress, work));
        try {
            response = CustomResourceResponse.success(request,
                    outcome.get(hard.remaining().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            outcome.cancel(true);
            response = CustomResourceResponse.failed(request, progress.physicalId(), request.requestType() + " of "
                    + request.resourceType() + " did not finish before the provisioning function's timeout.");
        } catch (ExecutionException e) {
            response = CustomResourceResponse.failed(request, progress.physicalId(), reason(request, e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = CustomResourceResponse.failed(request, progress.physicalId(), "Interrupted.");
        }
        if (response.status() == CustomResourceResponse.Status.FAILED) {
            LOG.errorf("%s %s %s failed: %s", request.requestType(), request.resourceType(), request.logicalResourceId(),
                    response.reason());
        }
        responder.send(request.responseUrl(), response);
        return response;
    }

    private Outcome apply(CustomResourceRequest request, Progress progress, Deadline deadline) {
        CustomResource resource = resources.get(request.resourceType());
        if (resource == null) {
            if (request.requestType() == CustomResourceRequest.RequestType.Delete) {
                // Never block a stack deletion on something this function does not know.
                return Outcome.of(progress.physicalId());
            }
            throw new ProvisioningFailed("Unknown custom resource type " + request.resourceType() + "; known types: "
                    + String.join(", ", resources.keySet().stream().sorted().toList()) + ".");
        }
        return switch (request.requestType()) {
            case Create -> resource.create(request.properties(), progress, deadline);
            case Update -> resource.update(request.physicalResourceId(), request.properties(), request.oldProperties(),
                    progress, deadline);
            case Delete -> {
                resource.delete(request.physicalResourceId(), request.properties(), deadline);
                yield Outcome.of(request.physicalResourceId());
            }
        };
    }

    private static String reason(CustomResourceRequest request, Throwable failure) {
        if (failure instanceof ProvisioningFailed) {
            return failure.getMessage();
        }
        String what = request.requestType() + " of " + request.resourceType() + " failed: ";
        if (failure instanceof SdkException sdk) {
            return what + sdk.getMessage();
        }
        return what + failure;
    }
}
