package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SoftphoneTest {

    private static final String VOICE_CONNECTOR = "+12065550199";

    @Test
    void options_giveTheAddressOfRecordAndRingTimeout() {
        assertThat(Softphone.fromOptions(" sip:agent@127.0.0.1:5070 ", "20", VOICE_CONNECTOR)).hasValueSatisfying(s -> {
            assertThat(s.user()).isEqualTo("agent");
            assertThat(s.registrar()).isEqualTo(new SipTarget("127.0.0.1", 5070));
            assertThat(s.ringTimeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(s.addressOfRecord()).isEqualTo("sip:agent@127.0.0.1:5070");
        });
        assertThat(Softphone.fromOptions("sip:agent@localhost", "5", VOICE_CONNECTOR)).map(Softphone::registrar)
                .contains(new SipTarget("localhost", 5060));
    }

    @Test
    void emptyAddressOfRecord_meansNoSoftphone_whateverTheRingSeconds() {
        assertThat(Softphone.fromOptions("", "20", VOICE_CONNECTOR)).isEmpty();
        assertThat(Softphone.fromOptions("  ", "oops", VOICE_CONNECTOR)).isEmpty();
        assertThat(AgentConfig.defaults().softphoneFor(VOICE_CONNECTOR)).isEmpty();
    }

    @Test
    void badAddressOfRecord_isRefusedNamingIt() {
        for (String bad : new String[] {"agent@127.0.0.1:5070", "sip:127.0.0.1:5070", "sips:agent@127.0.0.1", "sip:agent@127.0.0.1:70000",
                "sip:agent@127.0.0.1:5070;transport=ws", "sip:a b@127.0.0.1"}) {
            assertThatThrownBy(() -> Softphone.fromOptions(bad, "20", VOICE_CONNECTOR)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "' is not sip:user@host:port");
        }
    }

    @Test
    void ringSecondsOutsideFiveToNinetyNine_areRefused() {
        for (String bad : new String[] {"4", "100", "0", "-5", "twenty", "", "20.5"}) {
            assertThatThrownBy(() -> Softphone.fromOptions("sip:agent@127.0.0.1:5070", bad, VOICE_CONNECTOR)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("softphone ring seconds must be a whole number from 5 to 99, got '" + bad + "'");
        }
        assertThat(Softphone.ringSeconds("5")).isEqualTo(5);
        assertThat(Softphone.ringSeconds(" 99 ")).isEqualTo(99);
    }

    @Test
    void withoutVoiceConnectorNumber_isRefused() {
        assertThatThrownBy(() -> Softphone.fromOptions("sip:agent@127.0.0.1:5070", "20", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Voice Connector number");
    }

    @Test
    void onlyTheVoiceConnectorNumber_ringsTheSoftphone() {
        AgentConfig config = AgentConfig.defaults().withPort(5080)
                .withSoftphone("sip:agent@127.0.0.1:5070", VOICE_CONNECTOR, Duration.ofSeconds(20))
                .withBehaviour("+15550100486", AgentBehaviour.BUSY);

        assertThat(config.softphoneFor(VOICE_CONNECTOR)).map(Softphone::addressOfRecord).contains("sip:agent@127.0.0.1:5070");
        assertThat(config.softphoneFor("+15550100486")).isEmpty();
        assertThat(config.withSoftphone(null).softphoneFor(VOICE_CONNECTOR)).isEmpty();
    }

    @Test
    void dtmfRelayBody_isAsterisksFormat() {
        assertThat(new String(SoftphoneLegs.dtmfRelay('#', 250), StandardCharsets.US_ASCII)).isEqualTo("Signal=#\r\nDuration=250\r\n");
    }
}
