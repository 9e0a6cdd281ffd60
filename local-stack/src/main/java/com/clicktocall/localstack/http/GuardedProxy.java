package com.clicktocall.localstack.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Puts a third-party server (cognito-local, dynalite) behind the stack's {@link RequestGuard}: the
 * server listens on a free loopback port nobody is told about, and this proxy on the public port
 * passes each admitted request through, streaming bodies both ways and keeping the method, path,
 * headers and status. The emulators themselves admit any Host and any Origin (cognito-local answers
 * CORS for every origin), so without it any web page could drive them.
 */
public final class GuardedProxy implements Endpoint {

    /** Headers the JDK client sets itself or that describe one hop only (RFC 9110 §7.6.1). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "keep-alive",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private final URI target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** @param target the hidden server, e.g. {@code http://127.0.0.1:41234} */
    public GuardedProxy(URI target) {
        this.target = target;
    }

    /** Starts the proxy on {@code host:port} with {@code guard}, in front of {@code target}. */
    public static LoopbackServer start(String name, String host, int port, RequestGuard guard, URI target) {
        return LoopbackServer.start(name, host, port, guard, new GuardedProxy(target));
    }

    /** A loopback port free right now, for a server to be started behind a proxy. */
    public static int freeLoopbackPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public URI target() {
        return target;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        var http = exchange.http();
        String rawQuery = http.getRequestURI().getRawQuery();
        URI uri = target.resolve(http.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery));
        String length = exchange.header("Content-Length");
        boolean hasBody = (length != null && !length.equals("0")) || exchange.header("Transfer-Encoding") != null;
        HttpRequest.BodyPublisher body = hasBody
                ? HttpRequest.BodyPublishers.ofInputStream(http::getRequestBody)
                : HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(exchange.method(), body).timeout(Duration.ofMinutes(5));
        http.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new HttpProblem(502, "BadGateway", "the server behind this port does not answer: " + e.getMessage());
        }
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":") && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                http.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        int status = response.statusCode();
        boolean noBody = status == 204 || status == 304 || exchange.method().equals("HEAD") || declared == 0;
        try (InputStream in = response.body()) {
            // -1: no body; 0: chunked, for a body of unknown length.
            http.sendResponseHeaders(status, noBody ? -1 : Math.max(declared, 0));
            if (!noBody) {
                try (OutputStream out = http.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        }
    }
}
