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
import java.util.zip.CRC32;

/**
 * The AWS of {@link Priming}: a plain-HTTP server on a free loopback port that answers every request
 * as the real services answer a harmless one, so the SDK's clients run their whole path, responses
 * included: DynamoDB's answers carry its {@code x-amz-crc32} header, which the SDK checks, and while
 * {@link #refuseConditionalWrites} is on every conditional write is refused as DynamoDB refuses it, so
 * the error path (a second leg's {@code HANGUP} finds the call already ended) is primed too. It runs
 * only while priming.
 */
final class LoopbackAws implements AutoCloseable {

    /** DynamoDB's JSON protocol names the operation in this header. */
    private static final String DYNAMODB_TARGET = "X-Amz-Target";
    private static final String DYNAMODB_JSON = "application/x-amz-json-1.0";

    /** DynamoDB's answer to a write whose condition is false. */
    private static final String CONDITION_FAILED =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}";

    private static final String CALLER_PRESENT =
            "{\"Item\":{\"status\":{\"S\":\"dialling\"},\"callerJoinedAt\":{\"N\":\"1\"}}}";

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean refuseConditionalWrites;

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

    /** From now on, refuse (or accept) every write that carries a condition. */
    void refuseConditionalWrites(boolean refuse) {
        this.refuseConditionalWrites = refuse;
    }

    /** Requests answered so far. */
    int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if ("DELETE".equals(exchange.getRequestMethod())) {
                // Chime SDK Meetings: DeleteMeeting answers 204.
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            String target = exchange.getRequestHeaders().getFirst(DYNAMODB_TARGET);
            if (target == null) {
                answer(exchange, 200, "application/json", "{}");
            } else if (refuseConditionalWrites && request.contains("\"ConditionExpression\"")) {
                answer(exchange, 400, DYNAMODB_JSON, CONDITION_FAILED);
            } else {
                answer(exchange, 200, DYNAMODB_JSON, target.endsWith(".Query") ? "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}"
                        // The join gate's read: a call whose caller is in the meeting, so the bridge path is primed too.
                        : target.endsWith(".GetItem") ? CALLER_PRESENT : "{}");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (contentType.equals(DYNAMODB_JSON)) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            exchange.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
