package com.clicktocall.guards;

import com.clicktocall.model.meeting.ChimeMeetingEvents;
import com.clicktocall.ledger.CallRecord;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerException;
import com.clicktocall.model.identity.Subs;
import com.clicktocall.model.ledger.CallState;
import com.clicktocall.model.ledger.EndReason;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The meeting-events function's logic (docs/CALL-GUARDS.md): the caller's browser attendee joining, leaving
 * or dropping, and a meeting ending under its call. Never throws on bad input: it logs one line
 * ({@code ignored: <why>}) and returns.
 */
public final class MeetingEventProcessor {

    private static final Logger LOG = Logger.getLogger("com.clicktocall.guards.events");

    /**
     * A Chime SDK meeting id, as the API reference's pattern gives it.
     *
     * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/APIReference/API_meeting-chime_DeleteAttendee.html">DeleteAttendee</a>
     */
    static final Pattern MEETING_ID = Pattern.compile("[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}");

    /** Time kept back from the function's timeout while waiting for a dropped caller: the re-read and the ending. */
    static final Duration RESERVE = Duration.ofSeconds(8);

    private final ObjectReader reader;
    private final CallRecords calls;
    private final CallEnding ending;
    private final GuardSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    public MeetingEventProcessor(ObjectMapper json, CallRecords calls, CallEnding ending, GuardSettings settings, Clock clock,
            Sleeper sleeper) {
        this.reader = json.readerFor(MeetingEvent.class);
        this.calls = calls;
        this.ending = ending;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param remainingMillis the invocation's remaining time (Lambda's {@code Context}), which bounds the wait
     *                        for a dropped caller
     * @return the line logged: what was done, or why nothing was
     */
    public String process(byte[] input, LongSupplier remainingMillis) {
        String line;
        try {
            line = handle(input, remainingMillis);
        } catch (LedgerException e) {
            // EventBridge retries a failed invocation: let it, the writes are conditional.
            LOG.warnf("meeting-event ledger failed: %s", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            line = "ignored: internal error " + e.getClass().getSimpleName();
        }
        LOG.info(line);
        return line;
    }

    private String handle(byte[] input, LongSupplier remainingMillis) {
        MeetingEvent event;
        try {
            event = reader.readValue(input);
        } catch (IOException e) {
            return "ignored: not a meeting event (malformed JSON)";
        }
        if (event == null || !ChimeMeetingEvents.SOURCE.equals(event.source()) || !ChimeMeetingEvents.DETAIL_TYPE.equals(event.detailType())) {
            return "ignored: not a Chime meeting state change";
        }
        if (!settings.ownRegion().equals(event.region())) {
            return "ignored: event of another region";
        }
        MeetingEvent.Detail detail = event.detail();
        if (detail == null || detail.eventType() == null) {
            return "ignored: no detail";
        }
        String type = detail.eventType();
        boolean attendeeEvent = type.equals(ChimeMeetingEvents.ATTENDEE_JOINED) || type.equals(ChimeMeetingEvents.ATTENDEE_LEFT)
                || type.equals(ChimeMeetingEvents.ATTENDEE_DROPPED);
        if (!attendeeEvent && !type.equals(ChimeMeetingEvents.MEETING_ENDED)) {
            return "ignored: event type not handled";
        }
        if (detail.meetingId() == null || detail.meetingId().isBlank() || detail.timestamp() == null) {
            return "ignored: no meeting id or timestamp";
        }
        if (!MEETING_ID.matcher(detail.meetingId()).matches()) {
            // Never a key of the ledger: DynamoDB would refuse it, and the invocation would be retried for nothing.
            return "ignored: malformed meeting id";
        }
        Optional<CallRecord> found = calls.byMeetingId(detail.meetingId());
        if (found.isEmpty()) {
            return "ignored: meeting of no call (type=" + type + ")";
        }
        CallRecord call = found.get();
        String prefix = "meeting-event type=" + type + " callId=" + call.callId() + " ";
        if (attendeeEvent && !Subs.same(call.ownerSub(), detail.externalUserId())) {
            return prefix + "action=none (not the caller's attendee)";
        }
        if (call.state() == CallState.ENDED) {
            return prefix + "action=none (the call has ended)";
        }
        Instant at = Instant.ofEpochMilli(detail.timestamp());
        return prefix + switch (type) {
            case ChimeMeetingEvents.ATTENDEE_JOINED -> "action=" + (calls.callerJoined(call.callId(), at) ? "joined" : "none (older than recorded)");
            case ChimeMeetingEvents.ATTENDEE_LEFT -> left(call, at);
            case ChimeMeetingEvents.ATTENDEE_DROPPED -> dropped(call, at, remainingMillis);
            default -> "action=" + ended(ending.end(call, EndReason.FAILED), EndReason.FAILED);
        };
    }

    private String left(CallRecord call, Instant at) {
        calls.callerLeft(call.callId(), at);
        if (call.caller().joinedAt().filter(joined -> joined.isAfter(at)).isPresent()) {
            // EventBridge does not keep order: this leave came before a join already recorded.
            return "action=left (before a later join: the call goes on)";
        }
        return "action=left, " + ended(ending.end(call, EndReason.CALLER_LEFT), EndReason.CALLER_LEFT);
    }

    private String dropped(CallRecord call, Instant at, LongSupplier remainingMillis) {
        calls.callerDropped(call.callId(), at);
        Duration wait = Duration.between(clock.instant(), at.plus(settings.callerRejoin()));
        Duration available = Duration.ofMillis(remainingMillis.getAsLong()).minus(RESERVE);
        boolean capped = wait.compareTo(available) > 0;
        if (capped) {
            wait = available;
        }
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "action=dropped (interrupted while waiting)";
            }
        }
        String waited = "waited=" + wait.toMillis() + "ms" + (capped ? " (capped)" : "");
        Optional<CallRecord> now = calls.byCallId(call.callId());
        if (now.isEmpty() || now.get().state() == CallState.ENDED) {
            return "action=dropped, " + waited + ", none (the call has ended)";
        }
        if (now.get().caller().present()) {
            return "action=dropped, " + waited + ", none (the caller came back)";
        }
        return "action=dropped, " + waited + ", " + ended(ending.end(now.get(), EndReason.CALLER_LEFT), EndReason.CALLER_LEFT);
    }

    private static String ended(CallEnding.Ended ended, EndReason reason) {
        return ended.endedNow() ? "ended reason=" + reason.wireName() : "none (ended by another writer)";
    }

}
