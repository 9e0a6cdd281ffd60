package com.clicktocall.localstack.sip.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TelephoneEventTest {

    @Test
    void payload_isEventEndVolumeDuration() {
        assertThat(HexFormat.of().formatHex(new TelephoneEvent(11, true, 10, 800).toPayload())).isEqualTo("0b8a0320");
        assertThat(HexFormat.of().formatHex(new TelephoneEvent(1, false, 63, 0xFFFF).toPayload())).isEqualTo("013fffff");
    }

    @Test
    void parse_readsBackAllFields() {
        TelephoneEvent event = new TelephoneEvent(15, true, 37, 12345);

        assertThat(TelephoneEvent.parse(event.toPayload())).contains(event);
        assertThat(TelephoneEvent.parse(new byte[3])).isEmpty();
    }

    @Test
    void digits_mapToRfc4733EventCodes() {
        String digits = "0123456789*#ABCD";
        for (int code = 0; code < digits.length(); code++) {
            assertThat(TelephoneEvent.code(digits.charAt(code))).isEqualTo(code);
            assertThat(new TelephoneEvent(code, false, 10, 0).digit()).contains(digits.charAt(code));
        }
        assertThat(TelephoneEvent.code('d')).isEqualTo(15);
        assertThat(new TelephoneEvent(16, false, 10, 0).digit()).as("flash").isEmpty();
        assertThatThrownBy(() -> TelephoneEvent.code('E')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelephoneEvent(1, false, 64, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
