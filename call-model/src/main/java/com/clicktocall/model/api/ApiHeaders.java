package com.clicktocall.model.api;

import java.util.List;

/**
 * The HTTP headers of the click-to-call API and its CORS policy, written once. {@code ApiEdge} and the
 * local stack's API Gateway answer with these lists, and a template test checks that the template's
 * {@code Cors} and gateway responses say exactly this.
 */
public final class ApiHeaders {

    /** A UUID the page makes once per press of Dial and sends again with every retry of that press. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Seconds after which a refused request (409, 429) may be tried again. */
    public static final String RETRY_AFTER = "Retry-After";

    /** Request headers a cross-origin page may send. */
    public static final List<String> CORS_ALLOWED_HEADERS = List.of("Authorization", "Content-Type", IDEMPOTENCY_KEY);
    /** Methods a cross-origin page may use. */
    public static final List<String> CORS_ALLOWED_METHODS = List.of("GET", "POST", "OPTIONS");
    /** Response headers a cross-origin page may read. */
    public static final List<String> CORS_EXPOSED_HEADERS = List.of(RETRY_AFTER);

    private ApiHeaders() {
    }
}
