package com.clicktocall.model.dial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.model.dial.DialDecision.Allowed;
import com.clicktocall.model.dial.DialDecision.Refused;
import com.clicktocall.model.sma.CallArguments.Route;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DialPolicyTest {

    private static final String VOICE_CONNECTOR_NUMBER = "+17035550199";
    private final DialPolicy policy = DialPolicy.defaults(Optional.of(VOICE_CONNECTOR_NUMBER));

    @ParameterizedTest(name = "\"{0}\" dials {1}")
    @CsvSource(delimiter = '|', value = {
            "+1 206 555 0100      | +12065550100",
            "(206) 555-0100       | +12065550100",
            "206.555.0100         | +12065550100",
            "206-555-0100         | +12065550100",
            "2065550100           | +12065550100",
            "1 206 555 0100       | +12065550100",
            "1-206-555-0100       | +12065550100",
            "001 206 555 0100     | +12065550100",
            "+1 (206) 555/0100    | +12065550100",
            "'\u00A0+1\u00A0206\u00A0555\u00A00100 ' | +12065550100",
            "+1\t206\t555\t0100   | +12065550100",
            "+1 416 555 0199      | +14165550199",
            "'+1 206\n555 0100\r\n' | +12065550100",
    })
    void commonFormats_normaliseToE164OnThePstn(String typed, String e164) {
        assertThat(policy.decide(typed)).isEqualTo(new Allowed(e164, Route.PSTN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+17035550199", "703-555-0199", "(703) 555 0199", "0017035550199"})
    void voiceConnectorNumber_routesToVoiceConnector(String typed) {
        assertThat(policy.decide(typed)).isEqualTo(new Allowed(VOICE_CONNECTOR_NUMBER, Route.VOICE_CONNECTOR));
    }

    @Test
    void withoutVoiceConnector_itsNumberIsAnOrdinaryPstnNumber() {
        DialPolicy noVc = DialPolicy.defaults(Optional.empty());
        assertThat(noVc.decide("+12065550100")).isEqualTo(new Allowed("+12065550100", Route.PSTN));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void noNumber_isRefusedAsMissing(String typed) {
        assertThat(refusal(typed)).isEqualTo(RefusalReason.NUMBER_MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "555", "+1 206 555 01", "+1 206 555 0100 0000", "12#4", "+1-800-FLOWERS",
            "+1 206 555 0100; DROP TABLE", "+", "++12065550100", "٢٠٦٥٥٥٠١٠٠",
            "1234567890123456789012345678901234567890123", "+1 123 555 0100"})
    void notAPhoneNumber_isRefusedAsInvalid(String typed) {
        assertThat(refusal(typed)).isEqualTo(RefusalReason.NUMBER_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 900 555 0100", "1-900-555-0199"})
    void premiumRate_isRefusedWhateverTheLists(String typed) {
        DialPolicy permissive = new DialPolicy(List.of("+1"), List.of(), Optional.empty());
        assertThat(refusalBy(permissive, typed)).isEqualTo(RefusalReason.PREMIUM_RATE);
    }

    @ParameterizedTest(name = "{0} blocked by {1}")
    @CsvSource({
            "+1 876 929 1234, +1876",
            "+1 809 929 1234, +1809",
            "+1 268 462 1234, +1268",
            "+1 284 494 1234, +1284",
            "+1 473 440 1234, +1473",
            "+1 649 946 1234, +1649",
            "+1 664 494 1234, +1664",
            "+1 767 440 1234, +1767",
            "+1 829 929 1234, +1829",
            "+1 849 929 1234, +1849",
            "+1 212 976 1234, +1XXX976",
    })
    void highCostRanges_areBlockedAndTheRuleIsNamed(String typed, String rule) {
        DialDecision decision = policy.decide(typed);
        assertThat(decision).isInstanceOf(Refused.class);
        Refused refused = (Refused) decision;
        assertThat(refused.reason()).isEqualTo(RefusalReason.DESTINATION_BLOCKED);
        assertThat(refused.message()).contains(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0958", "0044 20 7946 0958", "+33 1 23 45 67 89", "+91 22 2345 6789"})
    void foreignNumbers_areNotAllowedByDefault(String typed) {
        assertThat(refusal(typed)).isEqualTo(RefusalReason.DESTINATION_NOT_ALLOWED);
    }

    @Test
    void allowListThatIsNotExcluded_stillRefusesOtherCountries() {
        // The original sample's `!EXCLUDE || INCLUDE` let any non-excluded number through: allow-list AND block-list here.
        DialPolicy ukOnly = new DialPolicy(List.of("+44"), List.of("+4470"), Optional.empty());
        assertThat(refusalBy(ukOnly, "+1 206 555 0100")).isEqualTo(RefusalReason.DESTINATION_NOT_ALLOWED);
        assertThat(refusalBy(ukOnly, "+33 1 23 45 67 89")).isEqualTo(RefusalReason.DESTINATION_NOT_ALLOWED);
        assertThat(ukOnly.decide("+44 20 7946 0958")).isEqualTo(new Allowed("+442079460958", Route.PSTN));
        assertThat(refusalBy(ukOnly, "+44 7012 345678")).isEqualTo(RefusalReason.DESTINATION_BLOCKED);
    }

    @Test
    void blockListWins_overAllowList() {
        DialPolicy policy = new DialPolicy(List.of("+1206"), List.of("+1206555"), Optional.empty());
        assertThat(refusalBy(policy, "+1 206 555 0100")).isEqualTo(RefusalReason.DESTINATION_BLOCKED);
        assertThat(policy.decide("+1 206 442 0100")).isInstanceOf(Allowed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "+1a", "+", "+1 206", "*"})
    void malformedPrefix_isRejectedAtConstruction(String prefix) {
        assertThatThrownBy(() -> new DialPolicy(List.of(prefix), List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(prefix);
    }

    @Test
    void emptyAllowList_isRejected() {
        assertThatThrownBy(() -> new DialPolicy(List.of(" "), List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allow-list is empty");
    }

    @Test
    void voiceConnectorNumberThatIsNotANumber_isRejected() {
        assertThatThrownBy(() -> DialPolicy.defaults(Optional.of("agent")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent");
    }

    @Test
    void wildcardMatchesOnlyDigitsInItsPosition() {
        assertThat(DialPolicy.matches("+1XXX976", "+12129761234")).isTrue();
        assertThat(DialPolicy.matches("+1XXX976", "+12129771234")).isFalse();
        assertThat(DialPolicy.matches("+1XXX976", "+1212")).isFalse();
    }

    private RefusalReason refusal(String typed) {
        return refusalBy(policy, typed);
    }

    private static RefusalReason refusalBy(DialPolicy policy, String typed) {
        DialDecision decision = policy.decide(typed);
        assertThat(decision).as("decision for %s", typed).isInstanceOf(Refused.class);
        return ((Refused) decision).reason();
    }
}
