package com.clicktocall.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An API Gateway REST proxy event (payload 1.0) loaded from {@code events/}, changed for one test and
 * written back as JSON: what a function's tests post to the Quarkus mock event server's
 * {@code /_lambda_} endpoint so that the function sees a real request context with Cognito claims.
 *
 * <pre>{@code
 * String event = ApiGatewayProxyEvent.load(Path.of("../events/api-dial.json")).body("{\"toNumber\":\"+1...\"}").json();
 * Response answer = ApiGatewayProxyEvent.response(given().body(event).post("/_lambda_").asString());
 * }</pre>
 */
public final class ApiGatewayProxyEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the function answered: status, headers (names lower-case), body. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("body is not JSON: " + body, e);
            }
        }
    }

    private final ObjectNode event;

    private ApiGatewayProxyEvent(ObjectNode event) {
        this.event = event;
    }

    public static ApiGatewayProxyEvent load(Path file) {
        try {
            return new ApiGatewayProxyEvent((ObjectNode) JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw body, exactly as API Gateway would pass it (may be anything, even invalid JSON). */
    public ApiGatewayProxyEvent body(String body) {
        event.put("body", body);
        return this;
    }

    /** Sets a header in both {@code headers} and {@code multiValueHeaders}; null removes it. */
    public ApiGatewayProxyEvent header(String name, String value) {
        ObjectNode headers = child(event, "headers");
        ObjectNode multi = child(event, "multiValueHeaders");
        removeIgnoringCase(headers, name);
        removeIgnoringCase(multi, name);
        if (value != null) {
            headers.put(name, value);
            multi.putArray(name).add(value);
        }
        return this;
    }

    /** Sets a Cognito claim; null removes it. */
    public ApiGatewayProxyEvent claim(String name, String value) {
        ObjectNode claims = child(child(child(event, "requestContext"), "authorizer"), "claims");
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    /** Removes the authorizer: a request that did not pass through the Cognito authorizer. */
    public ApiGatewayProxyEvent withoutAuthorizer() {
        child(event, "requestContext").remove("authorizer");
        return this;
    }

    /** Sets a path parameter, and the request's path to the resource with every parameter filled in. */
    public ApiGatewayProxyEvent pathParameter(String name, String value) {
        ObjectNode parameters = child(event, "pathParameters");
        parameters.put(name, value);
        String path = event.path("resource").asText();
        for (var it = parameters.fields(); it.hasNext(); ) {
            var parameter = it.next();
            path = path.replace("{" + parameter.getKey() + "}", parameter.getValue().asText());
        }
        event.put("path", path);
        return this;
    }

    public ApiGatewayProxyEvent httpMethod(String method) {
        event.put("httpMethod", method);
        child(event, "requestContext").put("httpMethod", method);
        return this;
    }

    public String body() {
        return event.path("body").asText(null);
    }

    public String json() {
        return event.toString();
    }

    /** Reads the proxy response the mock event server returns for a posted event. */
    public static Response response(String lambdaResponse) {
        try {
            JsonNode node = JSON.readTree(lambdaResponse);
            Map<String, List<String>> headers = new TreeMap<>();
            node.path("multiValueHeaders").fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
            });
            node.path("headers").fields().forEachRemaining(e ->
                    headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(List.of(e.getValue().asText()))));
            return new Response(node.path("statusCode").asInt(), headers, node.path("body").asText(""));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a proxy response: " + lambdaResponse, e);
        }
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode child ? child : parent.putObject(name);
    }

    private static void removeIgnoringCase(ObjectNode node, String name) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (n.equalsIgnoreCase(name)) {
                names.add(n);
            }
        });
        node.remove(names);
    }
}
