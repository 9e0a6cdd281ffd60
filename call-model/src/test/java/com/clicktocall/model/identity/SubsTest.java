package com.clicktocall.model.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubsTest {

    private static final String OWNER = "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09";

    @Test
    void same_comparesWholeIdentifiers() {
        assertThat(Subs.same(OWNER, OWNER)).isTrue();
        assertThat(Subs.same(OWNER, OWNER.substring(1))).isFalse();
        assertThat(Subs.same(OWNER, OWNER + "x")).isFalse();
        assertThat(Subs.same(OWNER, null)).isFalse();
        assertThat(Subs.same(null, OWNER)).isFalse();
        assertThat(Subs.same("", "")).isFalse();
        assertThat(Subs.same(" ", " ")).isFalse();
    }
}
