package com.clicktocall.model.dial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.model.dial.DialDecision.Allowed;
import com.clicktocall.model.dial.DialDecision.Refused;
import com.clicktocall.model.dial.NanpExamples.Example;
import com.clicktocall.model.dial.NumberingPlan.Classification;
import com.clicktocall.model.sma.CallArguments.Route;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DialPolicyTest {

    private static final String VOICE_CONNECTOR_NUMBER = "+17035550199";
    private static final Set<PhoneNumberType> REFUSED_TYPES = Set.of(PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST,
            PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL);

    private final DialPolicy policy = DialPolicy.defaults(Optional.of(VOICE_CONNECTOR_NUMBER));

    /** Every NANP region's example numbers, of every type: only the allowed regions' ordinary numbers pass. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("com.clicktocall.model.dial.NanpExamples#all")
    void everyNanpExample_passesOnlyInAnAllowedRegion(Example example) {
        Classification truth = NumberingPlanTest.libphonenumber(example.e164());
        PhoneNumberType type = PhoneNumberType.valueOf(truth.type().name());
        boolean blocked = DialPolicy.DEFAULT_BLOCK_LIST.stream().anyMatch(prefix -> DialPolicy.matches(prefix, example.e164()));
        boolean shouldPass = Set.of("US", "CA").contains(truth.region()) && !REFUSED_TYPES.contains(type) && !blocked;

        DialDecision decision = DialPolicy.defaults(Optional.empty()).decide(example.e164());

        if (shouldPass) {
            assertThat(decision).isEqualTo(new Allowed(example.e164(), Route.PSTN));
        } else {
            assertThat(decision).isInstanceOf(Refused.class);
        }
        if (truth.region() != null && !Set.of("US", "CA").contains(truth.region())) {
            assertThat(decision).as("outside US and CA by default").isInstanceOf(Refused.class);
        }
    }

    @ParameterizedTest(name = "{0} may be dialled when its region is allowed")
    @MethodSource("com.clicktocall.model.dial.NanpExamples#all")
    void everyNanpRegion_canBeAllowed(Example example) {
        Classification truth = NumberingPlanTest.libphonenumber(example.e164());
        PhoneNumberType type = PhoneNumberType.valueOf(truth.type().name());
        DialPolicy onlyThatRegion = new DialPolicy(List.of(example.region()), List.of(), Optional.empty());
        if (example.region().equals(truth.region()) && !REFUSED_TYPES.contains(type)) {
            assertThat(onlyThatRegion.decide(example.e164())).isEqualTo(new Allowed(example.e164(), Route.PSTN));
        } else {
            assertThat(onlyThatRegion.decide(example.e164())).isInstanceOf(Refused.class);
        }
    }

    /** The countries the old allow-list (+1 minus 11 area codes) let through, billed at international rates. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AI", "BB", "BM", "BS", "JM", "KN", "KY", "LC", "SX", "TT", "VC", "AG", "DM", "DO", "GD", "MS",
            "TC", "VG"})
    void caribbeanAndAtlanticNanpCountries_areRefusedByDefault(String region) {
        List<Example> ordinary = NanpExamples.all().filter(e -> e.region().equals(region))
                .filter(e -> e.type() == null || e.type() == PhoneNumberType.FIXED_LINE || e.type() == PhoneNumberType.MOBILE)
                .toList();
        assertThat(ordinary).isNotEmpty();
        for (Example example : ordinary) {
            assertThat(refusal(example.e164())).as(example.toString()).isEqualTo(RefusalReason.DESTINATION_NOT_ALLOWED);
        }
    }

    @Test
    void jamaicasOverlay658_isJamaica() {
        assertThat(refusal("+16582345678")).isEqualTo(RefusalReason.DESTINATION_NOT_ALLOWED);
        assertThat(new DialPolicy(List.of("JM"), List.of(), Optional.empty()).decide("+16582345678"))
                .isEqualTo(new Allowed("+16582345678", Route.PSTN));
    }

    @Test
    void nanpTollFree_isUsInLibphonenumber_andAllowed() {
        assertThat(policy.decide("+18002345678")).isEqualTo(new Allowed("+18002345678", Route.PSTN));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"+17872345678, PR", "+16713001234, GU", "+13406421234, VI", "+16846221234, AS", "+16702345678, MP"})
    void usTerritories_areRefusedByDefault_andAllowedWhenListed(String e164, String region) {
        assertThat(refusal(e164)).isEqualTo(RefusalReason.DESTINATION_NOT_ALLOWED);
        DialPolicy withTerritories = new DialPolicy(List.of("US", "CA", "PR", "GU", "VI", "AS", "MP"),
                DialPolicy.DEFAULT_BLOCK_LIST, Optional.empty());
        assertThat(withTerritories.decide(e164)).isEqualTo(new Allowed(e164, Route.PSTN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+12065550100", "+14165550199", "+16135550123", "+18005550100", "+12125551234"})
    void usAndCanada_areAllowed(String e164) {
        assertThat(policy.decide(e164)).isEqualTo(new Allowed(e164, Route.PSTN));
    }

    @Test
    void voiceConnectorNumber_routesToVoiceConnector() {
        assertThat(policy.decide(VOICE_CONNECTOR_NUMBER)).isEqualTo(new Allowed(VOICE_CONNECTOR_NUMBER, Route.VOICE_CONNECTOR));
    }

    @Test
    void withoutVoiceConnector_itsNumberIsAnOrdinaryPstnNumber() {
        assertThat(DialPolicy.defaults(Optional.empty()).decide(VOICE_CONNECTOR_NUMBER))
                .isEqualTo(new Allowed(VOICE_CONNECTOR_NUMBER, Route.PSTN));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void noNumber_isRefusedAsMissing(String e164) {
        assertThat(refusal(e164)).isEqualTo(RefusalReason.NUMBER_MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "2065550100", "+1 206 555 0100", "+120655501", "+120655501000", "+11235550100", "+",
            "+0123", "+1206555010x"})
    void notE164OrNotAValidNanpNumber_isRefusedAsInvalid(String e164) {
        assertThat(refusal(e164)).isEqualTo(RefusalReason.NUMBER_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+19005550100", "+19002345678"})
    void premiumRate_isRefusedWhateverTheLists(String e164) {
        DialPolicy permissive = new DialPolicy(NumberingPlan.shipped().regions(), List.of(), Optional.empty());
        assertThat(refusalBy(permissive, e164)).isEqualTo(RefusalReason.PREMIUM_RATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+15002345678", "+15332345678", "+15442345678", "+15662345678", "+15772345678", "+15882345678"})
    void personalNumbers_areRefusedWhateverTheLists(String e164) {
        DialPolicy permissive = new DialPolicy(NumberingPlan.shipped().regions(), List.of(), Optional.empty());
        assertThat(refusalBy(permissive, e164)).isEqualTo(RefusalReason.NUMBER_TYPE_NOT_ALLOWED);
    }

    @ParameterizedTest(name = "{0} blocked by {1}")
    @CsvSource({"+12129761234, +1XXX976", "+14169761234, +1XXX976"})
    void blockList_isAppliedOnTopOfTheRegions_andTheRuleIsNamed(String e164, String rule) {
        DialDecision decision = policy.decide(e164);
        assertThat(decision).isInstanceOf(Refused.class);
        Refused refused = (Refused) decision;
        assertThat(refused.reason()).isEqualTo(RefusalReason.DESTINATION_BLOCKED);
        assertThat(refused.message()).contains(rule);
    }

    @Test
    void operatorsBlockList_narrowsAnAllowedRegion() {
        DialPolicy policy = new DialPolicy(List.of("US"), List.of("+1206555"), Optional.empty());
        assertThat(refusalBy(policy, "+12065550100")).isEqualTo(RefusalReason.DESTINATION_BLOCKED);
        assertThat(policy.decide("+12064420100")).isInstanceOf(Allowed.class);
        assertThat(refusalBy(policy, "+14165550199")).as("CA not listed").isEqualTo(RefusalReason.DESTINATION_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+442079460958", "+33123456789", "+912223456789", "+8613800138000"})
    void otherCallingCodes_areNotAllowed(String e164) {
        assertThat(refusal(e164)).isEqualTo(RefusalReason.DESTINATION_NOT_ALLOWED);
    }

    @Test
    void regions_areReadCaseInsensitivelyAndBlanksIgnored() {
        DialPolicy policy = new DialPolicy(List.of(" us", "pr ", ""), List.of(), Optional.empty());
        assertThat(policy.allowedRegions()).containsExactly("PR", "US");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB", "USA", "1", "+1", "ZZ", "U S"})
    void regionOutsideTheNumberingPlan_isRejectedAtConstruction(String region) {
        assertThatThrownBy(() -> new DialPolicy(List.of("US", region), List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(region);
    }

    @Test
    void noRegion_isRejected() {
        assertThatThrownBy(() -> new DialPolicy(List.of(" "), List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dial region");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "+1a", "+", "+1 206", "*"})
    void malformedPrefix_isRejectedAtConstruction(String prefix) {
        assertThatThrownBy(() -> new DialPolicy(List.of("US"), List.of(prefix), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(prefix);
    }

    @Test
    void voiceConnectorNumberThatIsNotE164_isRejected() {
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

    private RefusalReason refusal(String e164) {
        return refusalBy(policy, e164);
    }

    private static RefusalReason refusalBy(DialPolicy policy, String e164) {
        DialDecision decision = policy.decide(e164);
        assertThat(decision).as("decision for %s", e164).isInstanceOf(Refused.class);
        return ((Refused) decision).reason();
    }
}
