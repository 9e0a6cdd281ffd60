package com.clicktocall.callcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.dial.DialDecision;
import com.clicktocall.model.dial.DialPolicy;
import com.clicktocall.model.dial.RefusalReason;
import com.clicktocall.model.sma.CallArguments.Route;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TypedNumbersTest {

    private final DialSettings settings = DialSettings.from(TestConfig.valid().withVoiceConnector(null, null));

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
        assertThat(TypedNumbers.toE164(typed)).contains(e164);
        assertThat(settings.decide(typed)).isEqualTo(new DialDecision.Allowed(e164, Route.PSTN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "555", "+1 206 555 01", "+1 206 555 0100 0000", "12#4", "+1-800-FLOWERS",
            "+1 206 555 0100; DROP TABLE", "+", "++12065550100", "٢٠٦٥٥٥٠١٠٠",
            "1234567890123456789012345678901234567890123", "+1 123 555 0100"})
    void notAPhoneNumber_isRefusedAsInvalid(String typed) {
        assertThat(settings.decide(typed)).isInstanceOfSatisfying(DialDecision.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(RefusalReason.NUMBER_INVALID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0958", "0044 20 7946 0958", "+33 1 23 45 67 89", "+1 876 929 1234", "1 (242) 357-1234"})
    void otherCountries_areNotAllowed(String typed) {
        assertThat(settings.decide(typed)).isInstanceOfSatisfying(DialDecision.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(RefusalReason.DESTINATION_NOT_ALLOWED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"703-555-0199", "(703) 555 0199", "0017035550199"})
    void voiceConnectorNumber_typedAnyWay_routesToTheVoiceConnector(String typed) {
        DialSettings withVc = DialSettings.from(TestConfig.valid().withVoiceConnector("703 555 0199", TestConfig.VC_ARN));
        assertThat(withVc.decide(typed)).isEqualTo(new DialDecision.Allowed("+17035550199", Route.VOICE_CONNECTOR));
        assertThat(DialPolicy.defaults(Optional.of("+17035550199")).decide("+17035550199"))
                .isEqualTo(new DialDecision.Allowed("+17035550199", Route.VOICE_CONNECTOR));
    }
}
