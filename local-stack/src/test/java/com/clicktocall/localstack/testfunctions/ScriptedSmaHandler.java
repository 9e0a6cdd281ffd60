package com.clicktocall.localstack.testfunctions;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An SMA handler for the engine's tests, run by the local Lambda service like any function. It writes
 * every event it receives to {@code $EVENT_LOG} (one JSON line each) and answers according to the
 * call's {@code Scenario} argument. Uses the JSON library shaded into the runtime interface client, so
 * the test classes alone make a function.
 */
public final class ScriptedSmaHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] bytes = input.readAllBytes();
        JsonNode event = JSON.readTree(bytes);
        log(bytes);
        String type = event.path("InvocationEventType").asText();
        JsonNode details = event.path("CallDetails");
        JsonNode attributes = details.path("TransactionAttributes");
        String scenario = attributes.path("Scenario").asText(event.path("ActionData").path("Parameters").path("Arguments")
                .path("Scenario").asText("bridge-vc"));
        String transactionId = details.path("TransactionId").asText();
        ObjectNode response = JSON.createObjectNode();
        response.put("SchemaVersion", "1.0");
        ArrayNode actions = response.putArray("Actions");
        switch (type) {
            case "NEW_OUTBOUND_CALL" -> response.set("TransactionAttributes", event.path("ActionData").path("Parameters").path("Arguments"));
            case "CALL_ANSWERED" -> {
                switch (scenario) {
                    case "crash" -> Runtime.getRuntime().halt(3);
                    case "throw" -> throw new IllegalStateException("scripted failure");
                    case "nonsense" -> {
                        output.write("this is not JSON".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    case "hang" -> sleep(60_000);
                    case "slow-once" -> {
                        if (firstTime(transactionId)) {
                            sleep(Long.parseLong(attributes.path("SleepMs").asText("2000")));
                        }
                        actions.add(bridge(attributes, "AWS"));
                    }
                    case "too-many-actions" -> {
                        for (int i = 0; i < 11; i++) {
                            actions.add(hangup("LEG-A"));
                        }
                    }
                    case "bad-bridge" -> {
                        ObjectNode action = bridge(attributes, "PSTN");
                        ((ObjectNode) action.path("Parameters").path("Endpoints").get(0)).put("Arn", attributes.path("VoiceConnectorArn").asText());
                        actions.add(action);
                    }
                    case "play-audio" -> {
                        ObjectNode action = actions.addObject();
                        action.put("Type", "PlayAudio");
                        action.putObject("Parameters").put("ParticipantTag", "LEG-A");
                    }
                    case "bridge-pstn" -> actions.add(bridge(attributes, "PSTN"));
                    // a join gate: wait on LEG-A twice, then bridge
                    case "pause" -> actions.add(pause(callId(details, "LEG-A"), "300"));
                    // waits until the call is updated (interrupted) or ended
                    case "pause-long" -> actions.add(pause(callId(details, "LEG-A"), "60000"));
                    case "pause-zero" -> actions.add(pause(callId(details, "LEG-A"), "0"));
                    case "huge-attributes" -> {
                        ObjectNode huge = response.putObject("TransactionAttributes");
                        for (int i = 0; i < 101; i++) {
                            huge.put("key" + i, "value" + i);
                        }
                        actions.add(bridge(attributes, "AWS"));
                    }
                    default -> actions.add(bridge(attributes, "AWS"));
                }
            }
            case "CALL_UPDATE_REQUESTED" -> {
                JsonNode arguments = event.path("ActionData").path("Parameters").path("Arguments");
                String legB = callId(details, "LEG-B");
                if ("digits".equals(arguments.path("Update").asText()) && legB != null) {
                    ObjectNode action = actions.addObject();
                    action.put("Type", "SendDigits");
                    action.putObject("Parameters").put("CallId", legB).put("Digits", arguments.path("Digits").asText())
                            .put("ToneDurationInMilliseconds", 100);
                } else if ("end".equals(arguments.path("Update").asText())) {
                    actions.add(hangup(legB != null && connected(details, "LEG-B") ? "LEG-B" : "LEG-A"));
                }
            }
            case "HANGUP" -> {
                String tag = event.path("ActionData").path("Parameters").path("ParticipantTag").asText();
                String other = tag.equals("LEG-A") ? "LEG-B" : "LEG-A";
                if (connected(details, other)) {
                    actions.add(hangup(other));
                }
            }
            case "ACTION_SUCCESSFUL" -> {
                if (scenario.equals("pause") && "Pause".equals(event.path("ActionData").path("Type").asText())) {
                    int pauses = Integer.parseInt(attributes.path("Pauses").asText("0")) + 1;
                    ObjectNode kept = ((ObjectNode) attributes).deepCopy();
                    kept.put("Pauses", Integer.toString(pauses));
                    response.set("TransactionAttributes", kept);
                    actions.add(pauses < 2 ? pause(callId(details, "LEG-A"), "300") : bridge(attributes, "AWS"));
                }
            }
            case "ACTION_FAILED", "INVALID_LAMBDA_RESPONSE" -> {
                if (connected(details, "LEG-A")) {
                    actions.add(hangup("LEG-A"));
                }
            }
            default -> {
            }
        }
        output.write(JSON.writeValueAsBytes(response));
    }

    private static ObjectNode bridge(JsonNode attributes, String endpointType) {
        ObjectNode action = JSON.createObjectNode();
        action.put("Type", "CallAndBridge");
        ObjectNode parameters = action.putObject("Parameters");
        parameters.put("CallTimeoutSeconds", Integer.parseInt(attributes.path("RingSeconds").asText("30")));
        parameters.put("CallerIdNumber", attributes.path("CallerId").asText("+12065550100"));
        ObjectNode endpoint = parameters.putArray("Endpoints").addObject();
        endpoint.put("BridgeEndpointType", endpointType);
        endpoint.put("Uri", attributes.path("ToNumber").asText());
        if (endpointType.equals("AWS")) {
            endpoint.put("Arn", attributes.path("VoiceConnectorArn").asText());
        }
        parameters.putObject("SipHeaders").put("X-RequestorEmail", attributes.path("OwnerEmail").asText("nobody@example.com"));
        return action;
    }

    private static ObjectNode pause(String callId, String durationMs) {
        ObjectNode action = JSON.createObjectNode();
        action.put("Type", "Pause");
        action.putObject("Parameters").put("CallId", callId).put("DurationInMilliseconds", durationMs);
        return action;
    }

    private static ObjectNode hangup(String tag) {
        ObjectNode action = JSON.createObjectNode();
        action.put("Type", "Hangup");
        action.putObject("Parameters").put("ParticipantTag", tag).put("SipResponseCode", "0");
        return action;
    }

    private static String callId(JsonNode details, String tag) {
        for (JsonNode p : details.path("Participants")) {
            if (tag.equals(p.path("ParticipantTag").asText())) {
                return p.path("CallId").asText();
            }
        }
        return null;
    }

    private static boolean connected(JsonNode details, String tag) {
        for (JsonNode p : details.path("Participants")) {
            if (tag.equals(p.path("ParticipantTag").asText())) {
                return "Connected".equals(p.path("Status").asText());
            }
        }
        return false;
    }

    /** Across instances (processes): a marker file next to the event log. */
    private static boolean firstTime(String transactionId) throws IOException {
        try {
            Files.createFile(Path.of(System.getenv("EVENT_LOG") + "." + transactionId + ".slowed"));
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        }
    }

    private static void log(byte[] event) throws IOException {
        String path = System.getenv("EVENT_LOG");
        if (path == null) {
            return;
        }
        byte[] line = (JSON.readTree(event).toString() + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (ScriptedSmaHandler.class) {
            Files.write(Path.of(path), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
