package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentBehavioursTest {

    @Test
    void behaviours_areReadFromNumberBehaviourPairs() {
        assertThat(AgentBehaviours.parse(" +15550100486=busy, +15550100000=Never-Answer,,+1555=ANSWER "))
                .containsExactly(Map.entry("+15550100486", AgentBehaviour.BUSY),
                        Map.entry("+15550100000", AgentBehaviour.NEVER_ANSWER), Map.entry("+1555", AgentBehaviour.ANSWER));
        assertThat(AgentBehaviours.parse("  ")).isEmpty();
        assertThat(AgentBehaviours.parse(null)).isEmpty();
    }

    @Test
    void badBehaviours_areRefusedNamingThePair() {
        assertThatThrownBy(() -> AgentBehaviours.parse("+1555=busy,+1666"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'+1666' is not number=behaviour");
        assertThatThrownBy(() -> AgentBehaviours.parse("+1555=voicemail"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown agent behaviour 'voicemail'");
    }
}
