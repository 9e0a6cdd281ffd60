package com.clicktocall.model.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipHeadersTest {

    @Test
    void sanitiseValue_removesEveryControlCharacter() {
        String hostile = "alice@example.com\r\nX-Injected: 1\u0000\t\u0085\u2028\u2029\u007F";
        String clean = SipHeaders.sanitiseValue(hostile);
        assertThat(clean).isEqualTo("alice@example.comX-Injected: 1");
        assertThat(clean.chars()).noneMatch(Character::isISOControl);
    }

    @Test
    void sanitiseValue_trimsCutsAndHandlesNull() {
        assertThat(SipHeaders.sanitiseValue("  bob@example.com  ")).isEqualTo("bob@example.com");
        assertThat(SipHeaders.sanitiseValue(null)).isEmpty();
        assertThat(SipHeaders.sanitiseValue("a".repeat(1000))).hasSize(SipHeaders.MAX_VALUE_LENGTH);
        assertThat(SipHeaders.sanitiseValue("zoë@exämple.com")).isEqualTo("zoë@exämple.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-RequestorEmail", "x-custom", "User-to-User", "Diversion", "X-A"})
    void allowedNames(String name) {
        assertThat(SipHeaders.isAllowedName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"From", "Via", "X-Amzn-Foo", "x-vc-id", "X-Canary", "x-voice-x", "X-Bad Name", "X-Bad:Name", "X-\r\nVia", ""})
    void refusedNames(String name) {
        assertThat(SipHeaders.isAllowedName(name)).isFalse();
    }
}
