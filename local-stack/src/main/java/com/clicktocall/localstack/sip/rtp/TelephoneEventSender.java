package com.clicktocall.localstack.sip.rtp;

import com.clicktocall.model.dial.DtmfDigits;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends DTMF digits as RFC 4733 telephone events from one RTP stream (one socket, one SSRC) to one
 * destination: a packet every {@link #PACKET_INTERVAL} while the tone lasts, the first with the marker
 * bit, then the final packet (end bit set) {@link #END_PACKETS} times. Tones longer than
 * {@link TelephoneEvent#MAX_DURATION} samples are sent in segments. A comma pauses {@link #PAUSE}.
 *
 * <p>{@link #send} blocks for as long as the digits take; calls are serialised so that events of one
 * stream never overlap.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4733#section-2.5">RFC 4733 §2.5 Procedures</a>
 */
public final class TelephoneEventSender {

    public static final Duration PACKET_INTERVAL = Duration.ofMillis(20);
    /** What a comma in the digits means (SendDigits: "a comma pauses 0.5 s"). */
    public static final Duration PAUSE = Duration.ofMillis(500);
    /** Silence between two tones, so that a receiver hears two presses of the same key as two digits. */
    public static final Duration INTER_DIGIT_GAP = Duration.ofMillis(100);
    /** RFC 4733 §2.5.1.4: the final packet of an event is sent three times in case one is lost. */
    public static final int END_PACKETS = 3;
    /** -10 dBm0, a usual DTMF level. */
    public static final int VOLUME = 10;

    private static final int SAMPLES_PER_PACKET = (int) PACKET_INTERVAL.toMillis() * TelephoneEvent.SAMPLES_PER_MILLISECOND;

    private final DatagramSocket socket;
    private final InetSocketAddress destination;
    private final int payloadType;
    private final long ssrc;
    private final long timestampBase;
    private final long startNanos = System.nanoTime();
    private int sequence;

    /**
     * @param socket the stream's own socket (the port offered in SDP, so the far end sees symmetric RTP)
     * @param destination the media address of the far end's SDP
     * @param payloadType the far end's payload type for {@code telephone-event/8000}
     */
    public TelephoneEventSender(DatagramSocket socket, InetSocketAddress destination, int payloadType) {
        this.socket = socket;
        this.destination = destination;
        this.payloadType = payloadType;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextLong(1L << 32);
        this.timestampBase = random.nextLong(1L << 32);
        this.sequence = random.nextInt(1 << 16);
    }

    public InetSocketAddress destination() {
        return destination;
    }

    /**
     * @param digits {@code 0-9 * # A-D} and {@code ,} (see {@link DtmfDigits})
     * @param tone how long each digit sounds
     * @throws IllegalArgumentException when the digits are not DTMF digits or the tone is not positive
     * @throws InterruptedException when interrupted between two packets (the current tone is left unfinished)
     */
    public synchronized void send(String digits, Duration tone) throws IOException, InterruptedException {
        String valid = DtmfDigits.normalise(digits);
        if (tone.isNegative() || tone.isZero()) {
            throw new IllegalArgumentException("tone duration must be positive, got " + tone);
        }
        long toneSamples = tone.toMillis() * TelephoneEvent.SAMPLES_PER_MILLISECOND;
        for (int i = 0; i < valid.length(); i++) {
            char c = valid.charAt(i);
            if (c == ',') {
                Thread.sleep(PAUSE);
                continue;
            }
            sendTone(TelephoneEvent.code(c), toneSamples);
            if (i < valid.length() - 1) {
                Thread.sleep(INTER_DIGIT_GAP);
            }
        }
    }

    private void sendTone(int event, long toneSamples) throws IOException, InterruptedException {
        long toneStart = System.nanoTime();
        long segmentTimestamp = clock();
        long segmentStart = 0;
        boolean first = true;
        for (long sent = 0; sent < toneSamples; ) {
            sent = Math.min(sent + SAMPLES_PER_PACKET, toneSamples);
            if (sent - segmentStart > TelephoneEvent.MAX_DURATION) {
                // RFC 4733 §2.5.2.3: a long tone continues in a new segment starting where this one ends.
                for (int i = 0; i < END_PACKETS; i++) {
                    write(segmentTimestamp, false, new TelephoneEvent(event, false, VOLUME, TelephoneEvent.MAX_DURATION));
                }
                segmentStart += TelephoneEvent.MAX_DURATION;
                segmentTimestamp += TelephoneEvent.MAX_DURATION;
            }
            sleepUntil(toneStart + samplesToNanos(sent));
            if (sent < toneSamples) {
                write(segmentTimestamp, first, new TelephoneEvent(event, false, VOLUME, (int) (sent - segmentStart)));
                first = false;
            }
        }
        TelephoneEvent last = new TelephoneEvent(event, true, VOLUME, (int) (toneSamples - segmentStart));
        for (int i = 0; i < END_PACKETS; i++) {
            if (i > 0) {
                Thread.sleep(PACKET_INTERVAL);
            }
            write(segmentTimestamp, first && i == 0, last);
        }
    }

    private void write(long timestamp, boolean marker, TelephoneEvent event) throws IOException {
        byte[] bytes = new RtpPacket(payloadType, marker, sequence++, timestamp, ssrc, event.toPayload()).toBytes();
        socket.send(new DatagramPacket(bytes, bytes.length, destination));
    }

    /** The stream's RTP clock: 8 kHz since the stream began, from a random base (RFC 3550 §5.1). */
    private long clock() {
        return timestampBase + (System.nanoTime() - startNanos) / 1_000_000 * TelephoneEvent.SAMPLES_PER_MILLISECOND;
    }

    private static long samplesToNanos(long samples) {
        return samples * 1_000_000 / TelephoneEvent.SAMPLES_PER_MILLISECOND;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
