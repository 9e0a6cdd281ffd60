package com.clicktocall.sma;

import com.clicktocall.model.sip.SipHeaders;
import com.clicktocall.model.sma.Action;
import com.clicktocall.model.sma.ActionData;
import com.clicktocall.model.sma.InvocationEventType;
import com.clicktocall.model.sma.SmaEvent;
import com.clicktocall.model.sma.SmaResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One SMA invocation from bytes to bytes: reads the event, asks the {@link CallFlow}, writes the
 * response and one structured log line. Whatever arrives (malformed JSON, {@code null}, an array, wrong
 * types) and whatever fails inside, the answer is a valid SMA response. This is the whole per-event path
 * of the Lambda function apart from the runtime, which is what the benchmarks measure.
 */
public final class SmaEventProcessor {

    /** The answer when nothing better can be said: valid, and it changes nothing. */
    static final byte[] NO_ACTIONS = "{\"SchemaVersion\":\"1.0\",\"Actions\":[]}".getBytes(StandardCharsets.US_ASCII);

    /** Longest text copied from an event into a log line. */
    static final int MAX_LOGGED_TEXT = 200;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectReader EVENT_READER = JSON.readerFor(SmaEvent.class);
    private static final ObjectWriter RESPONSE_WRITER = JSON.writerFor(SmaResponse.class);
    private static final JsonFactory LOG_JSON = JSON.getFactory();

    private final CallFlow flow;
    private final Consumer<String> log;

    /**
     * @param log receives one JSON line per event; never a join token, never an e-mail address
     */
    public SmaEventProcessor(CallFlow flow, Consumer<String> log) {
        this.flow = flow;
        this.log = log;
    }

    public byte[] process(byte[] eventJson) {
        long start = System.nanoTime();
        SmaEvent event = null;
        Decision decision;
        String failure = null;
        try {
            event = EVENT_READER.readValue(eventJson);
        } catch (IOException | RuntimeException e) {
            failure = "unreadable event: " + e.getClass().getSimpleName();
        }
        if (failure != null) {
            decision = Decision.of(SmaResponse.noActions(), "unreadable-event");
        } else if (event == null) {
            decision = Decision.of(SmaResponse.noActions(), "empty-event");
        } else {
            try {
                decision = flow.decide(event);
            } catch (RuntimeException e) {
                failure = "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage();
                decision = flow.endAfterError(event);
            }
        }
        byte[] response;
        try {
            response = RESPONSE_WRITER.writeValueAsBytes(decision.response());
        } catch (IOException | RuntimeException e) {
            failure = "unwritable response: " + e.getClass().getSimpleName();
            response = NO_ACTIONS;
        }
        try {
            log.accept(logLine(event, event == null ? transactionIdOf(eventJson) : event.transactionId(),
                    decision, failure, (System.nanoTime() - start) / 1_000));
        } catch (RuntimeException e) {
            // A log line that cannot be written must not cost the call its answer.
        }
        return response;
    }

    private static String logLine(SmaEvent event, String transactionId, Decision decision, String failure,
            long latencyMicros) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = LOG_JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("transactionId", safe(transactionId));
            if (event != null) {
                InvocationEventType type = event.invocationEventType();
                json.writeStringField("eventType", type == null ? null : type.wireName());
                if (event.sequence() != null) {
                    json.writeNumberField("sequence", event.sequence());
                }
                writeEventDetails(json, event);
            }
            json.writeArrayFieldStart("actions");
            if (decision.response().actions() != null) {
                for (Action action : decision.response().actions()) {
                    json.writeString(action.type());
                }
            }
            json.writeEndArray();
            json.writeStringField("decision", decision.decision());
            if (decision.meeting() != null) {
                json.writeStringField("meeting", decision.meeting());
            }
            if (decision.detail() != null) {
                json.writeStringField("detail", safe(decision.detail()));
            }
            if (decision.ledger() != null) {
                json.writeStringField("ledger", decision.ledger());
            }
            if (failure != null) {
                json.writeStringField("failure", safe(failure));
            }
            json.writeNumberField("latencyMicros", latencyMicros);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString();
    }

    /** What the SMA said went wrong, or how a leg ended; free text cut and cleaned. */
    private static void writeEventDetails(JsonGenerator json, SmaEvent event) throws IOException {
        if (event.errorType() != null) {
            json.writeStringField("errorType", safe(event.errorType()));
            json.writeStringField("errorMessage", safe(event.errorMessage()));
        }
        ActionData data = event.actionData();
        if (data == null) {
            return;
        }
        if (data.type() != null) {
            json.writeStringField("actionDataType", safe(data.type()));
        }
        if (data.errorType() != null && event.errorType() == null) {
            json.writeStringField("errorType", safe(data.errorType()));
            json.writeStringField("errorMessage", safe(data.errorMessage()));
        }
        if (event.invocationEventType() == InvocationEventType.HANGUP && data.parameters() != null) {
            if (data.parameters().participantTag() != null) {
                json.writeStringField("participantTag", data.parameters().participantTag().wireName());
            }
            json.writeStringField("sipResponseCode", safe(data.parameters().sipResponseCode()));
        }
    }

    /** Best effort, for the log line of an event that could not be read as an SmaEvent. */
    private static String transactionIdOf(byte[] eventJson) {
        try {
            JsonNode id = JSON.readTree(eventJson).path("CallDetails").path("TransactionId");
            return id.isTextual() ? id.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String safe(String text) {
        if (text == null) {
            return null;
        }
        String clean = SipHeaders.sanitiseValue(text);
        return clean.length() > MAX_LOGGED_TEXT ? clean.substring(0, MAX_LOGGED_TEXT) + "…" : clean;
    }
}
