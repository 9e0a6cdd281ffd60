package com.clicktocall.localstack.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;

/**
 * Listens on the RTP port the PBX's SDP answer names and decodes RFC 4733 telephone events, one digit
 * per event whose end bit is seen (SIPp cannot decode them itself): give its {@link #port()} to a
 * {@link SippUas} scenario as {@code digits_port}. Written here from the RFC, not
 * shared with the stack's sender, so it checks that sender independently.
 */
public final class DtmfReceiver implements AutoCloseable {

    private static final String EVENTS = "0123456789*#ABCD";
    private static final int TELEPHONE_EVENT = 101;

    private final DatagramSocket socket;
    private final StringBuilder digits = new StringBuilder();

    private DtmfReceiver(DatagramSocket socket) {
        this.socket = socket;
        Thread.ofPlatform().daemon().name("dtmf-receiver").start(this::read);
    }

    public static DtmfReceiver open() throws SocketException {
        return new DtmfReceiver(new DatagramSocket(0, InetAddress.getLoopbackAddress()));
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void read() {
        byte[] buffer = new byte[1500];
        long lastTimestamp = -1;
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            if (packet.getLength() < 16 || (buffer[1] & 0x7F) != TELEPHONE_EVENT) {
                continue;
            }
            long timestamp = ((buffer[4] & 0xFFL) << 24) | ((buffer[5] & 0xFF) << 16) | ((buffer[6] & 0xFF) << 8) | (buffer[7] & 0xFF);
            boolean end = (buffer[13] & 0x80) != 0;
            int event = buffer[12] & 0xFF;
            if (end && timestamp != lastTimestamp && event < EVENTS.length()) {
                lastTimestamp = timestamp;
                synchronized (this) {
                    digits.append(EVENTS.charAt(event));
                    notifyAll();
                }
            }
        }
    }

    /** The digits received so far, waiting at most {@code timeout} for {@code count} of them. */
    public synchronized String await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (digits.length() < count && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return digits.toString();
    }

    @Override
    public void close() {
        socket.close();
    }
}
