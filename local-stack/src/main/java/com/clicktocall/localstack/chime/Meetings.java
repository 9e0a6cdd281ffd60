package com.clicktocall.localstack.chime;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.web.MeetingEvents;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The meetings and attendees of the local Chime SDK Meetings control plane. Thread-safe.
 *
 * <p>Meetings end on their own as in the service: after {@code idleEnd} with no audio connection (no
 * attendee present; attendees created but never joined do not count) and {@code maxDuration} after
 * they were created, whatever happens. Ending one does what DeleteMeeting does.
 */
public final class Meetings implements AutoCloseable {

    /**
     * "No audio connections are present in the meeting for more than five minutes."
     * https://docs.aws.amazon.com/chime-sdk/latest/dg/create-mtgs.html
     */
    public static final Duration AWS_IDLE_END = Duration.ofMinutes(5);
    /** "24 hours have elapsed since the meeting was created." (same page) */
    public static final Duration AWS_MAX_DURATION = Duration.ofHours(24);

    /** An attendee; {@code joinToken} is a secret: never log it. */
    public record Attendee(String attendeeId, String externalUserId, String joinToken) {

        @Override
        public String toString() {
            return "Attendee[" + attendeeId + ", " + externalUserId + "]";
        }
    }

    /** A meeting: the fields CreateMeeting returns, its attendees and who is present. */
    public static final class Meeting {
        final String meetingId;
        final String externalMeetingId;
        final String mediaRegion;
        final String clientRequestToken;
        final Instant createdAt = Instant.now();
        final long createdNanos = System.nanoTime();
        /** Since when nobody has been present (no audio connection); {@code Long.MIN_VALUE} while someone is. Under the meeting's lock. */
        long idleSinceNanos = createdNanos;
        final Map<String, Attendee> attendees = new LinkedHashMap<>();
        final Map<String, Attendee> present = new LinkedHashMap<>();
        /** The browser sessions of its attendees (POST /local/join), let go when the meeting ends. Under the meeting's lock. */
        final List<Session> sessions = new ArrayList<>();

        Meeting(String meetingId, String externalMeetingId, String mediaRegion, String clientRequestToken) {
            this.meetingId = meetingId;
            this.externalMeetingId = externalMeetingId;
            this.mediaRegion = mediaRegion;
            this.clientRequestToken = clientRequestToken;
        }

        public String meetingId() {
            return meetingId;
        }

        public String externalMeetingId() {
            return externalMeetingId;
        }

        public String mediaRegion() {
            return mediaRegion;
        }

        public synchronized List<Attendee> attendees() {
            return List.copyOf(attendees.values());
        }
    }

    /**
     * A browser attendee's join (POST /local/join): the attendee is present while at least one of the session's event streams is
     * open, until the session leaves. The id is an opaque secret of the page, like the join token it stands for.
     */
    public static final class Session {
        private final String id;
        private final Meeting meeting;
        private final Attendee attendee;
        /** Under the meeting's lock. */
        private int openStreams;
        private volatile boolean left;

        Session(String id, Meeting meeting, Attendee attendee) {
            this.id = id;
            this.meeting = meeting;
            this.attendee = attendee;
        }

        public String id() {
            return id;
        }

        public String meetingId() {
            return meeting.meetingId;
        }

        public String attendeeId() {
            return attendee.attendeeId;
        }

        /** The page left (POST /local/leave) or the meeting ended: its streams close, and it cannot join again. */
        public boolean left() {
            return left;
        }

        @Override
        public String toString() {
            return "Session[" + meeting.meetingId + ", " + attendee.attendeeId + "]";
        }
    }

    /** Told what Chime's meeting events tell (EventBridge): attendees joining and leaving, meetings ending. */
    public interface StateListener {
        void attendeeJoined(Meeting meeting, Attendee attendee);

        void attendeeLeft(Meeting meeting, Attendee attendee);

        void meetingEnded(Meeting meeting);
    }

    /** Told when a meeting ends or an attendee is removed, so calls in it can be dropped. */
    public interface Listener {
        void meetingEnded(String meetingId);

        void attendeeRemoved(String meetingId, Attendee attendee);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Meeting> meetings = new ConcurrentHashMap<>();
    private final Map<String, Meeting> byClientRequestToken = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<StateListener> stateListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final MeetingEvents events;
    private final Duration idleEnd;
    private final Duration maxDuration;
    private final ScheduledExecutorService sweeper;

    /** Meetings that end as the service's do (5 minutes without audio, 24 hours at most). */
    public Meetings(MeetingEvents events) {
        this(events, AWS_IDLE_END, AWS_MAX_DURATION);
    }

    public Meetings(MeetingEvents events, Duration idleEnd, Duration maxDuration) {
        if (idleEnd.isNegative() || idleEnd.isZero() || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("the idle end and the longest duration of a meeting must be positive");
        }
        this.events = events;
        this.idleEnd = idleEnd;
        this.maxDuration = maxDuration;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("meeting-lifetime").factory());
        // often enough that a meeting ends within a tenth of its period past the limit, at most every 5 s
        long periodMs = Math.clamp(Math.min(idleEnd.toMillis(), maxDuration.toMillis()) / 10, 20, 5_000);
        sweeper.scheduleWithFixedDelay(this::endExpired, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void addStateListener(StateListener listener) {
        stateListeners.add(listener);
    }

    /** Idempotent on the client request token: the same token gives the same meeting. */
    public synchronized Meeting create(String clientRequestToken, String externalMeetingId, String mediaRegion) {
        Meeting existing = byClientRequestToken.get(clientRequestToken);
        if (existing != null && meetings.containsKey(existing.meetingId)) {
            return existing;
        }
        Meeting meeting = new Meeting(UUID.randomUUID().toString(), externalMeetingId, mediaRegion, clientRequestToken);
        meetings.put(meeting.meetingId, meeting);
        byClientRequestToken.put(clientRequestToken, meeting);
        Console.line("chime", "meeting " + meeting.meetingId + " created (" + externalMeetingId + ")");
        return meeting;
    }

    /** @throws ChimeException 404 when there is no such meeting */
    public Meeting get(String meetingId) {
        Meeting meeting = meetingId == null ? null : meetings.get(meetingId);
        if (meeting == null) {
            throw ChimeException.notFound("The meeting " + meetingId + " does not exist.");
        }
        return meeting;
    }

    public Optional<Meeting> find(String meetingId) {
        return Optional.ofNullable(meetingId == null ? null : meetings.get(meetingId));
    }

    public Collection<Meeting> all() {
        return List.copyOf(meetings.values());
    }

    /** DeleteMeeting: ends the meeting, everyone in it is dropped. */
    public void delete(String meetingId) {
        if (!end(get(meetingId), "deleted")) {
            throw ChimeException.notFound("The meeting " + meetingId + " does not exist.");
        }
    }

    /** Ends the meetings past their time: idle too long, or older than the longest a meeting lasts. */
    void endExpired() {
        long now = System.nanoTime();
        for (Meeting meeting : meetings.values()) {
            String why = null;
            synchronized (meeting) {
                if (now - meeting.createdNanos >= maxDuration.toNanos()) {
                    why = "ended: it is " + describe(maxDuration) + " old";
                } else if (meeting.idleSinceNanos != Long.MIN_VALUE && now - meeting.idleSinceNanos >= idleEnd.toNanos()) {
                    why = "ended: no audio connection for " + describe(idleEnd);
                }
            }
            if (why != null) {
                try {
                    end(meeting, why);
                } catch (RuntimeException e) {
                    Console.line("chime", "ending meeting " + meeting.meetingId + " failed: " + e);
                }
            }
        }
    }

    /** @return false when the meeting had already ended */
    private boolean end(Meeting meeting, String why) {
        String meetingId = meeting.meetingId;
        if (!meetings.remove(meetingId, meeting)) {
            return false;
        }
        byClientRequestToken.remove(meeting.clientRequestToken, meeting);
        List<Attendee> wasPresent;
        synchronized (meeting) {
            wasPresent = new ArrayList<>(meeting.present.values());
            meeting.present.clear();
            for (Session session : meeting.sessions) {
                session.left = true;
                sessions.remove(session.id, session);
            }
            meeting.sessions.clear();
        }
        Console.line("chime", "meeting " + meetingId + " " + why);
        listeners.forEach(l -> l.meetingEnded(meetingId));
        wasPresent.forEach(a -> left(meeting, a));
        events.publish(meetingId, MeetingEvents.MEETING_ENDED, Map.of("meetingId", meetingId));
        stateListeners.forEach(l -> l.meetingEnded(meeting));
        return true;
    }

    private static String describe(Duration d) {
        return d.toSeconds() % 3600 == 0 ? d.toHours() + " h" : d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toMillis() + " ms";
    }

    /** Idempotent on the external user id, as the service is. */
    public Attendee createAttendee(String meetingId, String externalUserId) {
        Meeting meeting = get(meetingId);
        synchronized (meeting) {
            for (Attendee a : meeting.attendees.values()) {
                if (a.externalUserId.equals(externalUserId)) {
                    return a;
                }
            }
            byte[] token = new byte[48];
            RANDOM.nextBytes(token);
            Attendee attendee = new Attendee(UUID.randomUUID().toString(), externalUserId,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(token));
            meeting.attendees.put(attendee.attendeeId, attendee);
            return attendee;
        }
    }

    public Attendee attendee(String meetingId, String attendeeId) {
        Meeting meeting = get(meetingId);
        synchronized (meeting) {
            Attendee attendee = meeting.attendees.get(attendeeId);
            if (attendee == null) {
                throw ChimeException.notFound("The attendee " + attendeeId + " does not exist.");
            }
            return attendee;
        }
    }

    public void deleteAttendee(String meetingId, String attendeeId) {
        Meeting meeting = get(meetingId);
        Attendee attendee;
        boolean wasPresent;
        synchronized (meeting) {
            attendee = meeting.attendees.remove(attendeeId);
            if (attendee == null) {
                throw ChimeException.notFound("The attendee " + attendeeId + " does not exist.");
            }
            wasPresent = meeting.present.remove(attendeeId) != null;
            idleIfEmpty(meeting);
        }
        listeners.forEach(l -> l.attendeeRemoved(meetingId, attendee));
        if (wasPresent) {
            left(meeting, attendee);
        }
    }

    /**
     * An attendee joins with its join token, as the meeting's SIP integration or the browser does.
     *
     * @return empty when the meeting does not exist or the token is not one of its attendees'
     */
    public Optional<Attendee> join(String meetingId, String joinToken) {
        Meeting meeting = meetings.get(meetingId == null ? "" : meetingId);
        if (meeting == null || joinToken == null) {
            return Optional.empty();
        }
        Attendee joined;
        synchronized (meeting) {
            joined = byToken(meeting, joinToken);
            if (joined == null || meeting.present.putIfAbsent(joined.attendeeId, joined) != null) {
                return Optional.ofNullable(joined);
            }
            meeting.idleSinceNanos = Long.MIN_VALUE;
        }
        events.publish(meetingId, MeetingEvents.ATTENDEE_JOINED, attendeeData(joined));
        Attendee attendee = joined;
        stateListeners.forEach(l -> l.attendeeJoined(meeting, attendee));
        return Optional.of(joined);
    }

    /** Under the meeting's lock. Compares every token in constant time. */
    private static Attendee byToken(Meeting meeting, String joinToken) {
        Attendee found = null;
        byte[] given = joinToken.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (Attendee a : meeting.attendees.values()) {
            if (java.security.MessageDigest.isEqual(a.joinToken.getBytes(java.nio.charset.StandardCharsets.UTF_8), given)) {
                found = a;
            }
        }
        return found;
    }

    /**
     * A browser joins with its attendee's join token (POST /local/join): a session, not yet present (its event stream makes it so).
     *
     * @throws ChimeException 404 when there is no such meeting, 403 when the token is none of its attendees'
     */
    public Session openSession(String meetingId, String joinToken) {
        Meeting meeting = get(meetingId);
        synchronized (meeting) {
            Attendee attendee = joinToken == null ? null : byToken(meeting, joinToken);
            if (attendee == null) {
                throw new ChimeException(403, "ForbiddenException", "The join token is not valid for this meeting.");
            }
            if (!meetings.containsKey(meetingId)) {
                throw ChimeException.notFound("The meeting " + meetingId + " does not exist.");
            }
            byte[] id = new byte[24];
            RANDOM.nextBytes(id);
            Session session = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(id), meeting, attendee);
            meeting.sessions.add(session);
            sessions.put(session.id, session);
            return session;
        }
    }

    public Optional<Session> session(String sessionId) {
        return Optional.ofNullable(sessionId == null ? null : sessions.get(sessionId));
    }

    /** One of the session's event streams opened: its attendee is present (joined, when it was not). */
    public void streamOpened(Session session) {
        synchronized (session.meeting) {
            if (session.left) {
                return;
            }
            session.openStreams++;
        }
        join(session.meeting.meetingId, session.attendee.joinToken);
    }

    /** One of the session's event streams closed or broke: with none left open, its attendee leaves. */
    public void streamClosed(Session session) {
        boolean leaves;
        synchronized (session.meeting) {
            session.openStreams = Math.max(0, session.openStreams - 1);
            leaves = session.openStreams == 0;
        }
        if (leaves) {
            leave(session.meeting.meetingId, session.attendee.attendeeId);
        }
    }

    /** The page leaves (POST /local/leave): its attendee leaves at once and the session ends; unknown sessions are ignored. */
    public void leaveSession(String sessionId) {
        Session session = sessions.remove(sessionId == null ? "" : sessionId);
        if (session == null) {
            return;
        }
        synchronized (session.meeting) {
            session.left = true;
            session.meeting.sessions.remove(session);
        }
        leave(session.meeting.meetingId, session.attendee.attendeeId);
    }

    /** Sessions in memory (measurements): those of meetings that have not ended, until they leave. */
    public int sessionCount() {
        return sessions.size();
    }

    public void leave(String meetingId, String attendeeId) {
        Meeting meeting = meetings.get(meetingId == null ? "" : meetingId);
        if (meeting == null) {
            return;
        }
        Attendee left;
        synchronized (meeting) {
            left = meeting.present.remove(attendeeId);
            idleIfEmpty(meeting);
        }
        if (left != null) {
            left(meeting, left);
        }
    }

    private void left(Meeting meeting, Attendee attendee) {
        events.publish(meeting.meetingId, MeetingEvents.ATTENDEE_LEFT, attendeeData(attendee));
        stateListeners.forEach(l -> l.attendeeLeft(meeting, attendee));
    }

    public MeetingEvents events() {
        return events;
    }

    private static void idleIfEmpty(Meeting meeting) {
        if (meeting.present.isEmpty() && meeting.idleSinceNanos == Long.MIN_VALUE) {
            meeting.idleSinceNanos = System.nanoTime();
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    private static Map<String, Object> attendeeData(Attendee a) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attendeeId", a.attendeeId);
        data.put("externalUserId", a.externalUserId);
        return data;
    }
}
