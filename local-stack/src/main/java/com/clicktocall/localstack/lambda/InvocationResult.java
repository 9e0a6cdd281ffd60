package com.clicktocall.localstack.lambda;

import java.nio.charset.StandardCharsets;

/**
 * What an invocation produced.
 *
 * @param payload        the function's response, or the error document when {@code functionError} is set
 * @param functionError  null on success, else {@code Unhandled} (as the Invoke API's {@code X-Amz-Function-Error})
 * @param coldStart      whether a new process was started for it
 * @param initDurationMs process start until the runtime asked for its first invocation (cold starts only)
 * @param durationMs     from handing the event to the runtime until its answer
 */
public record InvocationResult(String requestId, byte[] payload, String functionError, boolean coldStart,
        long initDurationMs, long durationMs) {

    public static final String UNHANDLED = "Unhandled";

    public boolean failed() {
        return functionError != null;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
