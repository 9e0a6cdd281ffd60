package com.clicktocall.localstack.http;

import java.io.IOException;

/** An endpoint set after its server is listening (its port is needed to build what answers on it). */
public final class DeferredEndpoint implements Endpoint {

    private volatile Endpoint target;

    public void set(Endpoint endpoint) {
        this.target = endpoint;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        Endpoint current = target;
        if (current == null) {
            throw new HttpProblem(503, "ServiceUnavailableException", "the local stack is still starting");
        }
        current.handle(exchange);
    }

    @Override
    public void answerProblem(Exchange exchange, HttpProblem problem) throws IOException {
        Endpoint current = target;
        if (current == null) {
            Endpoint.super.answerProblem(exchange, problem);
        } else {
            current.answerProblem(exchange, problem);
        }
    }
}
