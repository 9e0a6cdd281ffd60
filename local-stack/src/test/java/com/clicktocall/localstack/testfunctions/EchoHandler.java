package com.clicktocall.localstack.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function for the Lambda service's tests: answers its input, except for a few commands in it
 * ({@code "exit"}, {@code "throw"}, {@code "sleep:<ms>"}) that make it crash, fail or take its time.
 */
public final class EchoHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        if (text.contains("\"exit\"")) {
            Runtime.getRuntime().halt(7);
        }
        if (text.contains("\"throw\"")) {
            throw new IllegalArgumentException("asked to fail");
        }
        int sleep = text.indexOf("\"sleep:");
        if (sleep >= 0) {
            long ms = Long.parseLong(text.substring(sleep + 7, text.indexOf('"', sleep + 7)));
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String reply = "{\"echo\":" + text + ",\"function\":\"" + context.getFunctionName() + "\",\"pid\":" + ProcessHandle.current().pid() + "}";
        output.write(reply.getBytes(StandardCharsets.UTF_8));
    }
}
