package com.clicktocall.localstack.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An SMA handler that answers the first event of a call and then dies on the next one, as a broken deployment might. */
public final class CrashingHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (event.contains("\"NEW_OUTBOUND_CALL\"") || event.contains("\"RINGING\"")) {
            output.write("{\"SchemaVersion\":\"1.0\",\"Actions\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        Runtime.getRuntime().halt(70);
    }
}
