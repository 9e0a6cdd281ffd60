package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedAgentConfigTest {

    @Test
    void behaviours_areReadFromNumberBehaviourPairs() {
        assertThat(EmbeddedAgent.Config.parseBehaviours(" +15550100486=busy, +15550100000=Never-Answer,,+1555=ANSWER "))
                .containsExactly(Map.entry("+15550100486", AgentBehaviour.BUSY),
                        Map.entry("+15550100000", AgentBehaviour.NEVER_ANSWER), Map.entry("+1555", AgentBehaviour.ANSWER));
        assertThat(EmbeddedAgent.Config.parseBehaviours("  ")).isEmpty();
        assertThat(EmbeddedAgent.Config.parseBehaviours(null)).isEmpty();
    }

    @Test
    void badBehaviours_areRefusedNamingThePair() {
        assertThatThrownBy(() -> EmbeddedAgent.Config.parseBehaviours("+1555=busy,+1666"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'+1666' is not number=behaviour");
        assertThatThrownBy(() -> EmbeddedAgent.Config.parseBehaviours("+1555=voicemail"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown agent behaviour 'voicemail'");
    }

    @Test
    void dialledNumber_choosesBehaviour() {
        EmbeddedAgent.Config config = EmbeddedAgent.Config.defaults().withBehaviour("+15550100486", AgentBehaviour.BUSY)
                .withDefaultBehaviour(AgentBehaviour.NEVER_ANSWER);

        assertThat(config.behaviourFor("+15550100486")).isEqualTo(AgentBehaviour.BUSY);
        assertThat(config.behaviourFor("+15550100487")).isEqualTo(AgentBehaviour.NEVER_ANSWER);
    }

    @Test
    void invalidSettings_areRefused() {
        assertThatThrownBy(() -> EmbeddedAgent.Config.defaults().withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedAgent.Config.defaults().withRingDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
