package com.clicktocall.localstack.sip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The caller pages' WebRTC offers waiting for their call to reach the agent's softphone, one per caller
 * e-mail: the web port puts an offer just before the page dials; the {@link EmbeddedAgent} takes it when it
 * rings the softphone for a call whose {@code X-RequestorEmail} is that e-mail, and sends it as the softphone
 * leg's SDP, so that the two browsers exchange audio directly. A newer offer replaces an older one; an offer
 * is given out at most once and is forgotten after {@link #TIME_TO_LIVE}. E-mails are compared ignoring case.
 * Thread-safe.
 */
public final class CallerMediaOffers {

    /** Long enough for a dial to reach the PBX (milliseconds locally), short enough that a stale offer never rings. */
    public static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

    private record Pending(String sdp, Instant expiresAt) {
    }

    private final Clock clock;
    private final Duration timeToLive;
    private final Map<String, Pending> offers = new ConcurrentHashMap<>();

    public CallerMediaOffers() {
        this(Clock.systemUTC(), TIME_TO_LIVE);
    }

    public CallerMediaOffers(Clock clock, Duration timeToLive) {
        if (timeToLive == null || timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("an offer's time to live must be positive, got " + timeToLive);
        }
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    public Duration timeToLive() {
        return timeToLive;
    }

    /**
     * Keeps {@code sdp} for {@code email}, replacing any offer kept for it.
     *
     * @throws IllegalArgumentException when the e-mail is blank or {@code sdp} is not an SDP offer with audio
     *         (see {@link #isAudioOffer}); nothing is kept then, and an earlier offer stays
     */
    public void put(String email, String sdp) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("an offer needs the caller's e-mail");
        }
        if (!isAudioOffer(sdp)) {
            throw new IllegalArgumentException("not an SDP offer with audio: it must start with v=0 and have an m=audio line");
        }
        Instant now = clock.instant();
        offers.values().removeIf(pending -> !pending.expiresAt().isAfter(now));
        offers.put(key(email), new Pending(sdp, now.plus(timeToLive)));
    }

    /** The offer kept for {@code email}, removed as it is given; empty when there is none or it has expired. */
    public Optional<String> take(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        Pending pending = offers.remove(key(email));
        if (pending == null || !pending.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(pending.sdp());
    }

    /**
     * Whether {@code sdp} looks like a session description with an audio section: it starts with {@code v=0}
     * and has a line starting {@code m=audio}. The softphone's WebRTC stack judges the rest.
     */
    public static boolean isAudioOffer(String sdp) {
        if (sdp == null || !sdp.startsWith("v=0")) {
            return false;
        }
        return sdp.lines().anyMatch(line -> line.startsWith("m=audio "));
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
