package com.clicktocall.localstack.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What happens in each meeting, for the browser's local meeting layer: an ordered history per meeting
 * (replayed to late subscribers) and live delivery to subscribers.
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

    private static final class Stream {
        final List<Event> history = new ArrayList<>();
        final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
    }

    private final Map<String, Stream> streams = new ConcurrentHashMap<>();

    public void publish(String meetingId, String name, Map<String, Object> data) {
        // Sorted keys: publishers pass Map.of(...), whose order is unspecified; the stream should read the same every time.
        Event event = new Event(name, java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(data)));
        Stream stream = streams.computeIfAbsent(meetingId, id -> new Stream());
        List<Consumer<Event>> receivers;
        synchronized (stream) {
            stream.history.add(event);
            receivers = List.copyOf(stream.subscribers);
        }
        receivers.forEach(receiver -> receiver.accept(event));
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
        return () -> stream.subscribers.remove(receiver);
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
