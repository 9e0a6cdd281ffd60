package com.clicktocall.model.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.identity.EmailDomainRule.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailDomainRuleTest {

    private final EmailDomainRule exampleOnly = EmailDomainRule.of(Optional.of("example.com"));

    @Test
    void allowedDomain_isAdmitted() {
        assertThat(exampleOnly.refusal("agent@example.com")).isEmpty();
        assertThat(exampleOnly.admits("agent@example.com")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent@EXAMPLE.COM", "Agent@Example.Com", " agent@example.com ", "agent@example.com."})
    void allowedDomain_ignoresCaseSpacesAndTrailingDot(String email) {
        assertThat(exampleOnly.refusal(email)).isEmpty();
    }

    @Test
    void otherDomain_isRefusedWithReadableMessage() {
        assertThat(exampleOnly.refusal("someone@gmail.com")).hasValueSatisfying(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Kind.OTHER_DOMAIN);
            assertThat(refusal.message()).isEqualTo("Only e-mail addresses at example.com may use this service.");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "user@example.com.evil.com",
            "user@evilexample.com",
            "user@sales.example.com",
            "example.com@evil.com",
            "user@example.co"})
    void lookalikeDomains_areRefused(String email) {
        assertThat(exampleOnly.refusal(email)).map(EmailDomainRule.Refusal::kind).contains(Kind.OTHER_DOMAIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@evil.com@example.com", "user@", "@example.com", "no-at-sign.example.com"})
    void malformedAddresses_areRefusedEvenWhenTheyEndInTheDomain(String email) {
        assertThat(exampleOnly.refusal(email)).hasValueSatisfying(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Kind.MALFORMED);
            assertThat(refusal.message()).contains("is not a valid e-mail address");
        });
    }

    @Test
    void missingAddress_isRefused() {
        assertThat(exampleOnly.refusal(null)).map(EmailDomainRule.Refusal::kind).contains(Kind.MISSING);
        assertThat(exampleOnly.refusal("  ")).map(EmailDomainRule.Refusal::kind).contains(Kind.MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptySetting_admitsAnyDomain(String setting) {
        EmailDomainRule anyone = EmailDomainRule.of(Optional.of(setting));
        assertThat(anyone.admitsAnyDomain()).isTrue();
        assertThat(anyone.refusal("someone@gmail.com")).isEmpty();
        assertThat(anyone.refusal("x@example.com.evil.com")).isEmpty();
    }

    @Test
    void absentSetting_admitsAnyDomainButStillNeedsAnAddress() {
        EmailDomainRule anyone = EmailDomainRule.of(Optional.empty());
        assertThat(anyone.refusal("someone@gmail.com")).isEmpty();
        assertThat(anyone.refusal("user@evil.com@example.com")).map(EmailDomainRule.Refusal::kind).contains(Kind.MALFORMED);
    }

    @Test
    void settingWrittenInCapitalsOrWithAt_matchesTheSameDomain() {
        EmailDomainRule rule = EmailDomainRule.of(Optional.of(" @Example.COM "));
        assertThat(rule.allowedDomain()).isEqualTo("example.com");
        assertThat(rule.refusal("agent@example.com")).isEmpty();
        assertThat(rule.refusal("agent@example.org")).isPresent();
    }

    @Test
    void domainOf_givesOnlyTheDomainOfAWellFormedAddress() {
        assertThat(EmailDomainRule.domainOf(" Pat@Example.COM. ")).contains("example.com");
        assertThat(EmailDomainRule.domainOf("pat@evil.com@example.com")).isEmpty();
        assertThat(EmailDomainRule.domainOf("no-at-sign")).isEmpty();
        assertThat(EmailDomainRule.domainOf(null)).isEmpty();
    }
}
