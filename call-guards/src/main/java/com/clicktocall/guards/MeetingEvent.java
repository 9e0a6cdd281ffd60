package com.clicktocall.guards;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A Chime SDK meeting event as EventBridge delivers it. Unknown properties are ignored: AWS adds fields.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/using-events.html">Using meeting events</a>
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record MeetingEvent(String version, String id, String source, @JsonProperty("detail-type") String detailType,
        String account, String time, String region, List<String> resources, Detail detail) {

    /**
     * @param timestamp       when it happened, epoch milliseconds
     * @param externalUserId  attendee events: the attendee's ExternalUserId (the caller's is the owner's sub)
     * @param externalMeetingId MeetingEnded: the meeting's ExternalMeetingId (call-control's call id)
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(String version, String eventType, Long timestamp, String meetingId, String attendeeId,
            String externalUserId, String externalMeetingId, String networkType, String mediaRegion) {
    }
}
