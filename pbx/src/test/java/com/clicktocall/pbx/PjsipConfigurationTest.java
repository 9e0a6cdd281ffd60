package com.clicktocall.pbx;

import static com.clicktocall.pbx.BootstrapSandbox.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.pbx.AsteriskConfigFile.Section;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered pjsip.conf: the Voice Connector trunk, the transports and the WebRTC agent. */
class PjsipConfigurationTest {

    private static final String VOICE_CONNECTOR_HOST = "abcdefghijklmnopqrstuv.voiceconnector.chime.aws";

    private static AsteriskConfigFile pjsip;
    private static DialPlan dialPlan;

    @TempDir
    static Path work;

    @BeforeAll
    static void render() {
        RenderedConfiguration rendered = RenderedConfiguration.render(work);
        pjsip = rendered.pjsip();
        dialPlan = rendered.dialPlan();
    }

    @Test
    void transports_areUdpForTheTrunkAndOnePlainWebSocketForTheBrowser() {
        List<Section> transports = pjsip.ofType("transport");
        // TLS ends at CloudFront, which forwards plain ws; Asterisk accepts only one WebSocket transport.
        assertThat(transports).extracting(t -> t.required("protocol")).containsExactlyInAnyOrder("udp", "ws");

        Section udp = transports.stream().filter(t -> t.required("protocol").equals("udp")).findFirst().orElseThrow();
        assertThat(udp.required("bind")).isEqualTo("0.0.0.0:5060");
        assertThat(udp.required("external_signaling_address")).isEqualTo("198.51.100.7");
        assertThat(udp.required("external_media_address")).isEqualTo("198.51.100.7");
    }

    @Test
    void trunk_usesUlawWithoutDirectMediaWithSymmetricRtpAndRfc4733Digits() {
        Section trunk = pjsip.section("voice-connector", "endpoint");

        assertThat(trunk.values("disallow")).containsExactly("all");
        assertThat(trunk.values("allow")).containsExactly("ulaw");
        assertThat(trunk.required("direct_media")).isEqualTo("no");
        assertThat(trunk.required("rtp_symmetric")).isEqualTo("yes");
        assertThat(trunk.required("dtmf_mode")).isEqualTo("rfc4733");
        assertThat(pjsip.section(trunk.required("transport"), "transport").required("protocol")).isEqualTo("udp");
        assertThat(trunk.required("aors")).isEqualTo("voice-connector");
    }

    @Test
    void trunk_isIdentifiedByTheVoiceConnectorHostAndNothingElse() {
        Section trunk = pjsip.section("voice-connector", "endpoint");
        List<Section> identifies = pjsip.ofType("identify");

        assertThat(identifies).hasSize(1);
        assertThat(identifies.getFirst().required("endpoint")).isEqualTo("voice-connector");
        assertThat(identifies.getFirst().required("match")).isEqualTo(VOICE_CONNECTOR_HOST);
        // Never by the From user: that would let anyone who names the trunk in From reach its context.
        assertThat(trunk.required("identify_by")).isEqualTo("ip");
        assertThat(trunk.value("auth")).isEmpty();
        assertThat(pjsip.section("voice-connector", "aor").required("contact")).isEqualTo("sip:" + VOICE_CONNECTOR_HOST);
    }

    @Test
    void trunk_isQualified_becauseTheVoiceConnectorTracksOptionsFromItsTerminationHosts() {
        // GetVoiceConnectorTerminationHealth reports the last SIP OPTIONS received from the customer's side.
        int seconds = Integer.parseInt(pjsip.section("voice-connector", "aor").required("qualify_frequency"));
        assertThat(seconds).isBetween(10, 120);
    }

    @Test
    void signalingCidrs_areAddedToTheTrunkMatch(@TempDir Path own) {
        AsteriskConfigFile withCidrs = RenderedConfiguration.render(own,
                Map.of("VOICE_CONNECTOR_SIGNALING_CIDRS", "3.80.16.0/23,99.77.253.0/24")).pjsip();

        assertThat(withCidrs.section("voice-connector", "identify").required("match"))
                .isEqualTo(VOICE_CONNECTOR_HOST + ",3.80.16.0/23,99.77.253.0/24");
    }

    @Test
    void agent_isAWebRtcEndpointWithThePerDeploymentSecret() {
        Section agent = pjsip.section("agent", "endpoint");

        assertThat(agent.required("webrtc")).isEqualTo("yes");
        assertThat(agent.values("allow")).containsExactly("ulaw");
        assertThat(agent.required("direct_media")).isEqualTo("no");
        // No transport pinned: the agent is reached over the WebSocket it registered on.
        assertThat(agent.value("transport")).isEmpty();

        Section auth = pjsip.section(agent.required("auth"), "auth");
        assertThat(auth.required("auth_type")).isEqualTo("userpass");
        assertThat(auth.required("username")).isEqualTo("agent");
        assertThat(auth.required("password")).isEqualTo(SECRET);

        Section aor = pjsip.section(agent.required("aors"), "aor");
        assertThat(Integer.parseInt(aor.required("max_contacts"))).isPositive();
    }

    @Test
    void agent_receivesTheCallersDigitsAsSipInfo_whileTheTrunkKeepsRfc4733() {
        // A browser cannot read received RFC 4733 events; it reads an INFO request's body.
        assertThat(pjsip.section("agent", "endpoint").required("dtmf_mode")).isEqualTo("info");
        assertThat(pjsip.section("voice-connector", "endpoint").required("dtmf_mode")).isEqualTo("rfc4733");
    }

    @Test
    void agentContacts_areQualifiedOftenEnoughToKeepTheCloudFrontWebSocketBusy() {
        // CloudFront closes a WebSocket after 10 minutes without bytes from the origin.
        int seconds = Integer.parseInt(pjsip.section("agent", "aor").required("qualify_frequency"));
        assertThat(seconds).isPositive().isLessThan(600);
    }

    @Test
    void agentName_isConfigurable(@TempDir Path own) {
        AsteriskConfigFile renamed = RenderedConfiguration.render(own, Map.of("AGENT_NAME", "desk-1")).pjsip();

        assertThat(renamed.section("desk-1", "endpoint").required("webrtc")).isEqualTo("yes");
        assertThat(renamed.section("desk-1", "auth").required("username")).isEqualTo("desk-1");
        assertThat(renamed.sections("agent")).isEmpty();
    }

    @Test
    void onlyTheTrunkAndTheAgentAreEndpoints_andNoneIsAnonymous() {
        assertThat(pjsip.ofType("endpoint")).extracting(Section::name).containsExactlyInAnyOrder("voice-connector", "agent");
        assertThat(pjsip.section("global", "global").required("endpoint_identifier_order")).doesNotContain("anonymous");
    }

    @Test
    void everyEndpointContext_existsInTheDialPlan() {
        for (Section endpoint : pjsip.ofType("endpoint")) {
            assertThat(dialPlan.contexts()).as("context of " + endpoint.name()).containsKey(endpoint.required("context"));
        }
        assertThat(pjsip.section("voice-connector", "endpoint").required("context")).isEqualTo("from-voice-connector");
        assertThat(pjsip.section("agent", "endpoint").required("context")).isEqualTo("from-agent");
    }
}
