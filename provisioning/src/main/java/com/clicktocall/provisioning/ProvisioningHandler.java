package com.clicktocall.provisioning;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.time.Duration;

/** The custom resource Lambda: every request is answered on its ResponseURL; the return value is the status sent. */
@Named("provisioning")
public class ProvisioningHandler implements RequestHandler<CustomResourceRequest, String> {

    /** Lambda never runs a function longer than this. */
    static final Duration LAMBDA_MAXIMUM = Duration.ofMinutes(15);
    /**
     * The budget when the runtime reports no usable deadline (an emulator without the
     * {@code Lambda-Runtime-Deadline-Ms} header reports nonsense): long enough for an order, short
     * enough to answer before any sensible timeout.
     */
    static final Duration UNKNOWN_DEADLINE_BUDGET = Duration.ofSeconds(60);

    private final CustomResourceService service;

    public ProvisioningHandler(CustomResourceService service) {
        this.service = service;
    }

    @Override
    public String handleRequest(CustomResourceRequest request, Context context) {
        return service.handle(request, remainingMillis(context.getRemainingTimeInMillis())).status().name();
    }

    static long remainingMillis(int reported) {
        return reported > 0 && reported <= LAMBDA_MAXIMUM.toMillis() ? reported : UNKNOWN_DEADLINE_BUDGET.toMillis();
    }
}
