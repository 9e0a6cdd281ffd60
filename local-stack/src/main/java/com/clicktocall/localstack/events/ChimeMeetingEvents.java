package com.clicktocall.localstack.events;

import static com.clicktocall.model.meeting.ChimeMeetingEvents.ATTENDEE_JOINED;
import static com.clicktocall.model.meeting.ChimeMeetingEvents.ATTENDEE_LEFT;
import static com.clicktocall.model.meeting.ChimeMeetingEvents.DETAIL_TYPE;
import static com.clicktocall.model.meeting.ChimeMeetingEvents.MEETING_ENDED;
import static com.clicktocall.model.meeting.ChimeMeetingEvents.SOURCE;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.apigateway.SamTemplate;
import com.clicktocall.localstack.chime.Meetings;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.lambda.LambdaService;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Chime SDK meeting events delivered as EventBridge delivers them: each attendee joining or leaving a local meeting, and each
 * meeting ending, becomes a "Chime Meeting State Change" event, sent asynchronously to every function whose template events
 * include an {@code EventBridgeRule} matching it (without such a rule, to {@value #FALLBACK_FUNCTION}).
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/using-events.html">Using Amazon Chime SDK meeting events</a>
 */
public final class ChimeMeetingEvents implements Meetings.StateListener {

    // The event names are call-model's; the local stack sends ATTENDEE_LEFT for every leaving, never ATTENDEE_DROPPED.
    /** {@code MeetingEventsFunction} of the template, by its local name. */
    public static final String FALLBACK_FUNCTION = "meeting-events";

    /** A function and the pattern of its rule. */
    public record Target(String function, Map<String, Object> pattern) {
    }

    private final List<Target> targets;
    private final LambdaService lambda;
    private final String region;
    private final String accountId;

    public ChimeMeetingEvents(List<Target> targets, LambdaService lambda, String region, String accountId) {
        this.targets = List.copyOf(targets);
        this.lambda = lambda;
        this.region = region;
        this.accountId = accountId;
    }

    /**
     * The template's functions with a rule whose source is {@code aws.chime}; without any, {@value #FALLBACK_FUNCTION} with the
     * pattern Chime's events need.
     */
    public static List<Target> targets(SamTemplate template) {
        List<Target> found = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            for (SamTemplate.EventRule rule : function.eventRules()) {
                if (String.valueOf(rule.pattern().get("source")).contains(SOURCE)) {
                    found.add(new Target(function.name(), rule.pattern()));
                }
            }
        }
        if (found.isEmpty()) {
            found.add(new Target(FALLBACK_FUNCTION, Map.of("source", List.of(SOURCE), "detail-type", List.of(DETAIL_TYPE))));
        }
        return found;
    }

    public List<Target> targets() {
        return targets;
    }

    @Override
    public void attendeeJoined(Meetings.Meeting meeting, Meetings.Attendee attendee) {
        deliver(attendeeEvent(ATTENDEE_JOINED, meeting, attendee));
    }

    @Override
    public void attendeeLeft(Meetings.Meeting meeting, Meetings.Attendee attendee) {
        deliver(attendeeEvent(ATTENDEE_LEFT, meeting, attendee));
    }

    @Override
    public void meetingEnded(Meetings.Meeting meeting) {
        Map<String, Object> detail = detail(MEETING_ENDED, meeting.meetingId());
        detail.put("externalMeetingId", meeting.externalMeetingId());
        detail.put("mediaRegion", meeting.mediaRegion());
        deliver(envelope(detail));
    }

    Map<String, Object> attendeeEvent(String eventType, Meetings.Meeting meeting, Meetings.Attendee attendee) {
        Map<String, Object> detail = detail(eventType, meeting.meetingId());
        detail.put("attendeeId", attendee.attendeeId());
        detail.put("externalUserId", attendee.externalUserId());
        detail.put("networkType", "Voip");
        detail.put("mediaRegion", meeting.mediaRegion());
        return envelope(detail);
    }

    private static Map<String, Object> detail(String eventType, String meetingId) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", "0");
        detail.put("eventType", eventType);
        detail.put("timestamp", System.currentTimeMillis());
        detail.put("meetingId", meetingId);
        return detail;
    }

    private Map<String, Object> envelope(Map<String, Object> detail) {
        return envelope(DETAIL_TYPE, SOURCE, List.of(), detail, region, accountId);
    }

    /** The envelope EventBridge puts around every event. */
    static Map<String, Object> envelope(String detailType, String source, List<String> resources, Map<String, Object> detail,
            String region, String accountId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", accountId);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.put("resources", resources);
        event.put("detail", detail);
        return event;
    }

    private void deliver(Map<String, Object> event) {
        byte[] payload;
        try {
            payload = Exchange.JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (Target target : targets) {
            if (lambda.has(target.function()) && EventPattern.matches(target.pattern(), event)) {
                lambda.invokeEvent(target.function(), payload);
            }
        }
    }
}
