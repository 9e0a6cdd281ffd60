package com.clicktocall.localstack.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.Console;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationLogTest {

    @Test
    void manyInvocations_keepCountersSinceTheStart_andPercentilesOfTheRecentOnes_inBoundedMemory() {
        Console.quiet(true);
        InvocationLog log = new InvocationLog();
        int total = 3 * InvocationLog.DURATION_SAMPLES;
        for (int i = 0; i < total; i++) {
            boolean cold = i % 10 == 0;
            // the early invocations are slow, the recent ones fast
            long duration = i < total - InvocationLog.DURATION_SAMPLES ? 1_000 : 5;
            log.record("fn", new InvocationResult("request-" + i + "-0000", new byte[0], i % 100 == 0 ? InvocationResult.UNHANDLED : null,
                    cold, cold ? 800 : 0, duration));
        }

        Map<String, Object> fn = log.summary().get("fn");
        assertThat(fn).containsEntry("invocations", (long) total).containsEntry("errors", (long) (total + 99) / 100)
                .containsEntry("coldStartCount", (long) (total + 9) / 10).containsEntry("durationSamples", InvocationLog.DURATION_SAMPLES)
                .containsEntry("durationMsP50", 5L).containsEntry("durationMsP99", 5L).containsEntry("durationMsMax", 1_000L);
        assertThat((java.util.List<?>) fn.get("coldStarts")).hasSize(InvocationLog.COLD_START_SAMPLES);
        assertThat(log.entries()).hasSize(InvocationLog.RECENT_ENTRIES);
        assertThat(log.entries().getLast().requestId()).isEqualTo("request-" + (total - 1) + "-0000");
    }
}
