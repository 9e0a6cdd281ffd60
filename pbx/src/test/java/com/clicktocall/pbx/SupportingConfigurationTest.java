package com.clicktocall.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.pbx.AsteriskConfigFile.Section;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rtp.conf, http.conf, logger.conf and the interfaces that stay closed. */
class SupportingConfigurationTest {

    private static RenderedConfiguration rendered;

    @TempDir
    static Path work;

    @BeforeAll
    static void render() {
        rendered = RenderedConfiguration.render(work);
    }

    @Test
    void rtp_usesTheDocumentedPortRangeAndOffersThePublicAddressToBrowsers() {
        AsteriskConfigFile rtp = rendered.file("rtp.conf");

        Section general = rtp.section("general");
        assertThat(general.required("rtpstart")).isEqualTo("10000");
        assertThat(general.required("rtpend")).isEqualTo("20000");
        assertThat(general.required("icesupport")).isEqualTo("yes");
        assertThat(rtp.section("ice_host_candidates").required("10.0.0.12")).isEqualTo("198.51.100.7");
    }

    @Test
    void http_servesTheWebSocketOnPort8088WithoutStaticFiles() {
        Section http = rendered.file("http.conf").section("general");

        assertThat(http.required("enabled")).isEqualTo("yes");
        assertThat(http.required("bindport")).isEqualTo("8088");
        assertThat(http.required("enablestatic")).isEqualTo("no");
        assertThat(http.value("tlsenable")).isEmpty();
    }

    @Test
    void logger_writesEveryDigitReceivedToAFile() {
        Section logfiles = rendered.file("logger.conf").section("logfiles");

        assertThat(logfiles.settings()).anySatisfy(channel -> {
            assertThat(channel.key()).endsWith(".log");
            assertThat(Arrays.stream(channel.value().split(",")).map(String::strip)).contains("dtmf", "notice");
        });
    }

    @Test
    void managerAndRestInterfaces_areDisabled() {
        assertThat(rendered.file("manager.conf").section("general").required("enabled")).isEqualTo("no");
        assertThat(rendered.file("ari.conf").section("general").required("enabled")).isEqualTo("no");
    }

    @Test
    void unusedChannelDriversAndOtherDialPlanLoaders_areNotLoaded() {
        Section modules = rendered.file("modules.conf").section("modules");

        assertThat(modules.required("autoload")).isEqualTo("yes");
        assertThat(modules.values("noload")).contains("chan_sip.so", "chan_iax2.so", "pbx_ael.so", "pbx_lua.so");
        assertThat(modules.values("noload")).noneMatch(m -> m.startsWith("res_pjsip") || m.startsWith("res_http"));
    }
}
