package com.clicktocall.localstack.lambda;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** An invocation waiting for, or being handled by, a function instance. */
final class PendingInvocation {

    final String requestId;
    final byte[] payload;
    final long enqueuedNanos = System.nanoTime();
    final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    volatile long startedNanos;
    volatile boolean coldStart;
    volatile long initDurationMs;

    PendingInvocation(String requestId, byte[] payload) {
        this.requestId = requestId;
        this.payload = payload;
    }

    void succeed(byte[] response) {
        result.complete(new InvocationResult(requestId, response, null, coldStart, initDurationMs, elapsedMs()));
    }

    void fail(String errorType, String errorMessage) {
        String document = "{\"errorType\":\"" + escape(errorType) + "\",\"errorMessage\":\"" + escape(errorMessage) + "\"}";
        failWith(document.getBytes(StandardCharsets.UTF_8));
    }

    void failWith(byte[] errorDocument) {
        result.complete(new InvocationResult(requestId, errorDocument, InvocationResult.UNHANDLED, coldStart, initDurationMs,
                elapsedMs()));
    }

    boolean done() {
        return result.isDone();
    }

    private long elapsedMs() {
        long from = startedNanos == 0 ? enqueuedNanos : startedNanos;
        return (System.nanoTime() - from) / 1_000_000;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
