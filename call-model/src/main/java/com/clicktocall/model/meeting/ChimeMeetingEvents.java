package com.clicktocall.model.meeting;

/**
 * The names in Amazon Chime SDK's meeting events on EventBridge that this project uses, written once: the
 * meeting-events function reads them, the template's rule matches them, the local stack sends them.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/using-events.html">Understanding Amazon Chime SDK meeting lifecycle events</a>
 */
public final class ChimeMeetingEvents {

    /** The event's {@code source}. */
    public static final String SOURCE = "aws.chime";
    /** The event's {@code detail-type}. */
    public static final String DETAIL_TYPE = "Chime Meeting State Change";

    // --- detail.eventType: note the "chime:" prefix ---
    public static final String ATTENDEE_JOINED = "chime:AttendeeJoined";
    public static final String ATTENDEE_LEFT = "chime:AttendeeLeft";
    /** The attendee's connection was lost (10–15 s without packets); it may come back. */
    public static final String ATTENDEE_DROPPED = "chime:AttendeeDropped";
    public static final String MEETING_ENDED = "chime:MeetingEnded";

    private ChimeMeetingEvents() {
    }
}
