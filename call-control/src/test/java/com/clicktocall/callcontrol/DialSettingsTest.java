package com.clicktocall.callcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.model.dial.DialDecision;
import com.clicktocall.model.dial.DialPolicy;
import com.clicktocall.model.sma.CallArguments.Route;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DialSettingsTest {

    @Test
    void validConfiguration_buildsThePolicyWithDefaultLists() {
        DialSettings settings = DialSettings.from(TestConfig.valid());

        assertThat(settings.policy().allowedRegions()).containsExactlyInAnyOrderElementsOf(DialPolicy.DEFAULT_ALLOWED_REGIONS);
        assertThat(settings.policy().blockList()).isEqualTo(DialPolicy.DEFAULT_BLOCK_LIST);
        assertThat(settings.decide("+1 206 555 0142")).isEqualTo(new DialDecision.Allowed("+12065550142", Route.VOICE_CONNECTOR));
        assertThat(settings.voiceConnectorArn()).contains(TestConfig.VC_ARN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12065550199", "+1 206 555 0199", "+012065550199", "+1206555019912345", "tel:+12065550199"})
    void nonE164SmaNumber_failsNamingTheVariable(String number) {
        assertThatThrownBy(() -> DialSettings.from(TestConfig.valid().withSmaPhoneNumber(number)))
                .hasMessageContaining("CLICKTOCALL_SMA_PHONE_NUMBER");
    }

    @Test
    void voiceConnectorNumberWithoutArn_fails() {
        assertThatThrownBy(() -> DialSettings.from(TestConfig.valid().withVoiceConnector("+12065550142", null)))
                .hasMessageContaining("CLICKTOCALL_VOICE_CONNECTOR_ARN");
    }

    @Test
    void malformedVoiceConnectorArn_fails() {
        assertThatThrownBy(() -> DialSettings.from(TestConfig.valid().withVoiceConnector("+12065550142", "vc-123")))
                .hasMessageContaining("CLICKTOCALL_VOICE_CONNECTOR_ARN 'vc-123'");
    }

    @Test
    void noVoiceConnector_routesEverythingToThePstn() {
        DialSettings settings = DialSettings.from(TestConfig.valid().withVoiceConnector(null, null));

        assertThat(settings.decide("+12062661000")).isEqualTo(new DialDecision.Allowed("+12062661000", Route.PSTN));
    }

    @Test
    void badPrefix_failsNamingTheVariables() {
        assertThatThrownBy(() -> DialSettings.from(TestConfig.valid().withLists(null, List.of("+1900", "44"))))
                .hasMessageContaining("CLICKTOCALL_DIAL_BLOCK_LIST")
                .hasMessageContaining("'44'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB", "+1", "USA"})
    void regionOutsideTheNumberingPlan_failsNamingTheVariable(String region) {
        assertThatThrownBy(() -> DialSettings.from(TestConfig.valid().withLists(List.of("US", region), null)))
                .hasMessageContaining("CLICKTOCALL_DIAL_ALLOWED_REGIONS")
                .hasMessageContaining("'" + region + "'");
    }

    @Test
    void configuredRegionsAndBlockList_replaceTheDefaults() {
        DialSettings settings = DialSettings.from(TestConfig.valid().withLists(List.of("PR", "JM"), List.of("+1787555")));

        assertThat(settings.decide("+1 787 234 5678")).isInstanceOf(DialDecision.Allowed.class);
        assertThat(settings.decide("+1 876 234 5678")).isInstanceOf(DialDecision.Allowed.class);
        assertThat(settings.decide("+1 787 555 5678")).isInstanceOf(DialDecision.Refused.class);
        assertThat(settings.decide("+12062661000")).isInstanceOf(DialDecision.Refused.class);
    }

    @Test
    void defaultNumberRefusedByThePolicy_fails() {
        assertThatThrownBy(() -> DialSettings.from(TestConfig.valid().withDefaultToNumber("+1 900 555 1234")))
                .hasMessageContaining("CLICKTOCALL_DEFAULT_TO_NUMBER");
    }
}
