package com.clicktocall.sma;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS of {@link Priming}: a plain-HTTP server on a free loopback port that answers every request
 * as the real services answer a harmless one, so the SDK's clients run their whole path, responses
 * included. It runs only while priming.
 */
final class LoopbackAws implements AutoCloseable {

    /** DynamoDB's JSON protocol names the operation in this header. */
    private static final String DYNAMODB_TARGET = "X-Amz-Target";

    private static final String CALLER_PRESENT =
            "{\"Item\":{\"status\":{\"S\":\"dialling\"},\"callerJoinedAt\":{\"N\":\"1\"}}}";

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private LoopbackAws(HttpServer server) {
        this.server = server;
    }

    static LoopbackAws start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackAws aws = new LoopbackAws(server);
            server.createContext("/", aws::answer);
            server.start();
            return aws;
        } catch (IOException e) {
            throw new UncheckedIOException("priming: could not open a loopback port", e);
        }
    }

    URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** Requests answered so far. */
    int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if ("DELETE".equals(exchange.getRequestMethod())) {
                // Chime SDK Meetings: DeleteMeeting answers 204.
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            String target = exchange.getRequestHeaders().getFirst(DYNAMODB_TARGET);
            String body = target == null ? "{}"
                    : target.endsWith(".Query") ? "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}"
                    // The join gate's read: a call whose caller is in the meeting, so the bridge path is primed too.
                    : target.endsWith(".GetItem") ? CALLER_PRESENT : "{}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
