package com.clicktocall.localstack.http;

/** Answers the requests of one server. Whatever it throws is turned into an error answer by {@link LoopbackServer}. */
@FunctionalInterface
public interface Endpoint {

    void handle(Exchange exchange) throws Exception;

    /**
     * How an unexpected failure or an {@link HttpProblem} is written; the default writes
     * {@code {"error": type, "message": ...}}.
     */
    default void answerProblem(Exchange exchange, HttpProblem problem) throws java.io.IOException {
        exchange.sendJson(problem.status(), java.util.Map.of("error", problem.type(), "message", problem.getMessage()));
    }
}
