package com.clicktocall.presignup;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmailDomainRuleTest {

    private final EmailDomainRule exampleOnly = EmailDomainRule.of(Optional.of("example.com"));

    @Test
    void allowedDomain_isAdmitted() {
        assertThatCode(() -> exampleOnly.check("agent@example.com")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent@EXAMPLE.COM", "Agent@Example.Com", " agent@example.com ", "agent@example.com."})
    void allowedDomain_ignoresCaseSpacesAndTrailingDot(String email) {
        assertThatCode(() -> exampleOnly.check(email)).doesNotThrowAnyException();
    }

    @Test
    void otherDomain_isRefusedWithReadableMessage() {
        assertThatThrownBy(() -> exampleOnly.check("someone@gmail.com"))
                .isInstanceOf(SignUpRefused.class)
                .hasMessage("Sign-up is limited to e-mail addresses at example.com.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "user@example.com.evil.com",
            "user@evilexample.com",
            "user@sales.example.com",
            "example.com@evil.com",
            "user@example.co"})
    void lookalikeDomains_areRefused(String email) {
        assertThatThrownBy(() -> exampleOnly.check(email))
                .isInstanceOf(SignUpRefused.class)
                .hasMessageContaining("limited to e-mail addresses at example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@evil.com@example.com", "user@", "@example.com", "no-at-sign.example.com"})
    void malformedAddresses_areRefusedEvenWhenTheyEndInTheDomain(String email) {
        assertThatThrownBy(() -> exampleOnly.check(email))
                .isInstanceOf(SignUpRefused.class)
                .hasMessageContaining("is not a valid e-mail address");
    }

    @Test
    void missingAddress_isRefused() {
        assertThatThrownBy(() -> exampleOnly.check(null))
                .isInstanceOf(SignUpRefused.class)
                .hasMessage("An e-mail address is required to sign up.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptySetting_admitsAnyDomain(String setting) {
        EmailDomainRule anyone = EmailDomainRule.of(Optional.of(setting));
        assertThatCode(() -> anyone.check("someone@gmail.com")).doesNotThrowAnyException();
        assertThatCode(() -> anyone.check("x@example.com.evil.com")).doesNotThrowAnyException();
    }

    @Test
    void absentSetting_admitsAnyDomainButStillNeedsAnAddress() {
        EmailDomainRule anyone = EmailDomainRule.of(Optional.empty());
        assertThatCode(() -> anyone.check("someone@gmail.com")).doesNotThrowAnyException();
        assertThatThrownBy(() -> anyone.check("user@evil.com@example.com")).isInstanceOf(SignUpRefused.class);
    }

    @Test
    void settingWrittenInCapitalsOrWithAt_matchesTheSameDomain() {
        EmailDomainRule rule = EmailDomainRule.of(Optional.of(" @Example.COM "));
        assertThatCode(() -> rule.check("agent@example.com")).doesNotThrowAnyException();
        assertThatThrownBy(() -> rule.check("agent@example.org")).isInstanceOf(SignUpRefused.class);
    }
}
