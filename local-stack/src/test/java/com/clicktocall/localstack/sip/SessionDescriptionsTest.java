package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SessionDescriptionsTest {

    private static byte[] sdp(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void ownOffer_readsBack() {
        byte[] offer = SessionDescriptions.describe(40000, 101, 42);

        assertThat(new String(offer, StandardCharsets.US_ASCII))
                .contains("m=audio 40000 RTP/AVP 0 101").contains("a=rtpmap:0 PCMU/8000")
                .contains("a=rtpmap:101 telephone-event/8000");
        assertThat(SessionDescriptions.audio(offer))
                .contains(new SessionDescriptions.Media(new InetSocketAddress("127.0.0.1", 40000), 101));
    }

    @Test
    void answer_mediaLevelAddressAndPayloadTypeWin() {
        byte[] answer = sdp("v=0", "o=- 1 1 IN IP4 127.0.0.2", "s=-", "c=IN IP4 127.0.0.2", "t=0 0",
                "m=video 5000 RTP/AVP 96", "m=audio 30000 RTP/AVP 0 96", "c=IN IP4 127.0.0.1",
                "a=rtpmap:0 PCMU/8000", "a=rtpmap:96 telephone-event/8000");

        assertThat(SessionDescriptions.audio(answer))
                .contains(new SessionDescriptions.Media(new InetSocketAddress("127.0.0.1", 30000), 96));
    }

    @Test
    void answer_withoutTelephoneEvent_usesDefaultPayloadType() {
        byte[] answer = sdp("v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0", "m=audio 30000 RTP/AVP 0");

        assertThat(SessionDescriptions.audio(answer)).map(SessionDescriptions.Media::telephoneEventPayloadType).contains(101);
    }

    @Test
    void noUsableAudio_isEmpty() {
        assertThat(SessionDescriptions.audio(null)).isEmpty();
        assertThat(SessionDescriptions.audio(new byte[0])).isEmpty();
        assertThat(SessionDescriptions.audio("garbage\u0000\r\nm=".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(SessionDescriptions.audio(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "c=IN IP4 0.0.0.0", "t=0 0",
                "m=audio 30000 RTP/AVP 0"))).as("on hold").isEmpty();
        assertThat(SessionDescriptions.audio(sdp("v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                "m=audio 0 RTP/AVP 0"))).as("rejected stream").isEmpty();
        assertThat(SessionDescriptions.audio(sdp("v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "m=audio 30000 RTP/AVP 0"))).as("no address").isEmpty();
    }
}
