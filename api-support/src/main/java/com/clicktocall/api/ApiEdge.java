package com.clicktocall.api;

import com.clicktocall.model.api.ApiHeaders;
import com.clicktocall.model.api.ErrorBody;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The first route of every request, in front of JAX-RS: CORS headers on every response (errors
 * included, whoever produced them), the answer to CORS preflights, a body-size limit, and one
 * structured log line per request.
 *
 * <p>Only {@link ApiConfig#allowedOrigin()} is ever admitted. A request from another origin gets a
 * response without {@code Access-Control-Allow-Origin}, so the browser withholds it from that page.
 * Requests without {@code Origin} (curl, API Gateway tests) get the configured origin, which admits
 * no-one else either.
 */
@ApplicationScoped
public class ApiEdge {

    /** A dial or update request is well under 1 KiB; anything this large is refused unread. */
    public static final int MAX_BODY_BYTES = 8 * 1024;
    public static final String ALLOWED_METHODS = String.join(", ", ApiHeaders.CORS_ALLOWED_METHODS);
    public static final String ALLOWED_HEADERS = String.join(", ", ApiHeaders.CORS_ALLOWED_HEADERS);
    public static final String EXPOSED_HEADERS = String.join(", ", ApiHeaders.CORS_EXPOSED_HEADERS);
    static final String PREFLIGHT_MAX_AGE_SECONDS = "600";
    static final String BODY_TOO_LARGE = "body_too_large";

    private static final Logger LOG = Logger.getLogger(ApiEdge.class);

    private final BodyHandler bodyReader = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);

    @Inject
    ApiConfig config;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle).failureHandler(this::bodyTooLarge);
    }

    /** The body reader fails a request whose body outgrows the limit as it streams in (no Content-Length). */
    void bodyTooLarge(RoutingContext context) {
        if (context.statusCode() != 413 || context.response().headWritten()) {
            context.next();
            return;
        }
        refuseTooLarge(context);
    }

    private void refuseTooLarge(RoutingContext context) {
        RequestLog.fields(context).put(RequestLog.OUTCOME, BODY_TOO_LARGE);
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(errorJson(new ErrorBody(BODY_TOO_LARGE,
                        "The request body is larger than " + MAX_BODY_BYTES + " bytes.")));
    }

    void handle(RoutingContext context) {
        long started = System.nanoTime();
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        context.addHeadersEndHandler(ignored -> addCorsHeaders(context.response().headers(), origin));
        context.addBodyEndHandler(ignored -> logRequest(context, started));

        if (context.request().method() == HttpMethod.OPTIONS) {
            context.response().setStatusCode(204)
                    .putHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .putHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS)
                    .end();
            return;
        }
        if (declaredLength(context) > MAX_BODY_BYTES) {
            refuseTooLarge(context);
            return;
        }
        // Reads the body here, within the limit, before JAX-RS sees it; too much fails with 413 (bodyTooLarge).
        bodyReader.handle(context);
    }

    /** Whether {@code origin} (the request's {@code Origin} header, null when absent) is admitted. */
    boolean admits(String origin) {
        return origin == null || origin.equals(config.allowedOrigin());
    }

    private void addCorsHeaders(MultiMap headers, String origin) {
        headers.add(HttpHeaders.VARY, "Origin");
        if (admits(origin)) {
            headers.set("Access-Control-Allow-Origin", config.allowedOrigin());
            headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return 0;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private String errorJson(ErrorBody body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void logRequest(RoutingContext context, long started) {
        int status = context.response().getStatusCode();
        Map<String, String> fields = RequestLog.fields(context);
        StringBuilder line = new StringBuilder(160)
                .append("route=").append(context.request().method().name()).append(' ')
                .append(printable(context.request().path()))
                .append(" status=").append(status)
                .append(" outcome=").append(fields.getOrDefault(RequestLog.OUTCOME, status < 400 ? "ok" : "error"));
        fields.forEach((key, value) -> {
            if (!key.equals(RequestLog.OUTCOME)) {
                line.append(' ').append(key).append('=').append(printable(value));
            }
        });
        line.append(" latencyMs=").append((System.nanoTime() - started) / 1_000_000);
        LOG.info(line);
    }

    /** Keeps a log line one line: whatever a client sent, control characters and blanks become '?'. */
    static String printable(String value) {
        if (value == null) {
            return "-";
        }
        String cut = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(c < 0x21 || c == 0x7f || Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
