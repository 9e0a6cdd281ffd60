package com.clicktocall.sma;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The SIP media application's Lambda. A stream handler, so that the event's bytes reach
 * {@link SmaEventProcessor} untouched: a typed handler would let the runtime fail on malformed JSON
 * before any code of ours could answer the SMA.
 */
@Named("sma")
public class SmaHandler implements RequestStreamHandler {

    @Inject
    SmaEventProcessor processor;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] response;
        try {
            response = processor.process(input.readAllBytes());
        } catch (IOException | RuntimeException e) {
            response = SmaEventProcessor.NO_ACTIONS;
        }
        output.write(response);
    }
}
