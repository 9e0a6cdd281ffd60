package com.clicktocall.guards;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The sweeper, on an EventBridge schedule; the scheduled event itself says nothing it needs. */
@Named(CallSweeperHandler.NAME)
public class CallSweeperHandler implements RequestStreamHandler {

    /** {@code QUARKUS_LAMBDA_HANDLER} of the call-sweeper function. */
    public static final String NAME = "call-sweeper";

    @Inject
    CallSweeper sweeper;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        CallSweeper.Summary summary = sweeper.sweep(context::getRemainingTimeInMillis);
        output.write(("{\"summary\":\"" + summary.line() + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
