package com.clicktocall.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardSettingsTest {

    private record Config(String meetingControlRegion, String smaId, Optional<Integer> maxCallSeconds) implements CallGuardsConfig {
        @Override public String ledgerTable() { return "t"; }
        @Override public String ledgerRegion() { return "us-east-1"; }
        @Override public Optional<URI> ledgerEndpoint() { return Optional.empty(); }
        @Override public Optional<URI> chimeEndpoint() { return Optional.empty(); }
        @Override public String pstnControlRegion() { return "us-east-1"; }
        @Override public int callerJoinTimeoutSeconds() { return 20; }
        @Override public int callerRejoinSeconds() { return 15; }
        @Override public int callTimeoutSeconds() { return 30; }
        @Override public int maxCallMinutes() { return 60; }
        @Override public int callRecordRetentionDays() { return 7; }
    }

    @Test
    void defaults_giveTheDocumentedLimits() {
        GuardSettings settings = GuardSettings.from(new Config("us-east-1", " sma ", Optional.empty()), Optional.of("us-east-1"));

        assertThat(settings.stuckAfter()).isEqualTo(Duration.ofSeconds(110));
        assertThat(settings.maxCall()).isEqualTo(Duration.ofMinutes(60));
        assertThat(settings.smaId()).isEqualTo("sma");
    }

    @Test
    void maxCallSeconds_replacesMaxCallMinutes() {
        assertThat(GuardSettings.from(new Config("us-east-1", "sma", Optional.of(90)), Optional.empty()).maxCall())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aMeetingControlRegionOtherThanTheFunctions_isRefusedAtStartUp() {
        assertThatThrownBy(() -> GuardSettings.from(new Config("us-west-2", "sma", Optional.empty()), Optional.of("us-east-1")))
                .hasMessageContaining("CLICKTOCALL_MEETING_CONTROL_REGION");
    }

    @Test
    void anEmptySmaId_isRefusedAtStartUp() {
        assertThatThrownBy(() -> GuardSettings.from(new Config("us-east-1", " ", Optional.empty()), Optional.empty()))
                .hasMessageContaining("CLICKTOCALL_SMA_ID");
    }
}
