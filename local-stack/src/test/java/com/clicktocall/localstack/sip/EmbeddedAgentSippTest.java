package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.sip.SipHeaders;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link EmbeddedAgent} called by SIPp, a SIP implementation nobody here wrote. */
@Timeout(30)
class EmbeddedAgentSippTest {

    @BeforeAll
    static void sippInstalled() {
        SippUas.assumeInstalled();
    }

    @Test
    void sippCall_isAnsweredRecordedAndHungUp() throws Exception {
        try (EmbeddedAgent agent = EmbeddedAgent.start(AgentConfig.defaults(), AgentListener.NONE, SipMessageLog.NONE)) {

            int exit = SippUas.call("uac-call.xml", agent.target(), "+15550100111", Map.of("email", "sipp@example.com"),
                    Duration.ofSeconds(10));

            assertThat(exit).as("SIPp's call went through its scenario").isZero();
            assertThat(agent.calls()).singleElement().satisfies(call -> {
                assertThat(call.from()).isEqualTo("+17035550100");
                assertThat(call.to()).isEqualTo("+15550100111");
                assertThat(call.header(SipHeaders.REQUESTOR_EMAIL)).contains("sipp@example.com");
                assertThat(call.state()).isEqualTo(AgentCall.State.HUNG_UP_BY_CALLER);
            });
        }
    }
}
