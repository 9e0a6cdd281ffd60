package com.clicktocall.localstack.sma;

import com.clicktocall.localstack.chime.Meetings;
import com.clicktocall.localstack.sip.SipCall;
import com.clicktocall.model.sma.ParticipantTag;
import java.time.Duration;
import java.util.UUID;

/**
 * One leg of an SMA call and how far it got: placed, answered (then connected), ended. LEG-A is a SIP call
 * or a phone attendee of a meeting; LEG-B, placed by {@code CallAndBridge}, is always a SIP call. Used on
 * the call's executor only.
 */
final class CallLeg {

    final ParticipantTag tag;
    /** The leg's CallId in the handler's events, not the SIP Call-ID. */
    final String callId = UUID.randomUUID().toString();
    final String to;
    final String from;
    final long startMillis = System.currentTimeMillis();
    private boolean answered;
    private boolean connected;
    private boolean ended;
    private SipCall sip;
    private String meetingId;
    private Meetings.Attendee attendee;

    CallLeg(ParticipantTag tag, String to, String from) {
        this.tag = tag;
        this.to = to;
        this.from = from;
    }

    boolean answered() {
        return answered;
    }

    boolean connected() {
        return connected;
    }

    boolean ended() {
        return ended;
    }

    /** The leg's INVITE went out as {@code call}. */
    void placed(SipCall call) {
        this.sip = call;
    }

    /** The leg is a phone attendee of the meeting {@code meetingId}. */
    void joined(String meetingId, Meetings.Attendee attendee) {
        this.meetingId = meetingId;
        this.attendee = attendee;
    }

    /** The far end (or the meeting) took the call. */
    void answer() {
        answered = true;
        connected = true;
    }

    /** The leg never came up: refused, not answered, or its INVITE could not be sent. */
    void end() {
        ended = true;
    }

    /** A connected leg went away on its own: the far end hung up, or the meeting dropped it. */
    void drop() {
        connected = false;
        ended = true;
    }

    /** The SMA ends the leg: BYE when answered, CANCEL while ringing, or the phone attendee leaves its meeting. */
    void disconnect(CallTimeline timeline, Meetings meetings) {
        if (ended) {
            return;
        }
        connected = false;
        ended = true;
        if (sip != null) {
            timeline.add("leg", (answered ? "BYE" : "CANCEL") + " to " + tag.wireName(), null);
            try {
                sip.hangUp();
            } catch (RuntimeException e) {
                timeline.add("error", "hanging up failed: " + e.getMessage(), null);
            }
        }
        if (attendee != null) {
            timeline.add("meeting", "phone attendee " + attendee.attendeeId() + " left", null);
            meetings.leave(meetingId, attendee.attendeeId());
        }
    }

    /**
     * Sends DTMF on the leg's SIP call (a leg in a meeting has no media to send it on), and returns once the
     * tones would have been played, as the service's {@code SendDigits} does.
     */
    void sendDigits(String digits, int toneDurationMs, CallTimeline timeline) {
        long planned = plannedDurationMs(digits, toneDurationMs);
        long started = System.nanoTime();
        if (sip != null) {
            timeline.add("leg", "DTMF " + digits + " to " + tag.wireName() + " (" + toneDurationMs + " ms tones)", null);
            try {
                sip.sendDigits(digits, Duration.ofMillis(toneDurationMs));
            } catch (RuntimeException e) {
                timeline.add("error", "sending digits failed: " + e.getMessage(), null);
            }
        } else {
            timeline.add("meeting", "DTMF " + digits + " played into the meeting", null);
        }
        long left = planned - (System.nanoTime() - started) / 1_000_000;
        if (left > 0) {
            sleep(left);
        }
    }

    /** How long the tones take: each tone plus an equal gap, half a second per comma. */
    static long plannedDurationMs(String digits, int toneMs) {
        long total = 0;
        for (char c : digits.toCharArray()) {
            total += c == ',' ? 500 : 2L * toneMs;
        }
        return total;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
