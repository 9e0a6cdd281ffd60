package com.clicktocall.localstack.sip.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TelephoneEventSenderTest {

    private DatagramSocket from;
    private DatagramSocket to;
    private TelephoneEventSender sender;

    @BeforeEach
    void open() throws Exception {
        from = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        to = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        to.setSoTimeout(2000);
        sender = new TelephoneEventSender(from, new InetSocketAddress(InetAddress.getLoopbackAddress(), to.getLocalPort()), 96);
    }

    @AfterEach
    void close() {
        from.close();
        to.close();
    }

    private List<RtpPacket> receive(int atLeast) throws Exception {
        List<RtpPacket> packets = new ArrayList<>();
        byte[] buffer = new byte[1500];
        while (packets.size() < atLeast) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            to.receive(datagram);
            assertThat(datagram.getPort()).as("sent from the stream's own port").isEqualTo(from.getLocalPort());
            packets.add(RtpPacket.parse(buffer, datagram.getLength()).orElseThrow());
        }
        return packets;
    }

    @Test
    void oneDigit_isUpdatesThenThreeEndPacketsOfOneEvent() throws Exception {
        sender.send("7", Duration.ofMillis(100));

        List<RtpPacket> packets = receive(7);
        List<TelephoneEvent> events = packets.stream().map(p -> TelephoneEvent.parse(p.payload()).orElseThrow()).toList();
        assertThat(packets).allSatisfy(p -> {
            assertThat(p.payloadType()).isEqualTo(96);
            assertThat(p.timestamp()).isEqualTo(packets.getFirst().timestamp());
            assertThat(p.ssrc()).isEqualTo(packets.getFirst().ssrc());
        });
        assertThat(packets).extracting(RtpPacket::marker).containsExactly(true, false, false, false, false, false, false);
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).sequence()).isEqualTo((packets.get(i - 1).sequence() + 1) & 0xFFFF);
        }
        assertThat(events).extracting(TelephoneEvent::duration).containsExactly(160, 320, 480, 640, 800, 800, 800);
        assertThat(events).extracting(TelephoneEvent::end).containsExactly(false, false, false, false, true, true, true);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.event()).isEqualTo(7);
            assertThat(e.volume()).isEqualTo(TelephoneEventSender.VOLUME);
        });
    }

    @Test
    void twoDigits_areTwoEventsApartByToneAndGap() throws Exception {
        sender.send("*#", Duration.ofMillis(40));

        List<RtpPacket> packets = receive(2 * (1 + TelephoneEventSender.END_PACKETS));
        RtpPacket first = packets.getFirst();
        RtpPacket second = packets.get(1 + TelephoneEventSender.END_PACKETS);
        assertThat(TelephoneEvent.parse(first.payload()).orElseThrow().event()).isEqualTo(10);
        assertThat(TelephoneEvent.parse(second.payload()).orElseThrow().event()).isEqualTo(11);
        assertThat(second.marker()).isTrue();
        long gapMillis = (second.timestamp() - first.timestamp()) / TelephoneEvent.SAMPLES_PER_MILLISECOND;
        assertThat(gapMillis).isGreaterThanOrEqualTo(40 + TelephoneEventSender.INTER_DIGIT_GAP.toMillis());
    }

    @Test
    void invalidInput_isRefusedBeforeSending() {
        assertThatThrownBy(() -> sender.send("1x", Duration.ofMillis(50))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sender.send("1", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
