package com.clicktocall.guards;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Chime SDK meeting events from EventBridge. A stream handler, so that malformed input reaches
 * {@link MeetingEventProcessor} (which ignores it with a log line) instead of failing in the runtime.
 */
@Named(MeetingEventsHandler.NAME)
public class MeetingEventsHandler implements RequestStreamHandler {

    /** {@code QUARKUS_LAMBDA_HANDLER} of the meeting-events function. */
    public static final String NAME = "meeting-events";

    @Inject
    MeetingEventProcessor processor;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        processor.process(input.readAllBytes(), context::getRemainingTimeInMillis);
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
