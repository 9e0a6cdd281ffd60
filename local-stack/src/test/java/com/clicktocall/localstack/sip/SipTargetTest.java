package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SipTargetTest {

    @Test
    void parse_acceptsTheWrittenForms() {
        assertThat(SipTarget.parse("sip:127.0.0.1:5080")).isEqualTo(new SipTarget("127.0.0.1", 5080));
        assertThat(SipTarget.parse(" sip:+15550100@pbx.example:5070 ")).isEqualTo(new SipTarget("pbx.example", 5070));
        assertThat(SipTarget.parse("localhost")).isEqualTo(new SipTarget("localhost", SipTarget.DEFAULT_PORT));
        assertThat(new SipTarget("127.0.0.1", 5080)).hasToString("sip:127.0.0.1:5080");
    }

    @Test
    void parse_refusesWhatIsNoTarget() {
        assertThatThrownBy(() -> SipTarget.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipTarget.parse("sip::5060")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected sip:host:port");
    }
}
