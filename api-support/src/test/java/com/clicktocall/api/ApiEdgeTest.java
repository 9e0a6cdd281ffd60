package com.clicktocall.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiEdgeTest {

    @Test
    void printable_keepsALogLineOnOneLine() {
        assertThat(ApiEdge.printable("/dial\r\nINFO forged")).isEqualTo("/dial??INFO?forged");
        assertThat(ApiEdge.printable(null)).isEqualTo("-");
        assertThat(ApiEdge.printable("x".repeat(500))).hasSize(103);
    }

    @Test
    void errorCodes_forHttpStatuses() {
        assertThat(ErrorMapping.codeFor(405)).isEqualTo("method_not_allowed");
        assertThat(ErrorMapping.codeFor(415)).isEqualTo("unsupported_media_type");
        assertThat(ErrorMapping.codeFor(503)).isEqualTo(ErrorMapping.INTERNAL_ERROR);
    }
}
