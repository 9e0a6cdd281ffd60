package com.clicktocall.callcontrol;

import com.clicktocall.api.CallerIdentity;
import com.clicktocall.api.MalformedBodyException;
import com.clicktocall.api.RequestLog;
import com.clicktocall.model.api.ApiHeaders;
import com.clicktocall.model.api.ApiRoutes;
import com.clicktocall.model.api.DialRequest;
import com.clicktocall.model.api.DialResponse;
import io.quarkus.amazon.lambda.http.model.AwsProxyRequestContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code POST /dial}: the caller from the Cognito authorizer (who must meet the
 * {@link CallerRequirements}), the number from the body, the {@code Idempotency-Key} from the headers,
 * the work in {@link DialService}.
 */
@Path(ApiRoutes.DIAL)
public class DialResource {

    @Inject
    DialService dialService;

    @Inject
    CallerRequirements callerRequirements;

    @Inject
    RequestLog requestLog;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public DialResponse dial(DialRequest request, @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            @Context AwsProxyRequestContext context) {
        CallerIdentity caller = CallerIdentity.from(context);
        callerRequirements.check(caller);
        if (request == null) {
            throw new MalformedBodyException("The body must be a JSON object such as {\"toNumber\": \"+12065550100\"}.");
        }
        DialResponse response = dialService.dial(caller, Optional.ofNullable(idempotencyKey), request.toNumber());
        requestLog.put(RequestLog.TRANSACTION_ID, response.transactionId());
        requestLog.put(RequestLog.MEETING_ID, response.meeting().meeting().meetingId());
        return response;
    }
}
