package com.clicktocall.updatecall;

import com.clicktocall.api.CallerIdentity;
import com.clicktocall.api.MalformedBodyException;
import com.clicktocall.api.RequestLog;
import com.clicktocall.model.api.ApiRoutes;
import com.clicktocall.model.api.UpdateRequest;
import com.clicktocall.model.api.UpdateResponse;
import io.quarkus.amazon.lambda.http.model.AwsProxyRequestContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

/** {@code POST /update}: the caller from the Cognito authorizer, the update from the body, the work in {@link UpdateService}. */
@Path(ApiRoutes.UPDATE)
public class UpdateResource {

    @Inject
    UpdateService updateService;

    @Inject
    RequestLog requestLog;

    /** 202: the SMA acts on the update asynchronously. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    public UpdateResponse update(UpdateRequest request, @Context AwsProxyRequestContext context) {
        CallerIdentity caller = CallerIdentity.from(context);
        if (request == null) {
            throw new MalformedBodyException("The body must be a JSON object such as {\"transactionId\": \"...\", \"update\": \"end\"}.");
        }
        requestLog.put(RequestLog.TRANSACTION_ID, request.transactionId());
        return updateService.update(caller, request);
    }
}
