package com.clicktocall.provisioning;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/** The custom resource Lambda: every request is answered on its ResponseURL; the return value is unused. */
@Named("provisioning")
public class ProvisioningHandler implements RequestHandler<CustomResourceRequest, String> {

    private final CustomResourceService service;

    public ProvisioningHandler(CustomResourceService service) {
        this.service = service;
    }

    @Override
    public String handleRequest(CustomResourceRequest request, Context context) {
        return service.handle(request, context.getRemainingTimeInMillis()).status().name();
    }
}
