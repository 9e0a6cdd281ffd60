package com.clicktocall.callstatus;

import com.clicktocall.api.CallerIdentity;
import com.clicktocall.api.RequestLog;
import com.clicktocall.model.api.ApiRoutes;
import com.clicktocall.model.api.CallStatusResponse;
import io.quarkus.amazon.lambda.http.model.AwsProxyRequestContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /calls/{transactionId}}: the caller from the Cognito authorizer, the work in {@link CallStatusService}. */
@Path(ApiRoutes.CALL_STATUS)
public class CallStatusResource {

    @Inject
    CallStatusService service;

    @Inject
    RequestLog requestLog;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CallStatusResponse status(@PathParam(ApiRoutes.TRANSACTION_ID) String transactionId, @Context AwsProxyRequestContext context) {
        CallerIdentity caller = CallerIdentity.from(context);
        requestLog.put(RequestLog.TRANSACTION_ID, transactionId);
        CallStatusResponse status = service.status(caller, transactionId);
        requestLog.put(RequestLog.OUTCOME, status.status());
        return status;
    }
}
