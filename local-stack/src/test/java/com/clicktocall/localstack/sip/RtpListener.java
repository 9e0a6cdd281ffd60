package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A softphone's media port for tests: a UDP socket on 127.0.0.1 that reads RTP packets (fixed header read here
 * from RFC 3550 §5.1, not with the stack's own parser, so it checks that writer independently), and sends
 * packets back from the same port, as rtpengine relays the agent's microphone. Reads happen on the test's
 * thread, each wait bounded.
 */
final class RtpListener implements AutoCloseable {

    /** One datagram as received: its RTP header fields, payload and where it came from. */
    record Packet(int version, boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload,
            InetSocketAddress source) {
    }

    private final DatagramSocket socket;
    private final List<Packet> received = new ArrayList<>();

    private RtpListener(DatagramSocket socket) {
        this.socket = socket;
    }

    static RtpListener open() throws SocketException {
        return new RtpListener(new DatagramSocket(0, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Every packet read so far, in arrival order. */
    List<Packet> received() {
        return List.copyOf(received);
    }

    /**
     * Reads {@code count} more packets.
     *
     * @throws AssertionError when they have not all arrived within {@code timeout}
     */
    List<Packet> receive(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Packet> packets = new ArrayList<>();
        while (packets.size() < count) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                throw new AssertionError("only " + packets.size() + " of " + count + " RTP packets within " + timeout);
            }
            try {
                packets.add(receiveOne((int) left));
            } catch (SocketTimeoutException e) {
                // the deadline check above reports it
            }
        }
        return packets;
    }

    /**
     * Reads what is already queued, then waits for a gap of {@code quiet} with no packet at all.
     *
     * @return whether that gap came within {@code within}: false when packets kept arriving
     */
    boolean fallsSilent(Duration quiet, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                receiveOne((int) quiet.toMillis());
            } catch (SocketTimeoutException e) {
                return true;
            }
        }
        return false;
    }

    /** Sends {@code count} PCMU packets (one SSRC, consecutive numbers) from this port to {@code to}. */
    void sendRtp(InetSocketAddress to, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            ByteBuffer packet = ByteBuffer.allocate(12 + 160);
            packet.put((byte) 0x80).put((byte) (i == 0 ? 0x80 : 0x00)).putShort((short) i).putInt(160 * i).putInt(0x5EED);
            byte[] bytes = packet.array();
            Arrays.fill(bytes, 12, bytes.length, (byte) 0xFF);
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        }
    }

    /** Sends one datagram that is not RTP: a STUN binding request, as ICE sends to a media port. */
    void sendNonRtp(InetSocketAddress to) throws IOException {
        byte[] bytes = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, (byte) 0xA4, 0x42, 0, 0, 0, 0, 0, 0, 0, 0};
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /**
     * Asserts that {@code packets}, consecutive packets of one stream from its first, are 20 ms PCMU frames with
     * RFC 3550 headers: version 2, payload type 0, the marker on the first packet only, one SSRC, sequence
     * numbers one apart and timestamps 160 apart (both wrapping).
     */
    static void assertPcmuStreamFromItsStart(List<Packet> packets) {
        assertThat(packets).isNotEmpty().allSatisfy(p -> {
            assertThat(p.version()).as("RTP version").isEqualTo(2);
            assertThat(p.payloadType()).as("payload type").isZero();
            assertThat(p.payload()).as("payload").hasSize(160);
        });
        assertThat(packets.getFirst().marker()).as("marker on the first packet").isTrue();
        assertThat(packets.subList(1, packets.size())).as("marker after the first packet").noneMatch(Packet::marker);
        assertThat(packets.stream().map(Packet::ssrc).distinct()).as("SSRCs").hasSize(1);
        for (int i = 1; i < packets.size(); i++) {
            assertThat((packets.get(i).sequence() - packets.get(i - 1).sequence()) & 0xFFFF)
                    .as("sequence step at packet %d of %s", i, packets).isEqualTo(1);
            assertThat((packets.get(i).timestamp() - packets.get(i - 1).timestamp()) & 0xFFFF_FFFFL)
                    .as("timestamp step at packet %d", i).isEqualTo(160L);
        }
    }

    private Packet receiveOne(int timeoutMillis) throws IOException {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(Math.max(1, timeoutMillis));
        socket.receive(datagram);
        if (datagram.getLength() < 12) {
            throw new AssertionError("a datagram of " + datagram.getLength() + " bytes is no RTP packet");
        }
        ByteBuffer in = ByteBuffer.wrap(buffer, 0, datagram.getLength());
        int first = in.get() & 0xFF;
        int second = in.get() & 0xFF;
        int sequence = in.getShort() & 0xFFFF;
        long timestamp = in.getInt() & 0xFFFF_FFFFL;
        long ssrc = in.getInt() & 0xFFFF_FFFFL;
        int headerLength = 12 + 4 * (first & 0x0F);
        Packet packet = new Packet(first >>> 6, (second & 0x80) != 0, second & 0x7F, sequence, timestamp, ssrc,
                Arrays.copyOfRange(buffer, Math.min(headerLength, datagram.getLength()), datagram.getLength()),
                (InetSocketAddress) datagram.getSocketAddress());
        received.add(packet);
        return packet;
    }

    @Override
    public void close() {
        socket.close();
    }
}
