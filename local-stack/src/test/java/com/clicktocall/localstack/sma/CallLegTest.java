package com.clicktocall.localstack.sma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallLegTest {

    @Test
    void digitDuration_isTonesAndGapsPlusHalfASecondPerComma() {
        assertThat(CallLeg.plannedDurationMs("12,3", 100)).isEqualTo(3 * 200 + 500);
    }
}
