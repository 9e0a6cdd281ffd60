package com.clicktocall.localstack.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What happens in each meeting, for the browser's local meeting layer: an ordered history per meeting
 * (replayed to late subscribers) and live delivery to subscribers. The histories of the last
 * {@code retainedEndedMeetings} meetings that ended (a {@code meeting-ended} event) are kept; older ones
 * are forgotten, so a stack that runs for days holds a bounded amount.
 */
public final class MeetingEvents {

    public static final String ATTENDEE_JOINED = "attendee-joined";
    public static final String ATTENDEE_LEFT = "attendee-left";
    public static final String CALL_STATUS = "call-status";
    public static final String MEETING_ENDED = "meeting-ended";
    /** The agent softphone's SDP answer to the caller page's WebRTC offer: data {@code {"sdp": "<answer>"}}. */
    public static final String MEDIA_ANSWER = "media-answer";

    /** One event: its name and JSON-able data. */
    public record Event(String name, Map<String, Object> data) {

        public boolean ends() {
            return MEETING_ENDED.equals(name);
        }
    }

    /** Ended meetings whose history is kept when no other number is given. */
    public static final int DEFAULT_RETAINED_ENDED_MEETINGS = 200;

    private static final class Stream {
        final List<Event> history = new ArrayList<>();
        final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
        boolean ended;
    }

    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    /** Meetings that ended, oldest first: the ones beyond {@link #retainedEndedMeetings} are forgotten. */
    private final ArrayDeque<String> ended = new ArrayDeque<>();
    private final int retainedEndedMeetings;

    public MeetingEvents() {
        this(DEFAULT_RETAINED_ENDED_MEETINGS);
    }

    public MeetingEvents(int retainedEndedMeetings) {
        if (retainedEndedMeetings < 0) {
            throw new IllegalArgumentException("retainedEndedMeetings < 0");
        }
        this.retainedEndedMeetings = retainedEndedMeetings;
    }

    public void publish(String meetingId, String name, Map<String, Object> data) {
        // Sorted keys: publishers pass Map.of(...), whose order is unspecified; the stream should read the same every time.
        Event event = new Event(name, java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(data)));
        Stream stream = streams.computeIfAbsent(meetingId, id -> new Stream());
        List<Consumer<Event>> receivers;
        boolean endsNow;
        synchronized (stream) {
            stream.history.add(event);
            receivers = List.copyOf(stream.subscribers);
            endsNow = event.ends() && !stream.ended;
            stream.ended |= event.ends();
        }
        receivers.forEach(receiver -> receiver.accept(event));
        if (endsNow) {
            forgetBeyondRetention(meetingId);
        }
    }

    private void forgetBeyondRetention(String endedMeetingId) {
        synchronized (ended) {
            ended.addLast(endedMeetingId);
            while (ended.size() > retainedEndedMeetings) {
                streams.remove(ended.removeFirst());
            }
        }
    }

    /** Meetings with a history in memory: the open ones and the last ended ones. */
    public int size() {
        return streams.size();
    }

    /**
     * Delivers the meeting's history, then every new event, to {@code receiver}, in order.
     *
     * @return cancels the subscription
     */
    public Runnable subscribe(String meetingId, Consumer<Event> receiver) {
        Stream stream = streams.computeIfAbsent(meetingId, id -> new Stream());
        synchronized (stream) {
            stream.history.forEach(receiver);
            stream.subscribers.add(receiver);
        }
        return () -> {
            stream.subscribers.remove(receiver);
            // a stream opened for a meeting that never had an event (nor will: it is gone) is not kept
            synchronized (stream) {
                if (stream.history.isEmpty() && stream.subscribers.isEmpty()) {
                    streams.remove(meetingId, stream);
                }
            }
        };
    }

    public List<Event> history(String meetingId) {
        Stream stream = streams.get(meetingId);
        if (stream == null) {
            return List.of();
        }
        synchronized (stream) {
            return List.copyOf(stream.history);
        }
    }
}
