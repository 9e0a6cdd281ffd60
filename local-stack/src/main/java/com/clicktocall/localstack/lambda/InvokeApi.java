package com.clicktocall.localstack.lambda;

import com.clicktocall.localstack.http.Endpoint;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.http.HttpProblem;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}), so that other local
 * tools (cognito-local's triggers, the AWS CLI, SDKs) can call the functions.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html">Invoke</a>
 */
public final class InvokeApi implements Endpoint {

    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    private final LambdaService lambda;

    public InvokeApi(LambdaService lambda) {
        this.lambda = lambda;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        Matcher m = INVOKE.matcher(exchange.http().getRequestURI().getRawPath());
        if (!m.matches() || !exchange.method().equals("POST")) {
            throw new HttpProblem(404, "ResourceNotFoundException", "unknown operation " + exchange.method() + " " + exchange.path());
        }
        String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        if (!lambda.has(name) && !name.contains(":function:")) {
            throw new HttpProblem(404, "ResourceNotFoundException", "Function not found: " + name);
        }
        String type = exchange.header("X-Amz-Invocation-Type");
        byte[] payload = exchange.body();
        if (payload.length > 0) {
            try {
                Exchange.JSON.readTree(payload);
            } catch (java.io.IOException e) {
                throw new HttpProblem(400, "InvalidRequestContentException", "Could not parse request body into json: " + e.getMessage());
            }
        }
        java.util.concurrent.CompletableFuture<InvocationResult> future;
        try {
            future = lambda.invoke(name, payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload);
        } catch (UnknownFunctionException e) {
            throw new HttpProblem(404, "ResourceNotFoundException", e.getMessage());
        }
        if ("Event".equals(type)) {
            exchange.sendEmpty(202);
            return;
        }
        InvocationResult result;
        try {
            result = future.get(lambda.timeout(stripQualifier(name)).toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HttpProblem(500, "ServiceException", "the function did not answer");
        }
        exchange.withHeader("X-Amz-Executed-Version", "$LATEST");
        if (result.failed()) {
            exchange.withHeader("X-Amz-Function-Error", result.functionError());
        }
        exchange.send(200, "application/json", result.payload());
    }

    private String stripQualifier(String name) {
        int colon = name.indexOf(":function:");
        if (colon < 0) {
            return name;
        }
        String rest = name.substring(colon + ":function:".length());
        int qualifier = rest.indexOf(':');
        return qualifier < 0 ? rest : rest.substring(0, qualifier);
    }

    @Override
    public void answerProblem(Exchange exchange, HttpProblem problem) throws java.io.IOException {
        exchange.withHeader("x-amzn-ErrorType", problem.type());
        exchange.sendJson(problem.status(), Map.of("Type", "User", "Message", problem.getMessage()));
    }
}
