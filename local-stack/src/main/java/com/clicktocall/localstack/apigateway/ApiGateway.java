package com.clicktocall.localstack.apigateway;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.http.Endpoint;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.http.HttpProblem;
import com.clicktocall.localstack.lambda.InvocationResult;
import com.clicktocall.localstack.lambda.LambdaService;
import com.clicktocall.localstack.lambda.UnknownFunctionException;
import com.clicktocall.model.api.ApiHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An API Gateway REST API with Lambda proxy integrations: each request on a template route becomes a
 * proxy event (format 1.0) for the route's function, the function's answer becomes the response.
 * Routes with the Cognito authorizer need a valid id token; CORS preflights are answered here.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html">Lambda proxy integrations</a>
 */
public final class ApiGateway implements Endpoint {

    /** API Gateway's own limit on an integration. */
    static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(29);
    public static final String STAGE = "local";
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final List<ApiRoute> routes;
    private final LambdaService lambda;
    private final CognitoAuthorizer authorizer;
    private final Set<String> allowedOrigins;
    private final String accountId;
    private final String apiId = "localapi01";

    public ApiGateway(List<ApiRoute> routes, LambdaService lambda, CognitoAuthorizer authorizer, Set<String> allowedOrigins,
            String accountId) {
        this.routes = List.copyOf(routes);
        this.lambda = lambda;
        this.authorizer = authorizer;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.accountId = accountId;
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        String path = exchange.path();
        String origin = exchange.header("Origin");
        boolean originAllowed = origin != null && allowedOrigins.contains(origin);
        if (exchange.method().equals("OPTIONS")) {
            preflight(exchange, path, origin, originAllowed);
            return;
        }
        Optional<Map.Entry<ApiRoute, Map<String, String>>> matched = match(exchange.method(), path);
        if (matched.isEmpty()) {
            // API Gateway answers an unknown path, and a known path with another method, this way
            gatewayError(exchange, originAllowed ? origin : null, 403, "Missing Authentication Token");
            return;
        }
        ApiRoute route = matched.get().getKey();
        Map<String, String> claims = Map.of();
        if (route.authorized()) {
            Optional<Map<String, String>> verified = authorizer.authorize(exchange.header("Authorization"));
            if (verified.isEmpty()) {
                Console.line("api", exchange.method() + " " + path + " → 401 (no valid id token)");
                gatewayError(exchange, originAllowed ? origin : null, 401, "Unauthorized");
                return;
            }
            claims = verified.get();
        }
        ObjectNode event = proxyEvent(exchange, route, matched.get().getValue(), claims);
        long started = System.nanoTime();
        InvocationResult result;
        try {
            result = lambda.invoke(route.function(), Exchange.JSON.writeValueAsBytes(event))
                    .get(INTEGRATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (UnknownFunctionException e) {
            Console.line("api", exchange.method() + " " + path + " → 502: function " + route.function() + " is not deployed");
            gatewayError(exchange, originAllowed ? origin : null, 502, "Internal server error");
            return;
        } catch (TimeoutException e) {
            gatewayError(exchange, originAllowed ? origin : null, 504, "Endpoint request timed out");
            return;
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        if (result.failed()) {
            Console.line("api", exchange.method() + " " + path + " → 502: " + route.function() + " failed (" + tookMs + " ms)");
            gatewayError(exchange, originAllowed ? origin : null, 502, "Internal server error");
            return;
        }
        answer(exchange, result, origin, originAllowed, tookMs, route);
    }

    private Optional<Map.Entry<ApiRoute, Map<String, String>>> match(String method, String path) {
        for (ApiRoute route : routes) {
            Optional<Map<String, String>> params = route.match(method, path);
            if (params.isPresent()) {
                return Optional.of(Map.entry(route, params.get()));
            }
        }
        return Optional.empty();
    }

    private void preflight(Exchange exchange, String path, String origin, boolean originAllowed) throws IOException {
        List<String> methods = routes.stream().filter(r -> r.matchPath(path).isPresent()).map(ApiRoute::method).distinct().toList();
        if (methods.isEmpty()) {
            gatewayError(exchange, originAllowed ? origin : null, 403, "Missing Authentication Token");
            return;
        }
        if (originAllowed) {
            exchange.withHeader("Access-Control-Allow-Origin", origin)
                    .withHeader("Access-Control-Allow-Methods", String.join(",", ApiHeaders.CORS_ALLOWED_METHODS))
                    .withHeader("Access-Control-Allow-Headers", String.join(",", ApiHeaders.CORS_ALLOWED_HEADERS))
                    .withHeader("Access-Control-Max-Age", "600")
                    .withHeader("Vary", "Origin");
        }
        exchange.sendEmpty(204);
    }

    private void gatewayError(Exchange exchange, String corsOrigin, int status, String message) throws IOException {
        if (corsOrigin != null) {
            exchange.withHeader("Access-Control-Allow-Origin", corsOrigin).withHeader("Vary", "Origin")
                    .withHeader("Access-Control-Expose-Headers", String.join(",", ApiHeaders.CORS_EXPOSED_HEADERS));
        }
        exchange.withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withHeader("x-amzn-ErrorType", status == 401 ? "UnauthorizedException"
                        : status == 403 ? "MissingAuthenticationTokenException" : "InternalServerErrorException");
        exchange.sendJson(status, Map.of("message", message));
    }

    @Override
    public void answerProblem(Exchange exchange, HttpProblem problem) throws IOException {
        exchange.sendJson(problem.status() >= 500 ? 500 : problem.status(), Map.of("message", problem.getMessage()));
    }

    private void answer(Exchange exchange, InvocationResult result, String origin, boolean originAllowed, long tookMs, ApiRoute route)
            throws IOException {
        JsonNode response;
        try {
            response = Exchange.JSON.readTree(result.payload());
        } catch (IOException e) {
            response = null;
        }
        if (response == null || !response.isObject() || !response.path("statusCode").canConvertToInt()) {
            Console.line("api", exchange.method() + " " + exchange.path() + " → 502: malformed Lambda proxy response from " + route.function());
            gatewayError(exchange, originAllowed ? origin : null, 502, "Internal server error");
            return;
        }
        int status = response.path("statusCode").asInt();
        if (status < 100 || status > 599) {
            gatewayError(exchange, originAllowed ? origin : null, 502, "Internal server error");
            return;
        }
        response.path("headers").fields().forEachRemaining(h -> exchange.http().getResponseHeaders().set(h.getKey(), h.getValue().asText()));
        response.path("multiValueHeaders").fields().forEachRemaining(h -> {
            exchange.http().getResponseHeaders().remove(h.getKey());
            h.getValue().forEach(v -> exchange.http().getResponseHeaders().add(h.getKey(), v.asText()));
        });
        exchange.withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
        JsonNode bodyNode = response.path("body");
        byte[] body;
        if (bodyNode.isMissingNode() || bodyNode.isNull()) {
            body = new byte[0];
        } else if (response.path("isBase64Encoded").asBoolean(false)) {
            body = Base64.getDecoder().decode(bodyNode.asText());
        } else {
            body = bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        }
        Console.line("api", exchange.method() + " " + exchange.path() + " → " + status + " (" + route.function() + ", " + tookMs + " ms)");
        String contentType = exchange.http().getResponseHeaders().getFirst("Content-Type");
        exchange.send(status, contentType == null ? "application/json" : null, body);
    }

    private ObjectNode proxyEvent(Exchange exchange, ApiRoute route, Map<String, String> pathParameters, Map<String, String> claims)
            throws IOException {
        ObjectNode event = Exchange.JSON.createObjectNode();
        event.put("resource", route.resourcePath());
        event.put("path", exchange.path());
        event.put("httpMethod", exchange.method());
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        exchange.http().getRequestHeaders().forEach((name, values) -> {
            String canonical = canonical(name);
            headers.put(canonical, values.getLast());
            var array = multiHeaders.putArray(canonical);
            values.forEach(array::add);
        });
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = exchange.rawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode q = event.putObject("queryStringParameters");
            ObjectNode mq = event.putObject("multiValueQueryStringParameters");
            query.forEach((k, v) -> {
                q.put(k, v.getLast());
                var array = mq.putArray(k);
                v.forEach(array::add);
            });
        }
        if (pathParameters.isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        event.putNull("stageVariables");
        Instant now = Instant.now();
        ObjectNode context = event.putObject("requestContext");
        context.put("resourceId", Integer.toHexString(route.resourcePath().hashCode()));
        context.put("resourcePath", route.resourcePath());
        context.put("httpMethod", exchange.method());
        context.put("extendedRequestId", UUID.randomUUID().toString());
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("path", "/" + STAGE + exchange.path());
        context.put("accountId", accountId);
        context.put("protocol", "HTTP/1.1");
        context.put("stage", STAGE);
        context.put("domainPrefix", apiId);
        context.put("requestTimeEpoch", now.toEpochMilli());
        context.put("requestId", UUID.randomUUID().toString());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", exchange.http().getRemoteAddress().getAddress().getHostAddress());
        identity.put("userAgent", exchange.header("User-Agent"));
        identity.putNull("cognitoIdentityPoolId");
        identity.putNull("accountId");
        identity.putNull("user");
        context.put("domainName", exchange.header("Host"));
        context.put("apiId", apiId);
        if (!claims.isEmpty()) {
            ObjectNode claimsNode = context.putObject("authorizer").putObject("claims");
            claims.forEach(claimsNode::put);
        }
        byte[] body = exchange.body();
        if (body.length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        } else if (isText(exchange.header("Content-Type"))) {
            event.put("body", new String(body, StandardCharsets.UTF_8));
            event.put("isBase64Encoded", false);
        } else {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        }
        return event;
    }

    private static boolean isText(String contentType) {
        return contentType == null || contentType.startsWith("text/") || contentType.contains("json") || contentType.contains("xml")
                || contentType.contains("x-www-form-urlencoded");
    }

    /** API Gateway passes header names as the client sent them; the JDK server normalises them to {@code Content-type}. */
    private static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }
}
