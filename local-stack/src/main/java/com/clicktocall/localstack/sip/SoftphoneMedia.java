package com.clicktocall.localstack.sip;

import com.clicktocall.localstack.sip.rtp.ComfortTone;
import com.clicktocall.localstack.sip.rtp.RtpPacket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PBX's side of the audio on an answered softphone leg, where Asterisk would bridge the caller's voice:
 * from the leg's own RTP socket (the port of its SDP offer, so that rtpengine sees symmetric RTP) it sends a
 * {@link ComfortTone} as PCMU, one frame every {@value ComfortTone#FRAME_MILLIS} ms, to the media address of
 * the softphone's SDP answer; and it counts the RTP packets that arrive on that socket (the agent's
 * microphone, relayed by rtpengine), from whatever address they come.
 *
 * <p>Frames are paced by a shared scheduler, never on a SIP thread; a late scheduler catches up rather than
 * dropping frames, so timestamps stay those of the media clock. Packets are read by a virtual thread that
 * ends when the socket is closed: the socket belongs to the leg ({@link OutboundCall#end()} closes it).
 */
final class SoftphoneMedia {

    private static final System.Logger LOG = System.getLogger(SoftphoneMedia.class.getName());
    private static final int MAX_DATAGRAM = 2048;

    /** What one leg's stream did: RTP packets sent to the softphone and received from it. */
    record Counts(long sent, long received) {

        /** The timeline's words for it. */
        String event() {
            return "media: " + sent + " RTP packets sent to the softphone, " + received + " received from it";
        }
    }

    private enum State {
        READY, SENDING, STOPPED
    }

    private final DatagramSocket socket;
    private final ScheduledExecutorService pacer;
    private final ComfortTone tone;
    private final AtomicLong received = new AtomicLong();
    private final long ssrc;
    private final int firstSequence;
    private final long firstTimestamp;

    private State state = State.READY;
    private InetSocketAddress softphone;
    private ScheduledFuture<?> frames;
    private long framesSent;
    private long sent;

    /**
     * @param socket the leg's RTP socket
     * @param pacer where the frames are sent from; several legs may share it
     */
    SoftphoneMedia(DatagramSocket socket, ScheduledExecutorService pacer, ComfortTone tone) {
        this.socket = socket;
        this.pacer = pacer;
        this.tone = tone;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextLong(1L << 32);
        // RFC 3550 §5.1: the first sequence number and timestamp are random.
        this.firstSequence = random.nextInt(1 << 16);
        this.firstTimestamp = random.nextLong(1L << 32);
    }

    /**
     * Starts sending to {@code softphone} and counting what arrives. Does nothing when already started, stopped
     * or the socket is closed (the leg ended first).
     */
    void start(InetSocketAddress to) {
        synchronized (this) {
            if (state != State.READY || socket.isClosed()) {
                return;
            }
            state = State.SENDING;
            softphone = to;
        }
        Thread.ofVirtual().name("softphone-rtp-" + socket.getLocalPort()).start(this::receive);
        ScheduledFuture<?> scheduled;
        try {
            scheduled = pacer.scheduleAtFixedRate(this::sendFrame, 0, ComfortTone.FRAME_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "the PBX is closing: no audio to the softphone from port {0}", socket.getLocalPort());
            return;
        }
        synchronized (this) {
            frames = scheduled;
            if (state == State.STOPPED) {
                scheduled.cancel(false);
            }
        }
    }

    /**
     * Stops sending: once this returns, no further packet leaves. Safe to call more than once.
     *
     * @return what the stream did, the first time it is stopped after {@link #start}; empty otherwise (never
     *         started, or already reported)
     */
    Optional<Counts> stop() {
        ScheduledFuture<?> scheduled;
        boolean wasSending;
        long sentSoFar;
        synchronized (this) {
            wasSending = state == State.SENDING;
            state = State.STOPPED;
            scheduled = frames;
            sentSoFar = sent;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        return wasSending ? Optional.of(new Counts(sentSoFar, received.get())) : Optional.empty();
    }

    /** RTP packets received so far. */
    long received() {
        return received.get();
    }

    private void sendFrame() {
        try {
            // Under the lock, so that stop() waits for a frame being sent; a UDP send does not block.
            synchronized (this) {
                if (state != State.SENDING) {
                    return;
                }
                long index = framesSent++;
                byte[] bytes = new RtpPacket(SessionDescriptions.PCMU, index == 0, (int) (firstSequence + index),
                        firstTimestamp + index * ComfortTone.SAMPLES_PER_FRAME, ssrc, tone.frame(index)).toBytes();
                socket.send(new DatagramPacket(bytes, bytes.length, softphone));
                sent++;
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                LOG.log(Level.DEBUG, "RTP to the softphone at " + softphone + " failed", e);
            }
        } catch (RuntimeException e) {
            // Thrown out of a periodic task, it would silently end the stream.
            LOG.log(Level.WARNING, "RTP to the softphone at " + softphone + " failed", e);
        }
    }

    private void receive() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                datagram.setLength(buffer.length);
                socket.receive(datagram);
                if (RtpPacket.parse(buffer, datagram.getLength()).isPresent()) {
                    received.incrementAndGet();
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.DEBUG, "RTP read failed on port " + socket.getLocalPort(), e);
                }
            }
        }
    }
}
