package com.clicktocall.localstack.sip.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void written_matchesRfc3550Layout() {
        RtpPacket packet = new RtpPacket(101, true, 0x1234, 0xCAFEBABEL, 0x01020304L, new byte[] {5, 10, 0, (byte) 160});

        assertThat(HexFormat.of().formatHex(packet.toBytes())).isEqualTo("80e51234cafebabe01020304" + "050a00a0");
    }

    @Test
    void parse_readsBackWhatWasWritten() {
        RtpPacket packet = new RtpPacket(0, false, 65535, 0xFFFF_FFFFL, 7, new byte[] {1, 2, 3});
        byte[] bytes = packet.toBytes();

        assertThat(RtpPacket.parse(bytes, bytes.length)).contains(packet);
    }

    @Test
    void parse_skipsCsrcListExtensionAndPadding() {
        byte[] bytes = HexFormat.of().parseHex(
                "b1" + "65" + "0001" + "00000010" + "00000020" // V=2, P, X, CC=1; M=0, PT=101
                        + "00000099"                           // one CSRC
                        + "beef0001" + "11223344"              // extension of one word
                        + "0b8a0320"                           // payload: '#', end, volume 10, duration 800
                        + "000003");                           // three bytes of padding, the last one counting them

        RtpPacket packet = RtpPacket.parse(bytes, bytes.length).orElseThrow();

        assertThat(packet.payloadType()).isEqualTo(101);
        assertThat(packet.ssrc()).isEqualTo(0x20);
        assertThat(HexFormat.of().formatHex(packet.payload())).isEqualTo("0b8a0320");
    }

    @Test
    void parse_rejectsWhatIsNotRtp() {
        assertThat(RtpPacket.parse(new byte[11], 11)).isEmpty();
        assertThat(RtpPacket.parse(new byte[12], 12)).as("version 0").isEmpty();
        byte[] cut = HexFormat.of().parseHex("8f650001000000100000002000");
        assertThat(RtpPacket.parse(cut, cut.length)).as("15 CSRCs announced, none present").isEmpty();
        byte[] bytes = new RtpPacket(0, false, 1, 1, 1, new byte[4]).toBytes();
        assertThat(RtpPacket.parse(bytes, bytes.length + 1)).as("length beyond the buffer").isEmpty();
    }
}
