package com.clicktocall.localstack.sip.rtp;

import java.util.Optional;

/**
 * Turns received RTP packets into DTMF digits: one digit per ended telephone event. An event is
 * identified by its SSRC and timestamp (RFC 4733 §2.5.2), so the repeated final packets, and the
 * unfinished segments of a long tone, yield no extra digit. Not thread-safe: one per stream reader.
 */
public final class TelephoneEventDecoder {

    private final int payloadType;
    private long lastSsrc = -1;
    private long lastTimestamp = -1;

    /** @param payloadType the payload type agreed for {@code telephone-event/8000} */
    public TelephoneEventDecoder(int payloadType) {
        this.payloadType = payloadType;
    }

    /** The digit this packet completes, or empty (other payloads, updates, repeats, non-DTMF events). */
    public Optional<Character> accept(RtpPacket packet) {
        return acceptEvent(packet).flatMap(TelephoneEvent::digit);
    }

    /**
     * The DTMF event this packet ends (its duration that of the final packet, so of the tone's last
     * segment), or empty as for {@link #accept}.
     */
    public Optional<TelephoneEvent> acceptEvent(RtpPacket packet) {
        if (packet.payloadType() != payloadType) {
            return Optional.empty();
        }
        Optional<TelephoneEvent> event = TelephoneEvent.parse(packet.payload());
        if (event.isEmpty() || !event.get().end()
                || (packet.ssrc() == lastSsrc && packet.timestamp() == lastTimestamp)) {
            return Optional.empty();
        }
        lastSsrc = packet.ssrc();
        lastTimestamp = packet.timestamp();
        return event.filter(e -> e.digit().isPresent());
    }
}
