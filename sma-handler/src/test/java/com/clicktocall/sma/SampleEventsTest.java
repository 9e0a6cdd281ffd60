package com.clicktocall.sma;

import static com.clicktocall.sma.SampleEvents.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.sma.InvocationEventType;
import com.clicktocall.model.sma.ParticipantTag;
import com.clicktocall.model.sma.SmaEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The files of {@code events/} are the wire format the handler reads, and cover every event type. */
class SampleEventsTest {

    static List<String> samples() {
        return SampleEvents.names();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleEvent_roundTripsThroughTheModel(String sample) throws Exception {
        ObjectNode original = SampleEvents.tree(sample);

        SmaEvent event = JSON.treeToValue(original, SmaEvent.class);
        JsonNode written = JSON.valueToTree(event);

        assertThat(event.invocationEventType()).isNotEqualTo(InvocationEventType.UNKNOWN);
        assertThat(written.path("CallDetails")).isEqualTo(original.path("CallDetails"));
        assertThat(written.path("SchemaVersion")).isEqualTo(original.path("SchemaVersion"));
        assertThat(written.path("Sequence")).isEqualTo(original.path("Sequence"));
        assertThat(written.path("ErrorType")).isEqualTo(original.path("ErrorType"));
        // ActionData may hold fields of actions this project never uses; what the model knows is written back unchanged.
        assertContainedIn(written.path("ActionData"), original.path("ActionData"), sample);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleEvent_isShapedLikeTheDeveloperGuide(String sample) {
        JsonNode event = SampleEvents.tree(sample);

        assertThat(event.path("SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(event.path("Sequence").isInt()).isTrue();
        JsonNode participants = event.path("CallDetails").path("Participants");
        assertThat(participants.isArray() && !participants.isEmpty()).isTrue();
        for (JsonNode participant : participants) {
            assertThat(participant.path("StartTimeInMilliseconds").isTextual()).as("epoch millis as a string").isTrue();
            assertThat(participant.path("ParticipantTag").asText()).isIn("LEG-A", "LEG-B");
            assertThat(participant.path("Direction").asText()).isIn("Inbound", "Outbound");
            // AWS's own INVALID_LAMBDA_RESPONSE sample has no Status: optional, but one of two values when present.
            if (participant.has("Status")) {
                assertThat(participant.path("Status").asText()).isIn("Connected", "Disconnected");
            }
            assertThat(participant.has("CallId") && participant.has("To") && participant.has("From")).isTrue();
        }
    }

    @Test
    void everyEventTypeHasASample() {
        Set<InvocationEventType> covered = SampleEvents.names().stream()
                .map(SampleEvents::event).map(SmaEvent::invocationEventType).collect(Collectors.toSet());

        Set<InvocationEventType> all = EnumSet.allOf(InvocationEventType.class);
        all.remove(InvocationEventType.UNKNOWN);
        assertThat(covered).isEqualTo(all);
    }

    @Test
    void hangupSamples_coverBothLegsAndBusy() {
        assertThat(SampleEvents.event("sma-hangup-leg-a").actionData().parameters().participantTag()).isEqualTo(ParticipantTag.LEG_A);
        assertThat(SampleEvents.event("sma-hangup-leg-b").actionData().parameters().sipResponseCode()).isEqualTo("0");
        assertThat(SampleEvents.event("sma-hangup-leg-b-busy").actionData().parameters().sipResponseCode()).isEqualTo("486");
    }

    private static void assertContainedIn(JsonNode part, JsonNode whole, String where) {
        if (part.isObject()) {
            part.fields().forEachRemaining(f -> assertContainedIn(f.getValue(), whole.path(f.getKey()), where + "." + f.getKey()));
        } else if (part.isArray()) {
            assertThat(whole.size()).as(where).isEqualTo(part.size());
            for (int i = 0; i < part.size(); i++) {
                assertContainedIn(part.get(i), whole.get(i), where + "[" + i + "]");
            }
        } else {
            assertThat(part.asText()).as(where).isEqualTo(whole.asText());
        }
    }
}
