package com.clicktocall.localstack.sma;

import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.lambda.InvocationResult;
import com.clicktocall.localstack.lambda.LambdaService;
import com.clicktocall.localstack.lambda.UnknownFunctionException;
import com.clicktocall.model.sma.SmaLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Invokes the SMA's handler function with one event as the PSTN Audio service does: an invocation that has
 * not answered within {@link SmaSettings#invocationTimeout()} is retried, a failed one is retried once, and
 * the call is given up when no answer has come within {@link SmaSettings#hangupAfter()}
 * ({@value SmaLimits#INVOCATION_TIMEOUT_MS} ms and {@value SmaLimits#HANGUP_AFTER_MS} ms in AWS).
 * Every attempt and answer goes into the call's timeline.
 */
final class HandlerInvoker {

    /** The outcome of one event's invocations. */
    sealed interface Outcome {
    }

    /** What the handler answered, not yet checked; a body that is not JSON is a text node. */
    record Answered(JsonNode response) implements Outcome {
    }

    /** No answer is coming: the call is to be abandoned, {@code why} says why. */
    record GaveUp(String why) implements Outcome {
    }

    private final LambdaService lambda;
    private final SmaSettings settings;
    private final CallTimeline timeline;

    HandlerInvoker(LambdaService lambda, SmaSettings settings, CallTimeline timeline) {
        this.lambda = lambda;
        this.settings = settings;
        this.timeline = timeline;
    }

    Outcome invoke(ObjectNode event) {
        byte[] payload;
        try {
            payload = Exchange.JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            return new GaveUp("cannot write the event: " + e.getMessage());
        }
        long deadline = System.nanoTime() + settings.hangupAfter().toNanos();
        int errors = 0;
        for (int attempt = 1; ; attempt++) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                return new GaveUp("no valid answer from " + settings.handlerFunction() + " within " + settings.hangupAfter().toMillis() + " ms");
            }
            long started = System.nanoTime();
            try {
                InvocationResult result = lambda.invoke(settings.handlerFunction(), payload)
                        .get(Math.min(settings.invocationTimeout().toMillis(), remaining), TimeUnit.MILLISECONDS);
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                if (result.failed()) {
                    errors++;
                    timeline.add("error", settings.handlerFunction() + " failed after " + tookMs + " ms (attempt " + attempt + "): "
                            + abbreviate(result.payloadText()), null);
                    if (errors >= 2) {
                        return new GaveUp(settings.handlerFunction() + " failed twice");
                    }
                    continue;
                }
                JsonNode response;
                try {
                    response = Exchange.JSON.readTree(result.payload());
                } catch (IOException e) {
                    response = Exchange.JSON.getNodeFactory().textNode(new String(result.payload(), StandardCharsets.UTF_8));
                }
                timeline.add("response", describe(response) + " in " + tookMs + " ms"
                        + (result.coldStart() ? " (cold start, init " + result.initDurationMs() + " ms)" : ""), response);
                return new Answered(response == null ? Exchange.JSON.nullNode() : response);
            } catch (TimeoutException e) {
                timeline.add("error", "no answer from " + settings.handlerFunction() + " within "
                        + settings.invocationTimeout().toMillis() + " ms (attempt " + attempt + "): retrying", null);
            } catch (UnknownFunctionException e) {
                return new GaveUp("the SMA's handler " + settings.handlerFunction() + " is not deployed");
            } catch (ExecutionException e) {
                return new GaveUp("invocation failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new GaveUp("interrupted");
            }
        }
    }

    /** The response's actions for the timeline, e.g. {@code response: [CallAndBridge]}. */
    private static String describe(JsonNode response) {
        if (response == null || !response.isObject()) {
            return "response (not an object)";
        }
        JsonNode actions = response.get("Actions");
        if (actions == null || actions.isNull()) {
            return "response: actions unchanged";
        }
        StringBuilder text = new StringBuilder("response: [");
        for (int i = 0; i < actions.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(actions.get(i).path("Type").asText("?"));
        }
        return text.append("]").toString();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
