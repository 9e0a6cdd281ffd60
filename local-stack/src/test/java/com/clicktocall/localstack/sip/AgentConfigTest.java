package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    @Test
    void dialledNumber_choosesBehaviour() {
        AgentConfig config = AgentConfig.defaults().withBehaviour("+15550100486", AgentBehaviour.BUSY)
                .withDefaultBehaviour(AgentBehaviour.NEVER_ANSWER);

        assertThat(config.behaviourFor("+15550100486")).isEqualTo(AgentBehaviour.BUSY);
        assertThat(config.behaviourFor("+15550100487")).isEqualTo(AgentBehaviour.NEVER_ANSWER);
    }

    @Test
    void invalidSettings_areRefused() {
        assertThatThrownBy(() -> AgentConfig.defaults().withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentConfig.defaults().withRingDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
