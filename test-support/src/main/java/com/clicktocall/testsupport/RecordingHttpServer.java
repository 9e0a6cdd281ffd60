package com.clicktocall.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 that records every request and answers from programmed stubs: a
 * stand-in for the Chime control plane (reached by the real AWS SDK through an endpoint override) or
 * for a CloudFormation response URL. Unmatched requests get 404 with {@code x-amzn-ErrorType:
 * NotFoundException}, as the Chime APIs answer an unknown id.
 *
 * <pre>{@code
 * try (var chime = RecordingHttpServer.start()) {
 *     chime.on("POST", "/meetings", Stub.json(200, "{\"Meeting\":{...}}"));
 *     ... point the SDK at chime.uri() ...
 *     assertThat(chime.requests("POST", "/meetings")).hasSize(1);
 * }
 * }</pre>
 */
public final class RecordingHttpServer implements AutoCloseable {

    /** One request as it arrived. Header names are lower-case. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** How to answer a matched request: status, headers, body, and an optional delay before answering. */
    public record Stub(int status, Map<String, String> headers, String body, Duration delay) {

        public static Stub json(int status, String body) {
            return new Stub(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
        }

        public static Stub status(int status) {
            return new Stub(status, Map.of(), "", Duration.ZERO);
        }

        /** An AWS REST-JSON error: type in {@code x-amzn-ErrorType}, {@code {"Message": ...}} in the body. */
        public static Stub awsError(int status, String errorType, String message) {
            String body = "{\"Message\":\"" + message.replace("\"", "'") + "\"}";
            return new Stub(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", errorType), body,
                    Duration.ZERO);
        }

        public Stub after(Duration delay) {
            return new Stub(status, headers, body, delay);
        }
    }

    private record Route(String method, Pattern path, Function<Request, Stub> responder) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    private RecordingHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static RecordingHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RecordingHttpServer recording = new RecordingHttpServer(server);
            server.createContext("/", recording::handle);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "recording-http-server");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return recording;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Answers requests whose method equals {@code method} and whose path matches the regular
     * expression {@code pathRegex} with {@code stub}. The stub programmed last wins.
     */
    public RecordingHttpServer on(String method, String pathRegex, Stub stub) {
        return on(method, pathRegex, request -> stub);
    }

    /**
     * Like {@link #on(String, String, Stub)}, the answer chosen from the request: for operations whose
     * path alone does not tell two requests apart (e.g. two CreateAttendee calls with different bodies).
     */
    public RecordingHttpServer on(String method, String pathRegex, Function<Request, Stub> responder) {
        routes.add(0, new Route(method, Pattern.compile(pathRegex), responder));
        return this;
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests with this method whose path matches {@code pathRegex}. */
    public List<Request> requests(String method, String pathRegex) {
        Predicate<String> path = Pattern.compile(pathRegex).asMatchPredicate();
        return requests.stream().filter(r -> r.method().equals(method) && path.test(r.path())).toList();
    }

    /** Forgets recorded requests and programmed stubs. */
    public void reset() {
        requests.clear();
        routes.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body);
            requests.add(request);

            Stub stub = routes.stream()
                    .filter(r -> r.method().equals(request.method()) && r.path().matcher(request.path()).matches())
                    .map(r -> r.responder().apply(request))
                    .findFirst()
                    .orElse(Stub.awsError(404, "NotFoundException", "no stub for " + request.method() + " " + request.path()));
            if (!stub.delay().isZero()) {
                try {
                    Thread.sleep(stub.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stub.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = stub.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(stub.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }
}
