package com.clicktocall.localstack.sip.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventDecoderTest {

    private final TelephoneEventDecoder decoder = new TelephoneEventDecoder(101);
    private final List<Character> digits = new ArrayList<>();

    private void receive(int payloadType, long ssrc, long timestamp, TelephoneEvent event) {
        decoder.accept(new RtpPacket(payloadType, false, 0, timestamp, ssrc, event.toPayload())).ifPresent(digits::add);
    }

    @Test
    void oneEvent_withUpdatesAndThreeEndPackets_isOneDigit() {
        receive(101, 1, 1000, new TelephoneEvent(5, false, 10, 160));
        receive(101, 1, 1000, new TelephoneEvent(5, false, 10, 320));
        for (int i = 0; i < 3; i++) {
            receive(101, 1, 1000, new TelephoneEvent(5, true, 10, 400));
        }

        assertThat(digits).containsExactly('5');
    }

    @Test
    void sameKeyTwice_isTwoDigits() {
        receive(101, 1, 1000, new TelephoneEvent(9, true, 10, 400));
        receive(101, 1, 3000, new TelephoneEvent(9, true, 10, 400));
        receive(101, 1, 3000, new TelephoneEvent(9, true, 10, 400));

        assertThat(digits).containsExactly('9', '9');
    }

    @Test
    void longToneSegments_countOnce() {
        receive(101, 1, 1000, new TelephoneEvent(0, false, 10, TelephoneEvent.MAX_DURATION));
        receive(101, 1, 1000 + TelephoneEvent.MAX_DURATION, new TelephoneEvent(0, true, 10, 800));

        assertThat(digits).containsExactly('0');
    }

    @Test
    void otherPayloadTypesAndEvents_areIgnored() {
        receive(0, 1, 1000, new TelephoneEvent(1, true, 10, 400));
        receive(101, 1, 2000, new TelephoneEvent(16, true, 10, 400));
        decoder.accept(new RtpPacket(101, false, 0, 3000, 1, new byte[2])).ifPresent(digits::add);

        assertThat(digits).isEmpty();
    }
}
