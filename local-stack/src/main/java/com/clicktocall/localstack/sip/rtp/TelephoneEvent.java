package com.clicktocall.localstack.sip.rtp;

import java.util.Optional;

/**
 * The payload of an RFC 4733 telephone-event packet: which DTMF event, whether it has ended, its volume
 * (0–63, in -dBm0) and its duration so far in timestamp units (8 kHz: 8 per millisecond).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4733#section-2.3">RFC 4733 §2.3 Payload format</a>
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    /** The payload type this project offers for {@code telephone-event/8000}. */
    public static final int DEFAULT_PAYLOAD_TYPE = 101;
    /** Samples per millisecond at the telephone-event clock rate of 8000 Hz. */
    public static final int SAMPLES_PER_MILLISECOND = 8;
    /** The largest duration one packet can carry; longer tones are sent in segments (RFC 4733 §2.5.2.3). */
    public static final int MAX_DURATION = 0xFFFF;

    private static final String DIGITS = "0123456789*#ABCD";
    private static final int LENGTH = 4;

    public TelephoneEvent {
        if (event < 0 || event > 255 || volume < 0 || volume > 63 || duration < 0 || duration > MAX_DURATION) {
            throw new IllegalArgumentException("not a telephone event: event " + event + ", volume " + volume
                    + ", duration " + duration);
        }
    }

    /** The event code of a DTMF digit ({@code 0-9 * # A-D}, any case). */
    public static int code(char digit) {
        int code = DIGITS.indexOf(Character.toUpperCase(digit));
        if (code < 0) {
            throw new IllegalArgumentException("'" + digit + "' is not a DTMF digit");
        }
        return code;
    }

    /** The DTMF digit of this event, or empty for the other events (flash, modem tones, ...). */
    public Optional<Character> digit() {
        return event < DIGITS.length() ? Optional.of(DIGITS.charAt(event)) : Optional.empty();
    }

    public byte[] toPayload() {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >>> 8), (byte) duration};
    }

    /** The event in an RTP payload, or empty when the payload is too short to be one. */
    public static Optional<TelephoneEvent> parse(byte[] payload) {
        if (payload.length < LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new TelephoneEvent(payload[0] & 0xFF, (payload[1] & 0x80) != 0, payload[1] & 0x3F,
                ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF)));
    }
}
