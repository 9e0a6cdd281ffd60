package com.clicktocall.localstack.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestGuardTest {

    static final String PAGE = "http://127.0.0.1:8080";

    final RequestGuard api = RequestGuard.forPages("127.0.0.1", Set.of(PAGE, "http://localhost:5173"));
    final RequestGuard lambda = RequestGuard.noBrowserPages("127.0.0.1");

    @Test
    void loopbackNames_andAddresses_areAdmitted() {
        for (String host : new String[] {"127.0.0.1:8081", "localhost:8081", "LOCALHOST", "127.1.2.3:80", "[::1]:8081", "[::1]"}) {
            assertThat(api.refusal(host, null, null)).as(host).isEmpty();
        }
    }

    @Test
    void anotherName_isRefused_dnsRebinding() {
        assertThat(api.refusal("rebind.evil.example:8081", null, null)).get().asString().contains("Host 'rebind.evil.example:8081' refused");
        assertThat(api.refusal("localhost.evil.example", null, null)).isPresent();
        assertThat(api.refusal("127.0.0.1.evil.example", null, null)).isPresent();
        assertThat(api.refusal("192.168.1.5:8081", null, null)).isPresent();
        assertThat(api.refusal(null, null, null)).isPresent();
    }

    @Test
    void theConfiguredHost_isAdmitted() {
        RequestGuard lan = RequestGuard.forPages("192.168.1.5", Set.of());
        assertThat(lan.refusal("192.168.1.5:8080", null, null)).isEmpty();
        assertThat(lan.refusal("evil.example:8080", null, null)).isPresent();
    }

    @Test
    void everyInterface_admitsAddressLiterals_notNames() {
        RequestGuard any = RequestGuard.noBrowserPages("0.0.0.0");
        assertThat(any.refusal("10.0.0.7:8083", null, null)).isEmpty();
        assertThat(any.refusal("rebind.evil.example:8083", null, null)).isPresent();
    }

    @Test
    void thePagesOrigins_areAdmitted_whereThePageCalls() {
        assertThat(api.refusal("127.0.0.1:8081", PAGE, "same-site")).isEmpty();
        assertThat(api.refusal("127.0.0.1:8081", "http://localhost:5173", "cross-site")).isEmpty();
    }

    @Test
    void anotherOrigin_isRefused() {
        assertThat(api.refusal("127.0.0.1:8081", "https://evil.example", "cross-site")).get().asString()
                .contains("cross-site request from origin https://evil.example refused");
        assertThat(api.refusal("127.0.0.1:8081", "null", null)).isPresent();
        assertThat(lambda.refusal("127.0.0.1:8083", PAGE, "same-site")).get().asString().contains("no browser page may call this port");
    }

    @Test
    void secFetchSiteCrossSite_withoutAnOrigin_isRefused() {
        assertThat(lambda.refusal("127.0.0.1:8083", null, "cross-site")).isPresent();
        assertThat(lambda.refusal("127.0.0.1:8083", null, "none")).isEmpty();
    }

    @Test
    void sameOrigin_isAdmitted() {
        assertThat(lambda.refusal("localhost:8083", "http://localhost:8083", "same-origin")).isEmpty();
    }

    @Test
    void exposure_isAnythingButLoopback() {
        assertThat(RequestGuard.exposesBeyondLoopback("127.0.0.1")).isFalse();
        assertThat(RequestGuard.exposesBeyondLoopback("localhost")).isFalse();
        assertThat(RequestGuard.exposesBeyondLoopback("0.0.0.0")).isTrue();
    }
}
