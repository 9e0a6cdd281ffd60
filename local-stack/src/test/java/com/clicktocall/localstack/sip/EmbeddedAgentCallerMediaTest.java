package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.sip.SipHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link EmbeddedAgent} relaying the caller page's WebRTC offer to the agent's softphone and its answer back:
 * the softphone is a JAIN-SIP stand-in ({@link WebRtcSoftphone}), the caller a {@link JainSipPhone} (the SMA's side).
 */
@Timeout(30)
class EmbeddedAgentCallerMediaTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CALLER = "+17035550100";
    private static final String VOICE_CONNECTOR = "+12065550199";
    private static final String EMAIL = "caller@example.com";

    private final ToldLines told = new ToldLines();
    private final CallerMediaOffers offers = new CallerMediaOffers();
    private JainSipPhone phone;
    private EmbeddedAgent agent;
    private RtpListener callerPage;
    private RtpListener softphoneMedia;

    @BeforeEach
    void start() throws Exception {
        phone = JainSipPhone.start(0, SipMessageLog.NONE);
        callerPage = RtpListener.open();
        softphoneMedia = RtpListener.open();
    }

    @AfterEach
    void stop() {
        phone.close();
        if (agent != null) {
            agent.close();
        }
        callerPage.close();
        softphoneMedia.close();
    }

    /** What a browser offers: DTLS-SRTP, Opus and PCMU, ICE candidates; on the test's port so stray RTP would show. */
    private String webRtcOffer() {
        return String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "a=msid-semantic: WMS stream", "m=audio " + callerPage.port() + " UDP/TLS/RTP/SAVPF 111 0 126",
                "c=IN IP4 127.0.0.1", "a=rtcp:9 IN IP4 0.0.0.0",
                "a=candidate:1 1 udp 2122260223 127.0.0.1 " + callerPage.port() + " typ host generation 0",
                "a=ice-ufrag:Ab12", "a=ice-pwd:abcdefghijklmnopqrstuvwx", "a=ice-options:trickle",
                "a=fingerprint:sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0",
                "a=setup:actpass", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=rtpmap:0 PCMU/8000", "a=rtpmap:126 telephone-event/8000", "a=ssrc:1001 cname:caller-page", "");
    }

    private String softphoneAnswer() {
        return String.join("\r\n", "v=0", "o=- 7 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
                "m=audio " + softphoneMedia.port() + " UDP/TLS/RTP/SAVPF 111 126", "c=IN IP4 127.0.0.1",
                "a=candidate:1 1 udp 2122260223 127.0.0.1 " + softphoneMedia.port() + " typ host generation 0",
                "a=ice-ufrag:Cd34", "a=ice-pwd:zyxwvutsrqponmlkjihgfedc",
                "a=fingerprint:sha-256 F0:DE:BC:9A:78:56:34:12:F0:DE:BC:9A:78:56:34:12:F0:DE:BC:9A:78:56:34:12:F0:DE:BC:9A:78:56:34:12",
                "a=setup:active", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "a=rtpmap:126 telephone-event/8000", "");
    }

    private void startAgent(WebRtcSoftphone softphone) throws Exception {
        agent = EmbeddedAgent.start(AgentConfig.defaults().withSoftphone("sip:agent@127.0.0.1:" + softphone.target().port(),
                VOICE_CONNECTOR, WAIT).withCallerOffers(offers), told, SipMessageLog.NONE);
    }

    private SipCall call(Map<String, String> headers, RecordingCallListener events) {
        return phone.invite(new InviteRequest(agent.target(), CALLER, VOICE_CONNECTOR, headers, WAIT), events);
    }

    @Test
    void pendingOffer_isTheSoftphoneLegsSdp_byteForByte_andTheAnswerComesBack_withNoRtpOfTheAgent() throws Exception {
        String offer = webRtcOffer();
        String answer = softphoneAnswer();
        offers.put("Caller@Example.com", offer);
        try (WebRtcSoftphone softphone = WebRtcSoftphone.start(answer)) {
            startAgent(softphone);
            RecordingCallListener events = new RecordingCallListener();

            SipCall call = call(Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), events);

            assertThat(softphone.awaitInviteBody(WAIT)).isEqualTo(offer.getBytes(StandardCharsets.UTF_8));
            assertThat(events.await("answered", WAIT)).containsExactly("ringing", "answered");
            assertThat(told.upTo(WAIT, "answer relayed for " + EMAIL)).containsSubsequence(
                    "softphone: " + EmbeddedAgent.CALLER_OFFER_RELAYED, "state: ANSWERED by softphone", "answer relayed for " + EMAIL);
            assertThat(told.answers()).containsExactly(answer);
            assertThat(offers.take(EMAIL)).as("the offer is used once").isEmpty();
            assertThat(agent.call(call.sipCallId()).orElseThrow().answeredBy()).isEqualTo(AgentCall.AnsweredBy.SOFTPHONE);

            assertThat(softphoneMedia.fallsSilent(Duration.ofMillis(500), WAIT)).as("no comfort tone to the softphone").isTrue();
            assertThat(softphoneMedia.received()).isEmpty();
            assertThat(callerPage.received()).isEmpty();

            call.hangUp();

            assertThat(agent.await(c -> c.sipCallId().equals(call.sipCallId()) && c.state() == AgentCall.State.HUNG_UP_BY_CALLER, WAIT))
                    .isPresent();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!softphone.requests().contains("BYE") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(softphone.requests()).containsSubsequence("INVITE", "ACK", "BYE");
            Thread.sleep(200);
            assertThat(told.lines()).as("a relayed leg has no audio of the agent's to report").noneMatch(l -> l.startsWith("softphone: media:"));
        }
    }

    @Test
    void withoutAPendingOffer_theSoftphoneGetsTheAgentsOwnSdpAndComfortTone_andNoAnswerIsRelayed() throws Exception {
        String otherCallersOffer = webRtcOffer();
        offers.put("someone-else@example.com", otherCallersOffer);
        String plainAnswer = String.join("\r\n", "v=0", "o=- 7 2 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                "m=audio " + softphoneMedia.port() + " RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000", "");
        try (WebRtcSoftphone softphone = WebRtcSoftphone.start(plainAnswer)) {
            startAgent(softphone);
            RecordingCallListener events = new RecordingCallListener();

            SipCall call = call(Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), events);

            String invited = new String(softphone.awaitInviteBody(WAIT), StandardCharsets.UTF_8);
            assertThat(invited).contains("m=audio ").contains(" RTP/AVP 0 ").doesNotContain("SAVPF");
            events.await("answered", WAIT);
            assertThat(softphoneMedia.receive(5, WAIT)).as("the comfort tone, as PCMU").allSatisfy(p -> assertThat(p.payloadType()).isZero());
            assertThat(told.lines()).doesNotContain("softphone: " + EmbeddedAgent.CALLER_OFFER_RELAYED);
            assertThat(told.answers()).isEmpty();
            assertThat(offers.take("someone-else@example.com")).as("another caller's offer stays").contains(otherCallersOffer);

            call.hangUp();
            assertThat(agent.await(c -> c.sipCallId().equals(call.sipCallId()) && c.state() == AgentCall.State.HUNG_UP_BY_CALLER, WAIT))
                    .isPresent();
        }
    }

    @Test
    void callWithoutAnEmail_takesNoOffer() throws Exception {
        offers.put(EMAIL, webRtcOffer());
        try (WebRtcSoftphone softphone = WebRtcSoftphone.start(softphoneAnswer())) {
            startAgent(softphone);
            RecordingCallListener events = new RecordingCallListener();

            SipCall call = call(Map.of(), events);

            assertThat(new String(softphone.awaitInviteBody(WAIT), StandardCharsets.UTF_8)).contains(" RTP/AVP 0 ");
            events.await("answered", WAIT);
            assertThat(offers.take(EMAIL)).isPresent();
            Optional<AgentCall> answered = agent.call(call.sipCallId());
            assertThat(answered).hasValueSatisfying(c -> assertThat(c.answeredBy()).isEqualTo(AgentCall.AnsweredBy.SOFTPHONE));
            call.hangUp();
        }
    }
}
