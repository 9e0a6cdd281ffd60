package com.clicktocall.sma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BridgeSettingsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 30, 120})
    void timeoutInsideTheCallAndBridgeRange_isAccepted(int seconds) {
        assertThat(new BridgeSettings("+12065550100", seconds).callTimeoutSeconds()).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 121, 3600})
    void timeoutOutsideTheRange_failsNamingTheVariable(int seconds) {
        assertThatIllegalArgumentException().isThrownBy(() -> new BridgeSettings("+12065550100", seconds))
                .withMessageContaining("CLICKTOCALL_CALL_TIMEOUT_SECONDS").withMessageContaining(String.valueOf(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12065550100", "+1 206 555 0100", "+0206555", "+1206555010012345"})
    void callerIdThatIsNotE164_failsNamingTheVariable(String number) {
        assertThatIllegalArgumentException().isThrownBy(() -> new BridgeSettings(number, 30))
                .withMessageContaining("CLICKTOCALL_SMA_PHONE_NUMBER");
    }

    @Test
    void missingCallerId_fails() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BridgeSettings(null, 30));
    }
}
