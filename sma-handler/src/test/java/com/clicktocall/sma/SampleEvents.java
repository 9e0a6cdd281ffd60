package com.clicktocall.sma;

import com.clicktocall.model.sma.SmaEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The sample SMA events of {@code events/} (the same files {@code sam local invoke -e} replays). */
final class SampleEvents {

    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static final Path DIR = Path.of(System.getProperty("events.dir", "../events"));

    // Values the sample files share.
    static final String TRANSACTION_ID = "9b9d2c1a-6f3e-4f7a-8c2d-5e4b3a2f1e0d";
    static final String CALL_ID = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    static final String MEETING_ID = "4a1c7e5b-6f0b-4f58-9c2e-3d7a2f1b0c9e";
    static final String OWNER_SUB = "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09";
    static final String OWNER_EMAIL = "alex@example.com";
    static final String LEG_A = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9";
    static final String LEG_B = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d";
    static final String PSTN_NUMBER = "+12025550143";
    static final String VOICE_CONNECTOR_NUMBER = "+12065550199";
    static final String VOICE_CONNECTOR_ARN = "arn:aws:chime:us-east-1:123456789012:vc/abcdefghijklmnopqrstuv";

    private SampleEvents() {
    }

    /** The names ({@code sma-call-answered}, ...) of every sample SMA event. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("sma-") && n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String name) {
        try {
            return (ObjectNode) JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SmaEvent event(String name) {
        return event(name, tree -> { });
    }

    /** The sample, changed by {@code edit} before it is read. */
    static SmaEvent event(String name, Consumer<ObjectNode> edit) {
        ObjectNode tree = tree(name);
        edit.accept(tree);
        try {
            return JSON.treeToValue(tree, SmaEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name, Consumer<ObjectNode> edit) {
        ObjectNode tree = tree(name);
        edit.accept(tree);
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode attributes(ObjectNode event) {
        return (ObjectNode) event.path("CallDetails").path("TransactionAttributes");
    }

    static ObjectNode arguments(ObjectNode event) {
        return (ObjectNode) event.path("ActionData").path("Parameters").path("Arguments");
    }
}
