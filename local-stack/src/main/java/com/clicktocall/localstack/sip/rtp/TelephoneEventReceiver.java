package com.clicktocall.localstack.sip.rtp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.function.Consumer;

/**
 * An RTP port on loopback that decodes the telephone events it receives and reports each DTMF event
 * once, when it ends. Other
 * payloads (audio) and anything that is not RTP are read and dropped.
 */
public final class TelephoneEventReceiver implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TelephoneEventReceiver.class.getName());
    private static final int MAX_DATAGRAM = 2048;

    private final DatagramSocket socket;
    private final Thread reader;

    private TelephoneEventReceiver(DatagramSocket socket, TelephoneEventDecoder decoder, Consumer<TelephoneEvent> digits) {
        this.socket = socket;
        this.reader = Thread.ofPlatform().daemon().name("rtp-" + socket.getLocalPort())
                .unstarted(() -> read(decoder, digits));
    }

    /**
     * Binds a free port on 127.0.0.1 and starts reading.
     *
     * @param digits called on the reading thread for every DTMF event (one per key press), in order
     */
    public static TelephoneEventReceiver open(int payloadType, Consumer<TelephoneEvent> digits) throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TelephoneEventReceiver receiver = new TelephoneEventReceiver(socket, new TelephoneEventDecoder(payloadType), digits);
        receiver.reader.start();
        return receiver;
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void read(TelephoneEventDecoder decoder, Consumer<TelephoneEvent> digits) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                datagram.setLength(buffer.length);
                socket.receive(datagram);
                RtpPacket.parse(buffer, datagram.getLength()).flatMap(decoder::acceptEvent).ifPresent(digit -> {
                    try {
                        digits.accept(digit);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "digit consumer failed", e);
                    }
                });
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(System.Logger.Level.DEBUG, "RTP read failed on port " + port(), e);
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
