package com.clicktocall.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StackConfigTest {

    @Test
    void flagsWinOverEnvironment_whichWinsOverDefaults() {
        StackConfig config = StackConfig.parse(new String[] {"--web-port", "9000", "--pstn-target=sip:10.0.0.5:5060"},
                Map.of("LOCAL_STACK_WEB_PORT", "7000", "LOCAL_STACK_API_PORT", "7001"));

        assertThat(config.integer("web-port")).isEqualTo(9000);
        assertThat(config.integer("api-port")).isEqualTo(7001);
        assertThat(config.integer("chime-port")).isEqualTo(8082);
        assertThat(config.text("pstn-target")).isEqualTo("sip:10.0.0.5:5060");
        assertThat(config.text("host")).isEqualTo("127.0.0.1");
    }

    @Test
    void unknownOrIncompleteFlags_areRefusedWithAClearMessage() {
        assertThatThrownBy(() -> StackConfig.parse(new String[] {"--wep-port", "1"}, Map.of())).hasMessageContaining("unknown option --wep-port");
        assertThatThrownBy(() -> StackConfig.parse(new String[] {"--web-port"}, Map.of())).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> StackConfig.parse(new String[] {"--web-port", "x"}, Map.of()).integer("web-port"))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> StackConfig.parse(new String[] {"--function-env", "NOVALUE"}, Map.of()).pairs("function-env"))
                .hasMessageContaining("NAME=VALUE");
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        assertThat(StackConfig.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
        assertThat(StackConfig.usage()).contains("--voice-connector-target", "LOCAL_STACK_VOICE_CONNECTOR_TARGET", "--pstn-target");
    }

    @Test
    void functionEnvironmentPairs_areRead() {
        assertThat(StackConfig.parse(new String[] {"--function-env", "A=1, B=two=2"}, Map.of()).pairs("function-env"))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "two=2"));
    }
}
