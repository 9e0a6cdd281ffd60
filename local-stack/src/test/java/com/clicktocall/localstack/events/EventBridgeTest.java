package com.clicktocall.localstack.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.TestPaths;
import com.clicktocall.localstack.apigateway.SamTemplate;
import com.clicktocall.localstack.chime.Meetings;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.lambda.FunctionSpec;
import com.clicktocall.localstack.lambda.LambdaService;
import com.clicktocall.localstack.lambda.LambdaSettings;
import com.clicktocall.localstack.testfunctions.ScriptedSmaHandler;
import com.clicktocall.localstack.web.MeetingEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What EventBridge does for the functions: Chime's meeting events to the rule's function, and schedules. */
class EventBridgeTest {

    static final String TEMPLATE = """
            Resources:
              MeetingEventsFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: call-guards
                  Environment:
                    Variables:
                      QUARKUS_LAMBDA_HANDLER: meeting-events
                  Events:
                    ChimeMeetingEvents:
                      Type: EventBridgeRule
                      Properties:
                        Pattern:
                          source: [aws.chime]
                          detail-type: [Chime Meeting State Change]
              CallSweeperFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: call-guards
                  Environment:
                    Variables:
                      QUARKUS_LAMBDA_HANDLER: call-sweeper
                  Events:
                    EveryMinute:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 minute)
              SmaHandlerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: sma-handler
            """;

    @TempDir
    static Path work;
    static LambdaService lambda;
    static SamTemplate template;

    @BeforeAll
    static void start() throws Exception {
        Console.quiet(!Boolean.getBoolean("local-stack.verbose"));
        Files.writeString(work.resolve("template.yaml"), TEMPLATE);
        template = SamTemplate.load(work.resolve("template.yaml"));
        lambda = new LambdaService(new LambdaSettings(TestPaths.runtimeInterfaceClient(), TestPaths.javaCommand(),
                LambdaSettings.DEFAULT_JVM_OPTIONS, work.resolve("run"), 1, false, "us-east-1", "111122223333"));
        for (String name : List.of("meeting-events", "call-sweeper")) {
            lambda.register(new FunctionSpec(name, TestPaths.testFunctions(), ScriptedSmaHandler.class.getName() + "::handleRequest",
                    Map.of("EVENT_LOG", work.resolve(name + ".jsonl").toString()), Duration.ofSeconds(10), 256));
        }
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    @Test
    void functionsSharingOneArtifact_areNamedAfterTheirLogicalIds_withTheirRulesAndSchedules() {
        assertThat(template.functions()).extracting(SamTemplate.Function::name).containsExactly("meeting-events", "call-sweeper", "sma-handler");
        assertThat(template.functionsOf("call-guards")).extracting(SamTemplate.Function::name).containsExactly("meeting-events", "call-sweeper");
        assertThat(template.function("call-sweeper").orElseThrow().schedules())
                .containsExactly(new SamTemplate.ScheduleRule("EveryMinute", "rate(1 minute)", true));
        assertThat(ChimeMeetingEvents.targets(template)).extracting(ChimeMeetingEvents.Target::function).containsExactly("meeting-events");
    }

    @Test
    void attendeesJoiningAndLeaving_andTheMeetingsEnd_reachTheRulesFunction_inEventBridgesShape() throws Exception {
        Meetings meetings = new Meetings(new MeetingEvents());
        meetings.addStateListener(new ChimeMeetingEvents(ChimeMeetingEvents.targets(template), lambda, "us-east-1", "111122223333"));
        Meetings.Meeting meeting = meetings.create("token-eb", "ext-eb", "us-east-1");
        Meetings.Attendee caller = meetings.createAttendee(meeting.meetingId(), "owner-sub-1");
        long before = System.currentTimeMillis();

        meetings.join(meeting.meetingId(), caller.joinToken());
        meetings.leave(meeting.meetingId(), caller.attendeeId());
        meetings.delete(meeting.meetingId());

        List<JsonNode> received = awaitLines(work.resolve("meeting-events.jsonl"), 3);
        assertThat(received).extracting(e -> e.path("detail").path("eventType").asText()).containsExactlyInAnyOrder("chime:AttendeeJoined",
                "chime:AttendeeLeft", "chime:MeetingEnded");
        JsonNode joined = received.stream().filter(e -> e.path("detail").path("eventType").asText().equals("chime:AttendeeJoined"))
                .findFirst().orElseThrow();
        assertThat(fieldNames(joined)).containsExactly("version", "id", "detail-type", "source", "account", "time", "region", "resources",
                "detail");
        assertThat(joined.path("version").asText()).isEqualTo("0");
        assertThat(joined.path("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(joined.path("detail-type").asText()).isEqualTo("Chime Meeting State Change");
        assertThat(joined.path("source").asText()).isEqualTo("aws.chime");
        assertThat(joined.path("account").asText()).isEqualTo("111122223333");
        assertThat(Instant.parse(joined.path("time").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(joined.path("region").asText()).isEqualTo("us-east-1");
        assertThat(joined.path("resources").isArray() && joined.path("resources").isEmpty()).isTrue();
        JsonNode detail = joined.path("detail");
        assertThat(fieldNames(detail)).containsExactly("version", "eventType", "timestamp", "meetingId", "attendeeId", "externalUserId",
                "networkType", "mediaRegion");
        assertThat(detail.path("timestamp").isIntegralNumber()).isTrue();
        assertThat(detail.path("timestamp").asLong()).isBetween(before, System.currentTimeMillis());
        assertThat(detail.path("meetingId").asText()).isEqualTo(meeting.meetingId());
        assertThat(detail.path("attendeeId").asText()).isEqualTo(caller.attendeeId());
        assertThat(detail.path("externalUserId").asText()).isEqualTo("owner-sub-1");
        assertThat(detail.path("networkType").asText()).isEqualTo("Voip");
        assertThat(detail.path("mediaRegion").asText()).isEqualTo("us-east-1");
        JsonNode ended = received.stream().filter(e -> e.path("detail").path("eventType").asText().equals("chime:MeetingEnded"))
                .findFirst().orElseThrow().path("detail");
        assertThat(fieldNames(ended)).containsExactly("version", "eventType", "timestamp", "meetingId", "externalMeetingId", "mediaRegion");
        assertThat(ended.path("externalMeetingId").asText()).isEqualTo("ext-eb");
        meetings.close();
    }

    @Test
    void theRulesPattern_isApplied() {
        Map<String, Object> event = Map.of("source", "aws.chime", "detail-type", "Chime Meeting State Change",
                "detail", Map.of("eventType", "chime:AttendeeJoined"));

        assertThat(EventPattern.matches(Map.of("source", List.of("aws.chime")), event)).isTrue();
        assertThat(EventPattern.matches(Map.of("source", List.of("aws.events")), event)).isFalse();
        assertThat(EventPattern.matches(Map.of("detail-type", List.of("Chime Meeting State Change"),
                "detail", Map.of("eventType", List.of("chime:AttendeeLeft", "chime:AttendeeJoined"))), event)).isTrue();
        assertThat(EventPattern.matches(Map.of("detail", Map.of("eventType", List.of("chime:MeetingEnded"))), event)).isFalse();
        assertThat(EventPattern.matches(Map.of("detail", Map.of("attendeeId", List.of("a"))), event)).isFalse();
        assertThat(EventPattern.matches(Map.of(), event)).isFalse();
    }

    @Test
    void scheduledFunctions_runOnTheirPeriod_withAScheduledEvent() throws Exception {
        try (Schedules schedules = new Schedules(template, lambda, Map.of("call-sweeper", Duration.ofSeconds(1)), "us-east-1",
                "111122223333")) {
            assertThat(schedules.running()).extracting(Schedules.Scheduled::function).containsExactly("call-sweeper");

            List<JsonNode> received = awaitLines(work.resolve("call-sweeper.jsonl"), 2);

            JsonNode event = received.getFirst();
            assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
            assertThat(event.path("source").asText()).isEqualTo("aws.events");
            assertThat(event.path("resources").get(0).asText()).startsWith("arn:aws:events:us-east-1:111122223333:rule/");
            assertThat(event.path("detail").isObject() && event.path("detail").isEmpty()).isTrue();
        }
    }

    @Test
    void rateExpressions_minutesHoursDays_notSecondsNorCron() {
        assertThat(Schedules.rate("rate(1 minute)")).contains(Duration.ofMinutes(1));
        assertThat(Schedules.rate("rate(5 minutes)")).contains(Duration.ofMinutes(5));
        assertThat(Schedules.rate("rate(2 hours)")).contains(Duration.ofHours(2));
        assertThat(Schedules.rate("rate(1 day)")).contains(Duration.ofDays(1));
        assertThat(Schedules.rate("rate(30 seconds)")).isEmpty();
        assertThat(Schedules.rate("rate(0 minutes)")).isEmpty();
        assertThat(Schedules.rate("cron(0 12 * * ? *)")).isEmpty();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<JsonNode> awaitLines(Path log, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<JsonNode> lines = new ArrayList<>();
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (!line.isBlank()) {
                        lines.add(Exchange.JSON.readTree(line));
                    }
                }
            }
            if (lines.size() >= count || System.nanoTime() > deadline) {
                assertThat(lines).as("events in " + log).hasSizeGreaterThanOrEqualTo(count);
                return lines;
            }
            Thread.sleep(50);
        }
    }
}
