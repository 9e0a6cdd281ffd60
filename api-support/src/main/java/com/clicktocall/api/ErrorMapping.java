package com.clicktocall.api;

import com.clicktocall.model.api.ErrorBody;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP answers: every error is an {@link ErrorBody} with a stable
 * code. Jackson's parse errors are answered without echoing the input; unexpected failures are logged
 * here and answered 500 {@code internal_error} without details.
 */
public class ErrorMapping {

    public static final String INTERNAL_ERROR = "internal_error";

    private static final Logger LOG = Logger.getLogger(ErrorMapping.class);

    @Inject
    RequestLog requestLog;

    @ServerExceptionMapper
    public Response apiFailure(ApiException e) {
        Response.ResponseBuilder answer = builder(e.status(), e.code(), e.getMessage());
        e.headers().forEach(answer::header);
        return answer.build();
    }

    @ServerExceptionMapper
    public Response notJson(JsonParseException e) {
        return malformed("The body is not valid JSON.");
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return malformed(wrongShapeMessage(e));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return malformed(e instanceof JsonMappingException mapping ? wrongShapeMessage(mapping) : "The body is not valid JSON.");
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadable(json);
            }
        }
        int status = e.getResponse().getStatus();
        return answer(status, codeFor(status), Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() + "." : "Request refused.");
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("request failed unexpectedly", e);
        return answer(500, INTERNAL_ERROR, "Something went wrong on our side. Try again.");
    }

    private Response malformed(String message) {
        return answer(400, MalformedBodyException.CODE, message);
    }

    private Response answer(int status, String code, String message) {
        return builder(status, code, message).build();
    }

    private Response.ResponseBuilder builder(int status, String code, String message) {
        requestLog.put(RequestLog.OUTCOME, code);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message));
    }

    /** Names the offending field, never its value: the message is safe to show and to log. */
    static String wrongShapeMessage(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty()
                ? "The body must be a JSON object."
                : "'" + ApiEdge.printable(path) + "' has the wrong type: expected text.";
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> UnauthenticatedException.CODE;
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> ApiEdge.BODY_TOO_LARGE;
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? INTERNAL_ERROR : "http_" + status;
        };
    }
}
