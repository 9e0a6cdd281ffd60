package com.clicktocall.api;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fields for the one log line {@link ApiEdge} writes per request (transaction id, meeting id, error
 * code). Only identifiers go here: never a join token, a JWT or a request body.
 */
@ApplicationScoped
public class RequestLog {

    static final String FIELDS = RequestLog.class.getName() + ".fields";
    public static final String TRANSACTION_ID = "transactionId";
    public static final String MEETING_ID = "meetingId";
    public static final String OUTCOME = "outcome";

    @Inject
    CurrentVertxRequest current;

    public void put(String key, String value) {
        RoutingContext context = current.getCurrent();
        if (context != null && value != null) {
            fields(context).put(key, value);
        }
    }

    static Map<String, String> fields(RoutingContext context) {
        Map<String, String> fields = context.get(FIELDS);
        if (fields == null) {
            fields = new LinkedHashMap<>();
            context.put(FIELDS, fields);
        }
        return fields;
    }
}
