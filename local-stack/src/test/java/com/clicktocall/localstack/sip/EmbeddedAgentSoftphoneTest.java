package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.sip.SipHeaders;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link EmbeddedAgent} ringing the agent's softphone first, as the PBX's dial plan does: the softphone is
 * SIPp on loopback, the caller a {@link JainSipPhone} (the SMA's side).
 */
@Timeout(30)
class EmbeddedAgentSoftphoneTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CALLER = "+17035550100";
    private static final String VOICE_CONNECTOR = "+12065550199";
    private static final String OTHER_NUMBER = "+15550100111";
    private static final String EMAIL = "caller@example.com";
    private static final Pattern MEDIA_EVENT =
            Pattern.compile("softphone: media: (\\d+) RTP packets sent to the softphone, (\\d+) received from it");
    /** What the answering scenarios log of the INVITE's SDP offer: the B leg's RTP port. */
    private static final String SDP_OFFER = "SDP m=audio ";

    private final ToldLines told = new ToldLines();
    private JainSipPhone phone;
    private EmbeddedAgent agent;
    private DtmfReceiver softphoneMedia;

    @BeforeAll
    static void sippInstalled() {
        SippUas.assumeInstalled();
    }

    @BeforeEach
    void start() throws Exception {
        phone = JainSipPhone.start(0, SipMessageLog.NONE);
        softphoneMedia = DtmfReceiver.open();
    }

    @AfterEach
    void stop() {
        phone.close();
        if (agent != null) {
            agent.close();
        }
        softphoneMedia.close();
    }

    private SippUas softphone(String scenario, Map<String, String> keys) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(keys);
        all.put("digits_port", Integer.toString(softphoneMedia.port()));
        return SippUas.start(scenario, all);
    }

    private void startAgent(SipTarget softphone, Duration ringTimeout, AgentConfig config) throws Exception {
        agent = EmbeddedAgent.start(config.withSoftphone("sip:agent@" + softphone.host() + ":" + softphone.port(),
                VOICE_CONNECTOR, ringTimeout), told, SipMessageLog.NONE);
    }

    private void startAgent(SipTarget softphone, Duration ringTimeout) throws Exception {
        startAgent(softphone, ringTimeout, AgentConfig.defaults());
    }

    private SipCall call(String number, Map<String, String> headers, RecordingCallListener events) {
        return phone.invite(new InviteRequest(agent.target(), CALLER, number, headers, WAIT), events);
    }

    private AgentCall awaitAgent(SipCall call, AgentCall.State state) throws InterruptedException {
        Optional<AgentCall> found = agent.await(c -> c.sipCallId().equals(call.sipCallId()) && c.state() == state, WAIT);
        assertThat(found).as("agent call in state %s; agent has %s, told %s", state, agent.calls(), told.lines()).isPresent();
        return found.get();
    }

    @Test
    void softphoneAnswers_withCallersEmail_andTheCallIsMarkedAnsweredBySoftphone() throws Exception {
        try (SippUas softphone = softphone("uas-answer.xml", Map.of())) {
            startAgent(softphone.target(), WAIT);
            RecordingCallListener events = new RecordingCallListener();

            SipCall call = call(VOICE_CONNECTOR, Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), events);

            assertThat(events.await("answered", WAIT)).containsExactly("ringing", "answered");
            AgentCall answered = awaitAgent(call, AgentCall.State.ANSWERED);
            assertThat(answered.answeredBy()).isEqualTo(AgentCall.AnsweredBy.SOFTPHONE);
            assertThat(answered.softphone()).isEqualTo("answered");
            assertThat(softphone.awaitLog(l -> l.startsWith("INVITE"), WAIT))
                    .contains("From: \"" + EMAIL + "\" <sip:" + CALLER + "@127.0.0.1>;tag=")
                    .contains("To: <sip:agent@127.0.0.1:" + softphone.port() + ">");
            assertThat(softphone.log()).contains("X-RequestorEmail: " + EMAIL);
            assertThat(told.upTo(WAIT, "state: ANSWERED by softphone")).containsSubsequence(
                    "softphone: ringing the softphone sip:agent@127.0.0.1:" + softphone.port(),
                    "softphone: the softphone is ringing", "state: ANSWERED by softphone");

            call.hangUp();

            awaitAgent(call, AgentCall.State.HUNG_UP_BY_CALLER);
            softphone.awaitLog(l -> l.startsWith("BYE"), WAIT);
            assertThat(softphone.awaitExit(WAIT)).as(softphone.describe()).isZero();
        }
    }

    /** The first line told that matches, waiting for it at most {@link #WAIT}. */
    private String awaitTold(java.util.function.Predicate<String> line) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> match = told.lines().stream().filter(line).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing matching was told within " + WAIT + ": " + told.lines());
    }

    private static long packetsSent(String mediaEvent) {
        Matcher m = MEDIA_EVENT.matcher(mediaEvent);
        assertThat(m.matches()).as("'%s' is a media event", mediaEvent).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int offeredPort(SippUas softphone) throws InterruptedException {
        return Integer.parseInt(softphone.awaitLog(l -> l.startsWith(SDP_OFFER), WAIT).substring(SDP_OFFER.length()).strip());
    }

    @Test
    void answeredSoftphone_hearsThePbxAudio_andItsMicrophoneIsCounted() throws Exception {
        try (RtpListener media = RtpListener.open();
                SippUas softphone = SippUas.start("uas-answer.xml", Map.of("digits_port", Integer.toString(media.port())))) {
            startAgent(softphone.target(), WAIT);
            RecordingCallListener events = new RecordingCallListener();
            long before = System.nanoTime();

            SipCall call = call(VOICE_CONNECTOR, Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), events);

            events.await("answered", WAIT);
            List<RtpListener.Packet> packets = media.receive(50, WAIT);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).as("time for 50 frames of 20 ms")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(49 * 20 - 20));
            RtpListener.assertPcmuStreamFromItsStart(packets);
            int legPort = offeredPort(softphone);
            assertThat(packets).as("sent from the port of the INVITE's SDP (symmetric RTP)")
                    .allSatisfy(p -> assertThat(p.source()).isEqualTo(new InetSocketAddress("127.0.0.1", legPort)));

            media.sendRtp(new InetSocketAddress("127.0.0.1", legPort), 5);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (agent.call(call.sipCallId()).orElseThrow().softphoneMediaPackets() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(agent.call(call.sipCallId()).orElseThrow().softphoneMediaPackets()).as("live count").isEqualTo(5);

            call.hangUp();

            awaitAgent(call, AgentCall.State.HUNG_UP_BY_CALLER);
            softphone.awaitLog(l -> l.startsWith("BYE"), WAIT);
            String event = awaitTold(l -> l.startsWith("softphone: media: "));
            assertThat(event).endsWith(" RTP packets sent to the softphone, 5 received from it");
            assertThat(media.fallsSilent(Duration.ofMillis(200), WAIT)).as("no audio 200 ms after the BYE").isTrue();
            assertThat(media.received()).as("every packet reported as sent arrived, and no other").hasSize((int) packetsSent(event));
            assertThat(agent.call(call.sipCallId()).orElseThrow().softphoneMediaPackets()).isEqualTo(5);
            assertThat(agent.call(call.sipCallId()).orElseThrow().softphone()).as("the media event is no progress").isEqualTo("answered");
            assertThat(softphone.awaitExit(WAIT)).as(softphone.describe()).isZero();
        }
    }

    @Test
    void softphoneHangsUp_theAudioStops_andIsReportedBeforeTheHangUp() throws Exception {
        try (RtpListener media = RtpListener.open();
                SippUas softphone = SippUas.start("uas-answer-then-hang-up.xml", Map.of("digits_port", Integer.toString(media.port())))) {
            startAgent(softphone.target(), WAIT);
            RecordingCallListener events = new RecordingCallListener();
            SipCall call = call(VOICE_CONNECTOR, Map.of(), events);
            media.receive(1, WAIT);

            events.await("hungUpByFarEnd", WAIT);

            String event = awaitTold(l -> l.startsWith("softphone: media: "));
            assertThat(event).endsWith(" RTP packets sent to the softphone, 0 received from it");
            assertThat(told.upTo(WAIT, "softphone: the softphone hung up")).containsSubsequence(event, "softphone: the softphone hung up");
            assertThat(media.fallsSilent(Duration.ofMillis(200), WAIT)).as("no audio 200 ms after the BYE").isTrue();
            assertThat(media.received()).hasSize((int) packetsSent(event));
            RtpListener.assertPcmuStreamFromItsStart(media.received());
            assertThat(awaitAgent(call, AgentCall.State.HUNG_UP_BY_AGENT).softphoneMediaPackets()).isZero();
            assertThat(softphone.awaitExit(WAIT)).as(softphone.describe()).isZero();
        }
    }

    @Test
    void softphoneNotAnswering_getsNoAudio_andNoMediaIsReported() throws Exception {
        try (RtpListener media = RtpListener.open();
                SippUas softphone = SippUas.start("uas-busy.xml", Map.of("digits_port", Integer.toString(media.port())))) {
            startAgent(softphone.target(), WAIT);
            RecordingCallListener events = new RecordingCallListener();
            SipCall call = call(VOICE_CONNECTOR, Map.of(), events);
            events.await("answered", WAIT);

            call.hangUp();

            awaitAgent(call, AgentCall.State.HUNG_UP_BY_CALLER);
            assertThat(media.fallsSilent(Duration.ofMillis(200), WAIT)).isTrue();
            assertThat(media.received()).isEmpty();
            assertThat(told.lines()).noneMatch(l -> l.startsWith("softphone: media:"));
        }
    }

    @Test
    void callersDigits_reachTheSoftphoneAsOneInfoEach() throws Exception {
        try (SippUas softphone = softphone("uas-answer-info.xml", Map.of())) {
            startAgent(softphone.target(), WAIT);
            RecordingCallListener events = new RecordingCallListener();
            SipCall call = call(VOICE_CONNECTOR, Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), events);
            events.await("answered", WAIT);

            call.sendDigits("1#", Duration.ofMillis(80));

            assertThat(agent.await(c -> c.digits().equals("1#"), WAIT)).isPresent();
            softphone.awaitLog(l -> l.startsWith("INFO Signal=#"), WAIT);
            assertThat(softphone.log()).filteredOn(l -> l.startsWith("INFO"))
                    .map(l -> l.substring(0, l.indexOf(" (")))
                    .containsExactly("INFO Signal=1 Duration=80", "INFO Signal=# Duration=80");
            call.hangUp();
            assertThat(softphone.awaitExit(WAIT)).as(softphone.describe()).isZero();
        }
    }

    @Test
    void softphoneHangsUp_endsTheCallersLeg() throws Exception {
        try (SippUas softphone = softphone("uas-answer-then-hang-up.xml", Map.of())) {
            startAgent(softphone.target(), WAIT);
            RecordingCallListener events = new RecordingCallListener();

            SipCall call = call(VOICE_CONNECTOR, Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), events);

            assertThat(events.await("hungUpByFarEnd", WAIT)).containsExactly("ringing", "answered", "hungUpByFarEnd");
            AgentCall ended = awaitAgent(call, AgentCall.State.HUNG_UP_BY_AGENT);
            assertThat(ended.softphone()).isEqualTo("hung up");
            assertThat(softphone.awaitExit(WAIT)).as(softphone.describe()).isZero();
        }
    }

    @Test
    void softphoneBusy_theEmbeddedAgentAnswers_andSaysWhy() throws Exception {
        try (SippUas softphone = softphone("uas-busy.xml", Map.of())) {
            startAgent(softphone.target(), WAIT);
            RecordingCallListener events = new RecordingCallListener();

            SipCall call = call(VOICE_CONNECTOR, Map.of(), events);

            assertThat(events.await("answered", WAIT)).containsExactly("ringing", "answered");
            AgentCall answered = awaitAgent(call, AgentCall.State.ANSWERED);
            assertThat(answered.answeredBy()).isEqualTo(AgentCall.AnsweredBy.AGENT);
            assertThat(answered.softphone()).isEqualTo("486 Busy Here");
            assertThat(told.upTo(WAIT, "state: ANSWERED by agent")).containsSubsequence(
                    "softphone: the softphone did not answer (486 Busy Here): the embedded agent answers", "state: ANSWERED by agent");
            assertThat(softphone.awaitLog(l -> l.startsWith("INVITE"), WAIT))
                    .as("no e-mail, no display name").contains("From: <sip:" + CALLER + "@127.0.0.1>;tag=");
            assertThat(softphone.log()).noneMatch(l -> l.contains("X-RequestorEmail"));
            assertThat(softphone.awaitExit(WAIT)).as(softphone.describe()).isZero();
        }
    }

    @Test
    void softphoneNotRegistered_theEmbeddedAgentAnswers() throws Exception {
        try (SippUas softphone = softphone("uas-not-found.xml", Map.of())) {
            startAgent(softphone.target(), WAIT);
            RecordingCallListener events = new RecordingCallListener();

            SipCall call = call(VOICE_CONNECTOR, Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), events);

            events.await("answered", WAIT);
            AgentCall answered = awaitAgent(call, AgentCall.State.ANSWERED);
            assertThat(answered.answeredBy()).isEqualTo(AgentCall.AnsweredBy.AGENT);
            assertThat(answered.softphone()).isEqualTo("404 Not Found");
            assertThat(softphone.awaitExit(WAIT)).as(softphone.describe()).isZero();
        }
    }

    @Test
    void softphoneBusy_numberConfiguredBusy_stillRefusesTheCaller() throws Exception {
        try (SippUas softphone = softphone("uas-busy.xml", Map.of())) {
            startAgent(softphone.target(), WAIT, AgentConfig.defaults().withBehaviour(VOICE_CONNECTOR, AgentBehaviour.BUSY));
            RecordingCallListener events = new RecordingCallListener();

            SipCall call = call(VOICE_CONNECTOR, Map.of(), events);

            assertThat(events.await("failed 486", WAIT)).containsExactly("ringing", "failed 486");
            assertThat(awaitAgent(call, AgentCall.State.BUSY).softphone()).isEqualTo("486 Busy Here");
            assertThat(told.upTo(WAIT, "state: BUSY")).containsSubsequence(
                    "softphone: the softphone did not answer (486 Busy Here): the embedded agent refuses it as busy", "state: BUSY");
        }
    }

    @Test
    void noAnswerWithinRingTimeout_cancelsTheSoftphone_andTheEmbeddedAgentAnswers() throws Exception {
        try (SippUas softphone = softphone("uas-never-answer.xml", Map.of())) {
            startAgent(softphone.target(), Duration.ofMillis(500));
            RecordingCallListener events = new RecordingCallListener();

            SipCall call = call(VOICE_CONNECTOR, Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), events);

            events.await("answered", WAIT);
            AgentCall answered = awaitAgent(call, AgentCall.State.ANSWERED);
            assertThat(answered.answeredBy()).isEqualTo(AgentCall.AnsweredBy.AGENT);
            assertThat(answered.softphone()).isEqualTo("no answer within 500 ms");
            assertThat(softphone.log()).anyMatch(l -> l.startsWith("CANCEL"));
            assertThat(softphone.awaitExit(WAIT)).as(softphone.describe()).isZero();
        }
    }

    @Test
    void callerCancelsWhileSoftphoneRings_cancelsTheSoftphone() throws Exception {
        try (SippUas softphone = softphone("uas-never-answer.xml", Map.of())) {
            startAgent(softphone.target(), Duration.ofSeconds(20));
            RecordingCallListener events = new RecordingCallListener();
            SipCall call = call(VOICE_CONNECTOR, Map.of(), events);
            events.await("ringing", WAIT);
            softphone.awaitLog(l -> l.startsWith("INVITE"), WAIT);

            call.hangUp();

            awaitAgent(call, AgentCall.State.CANCELLED);
            softphone.awaitLog(l -> l.startsWith("CANCEL"), WAIT);
            assertThat(softphone.awaitExit(WAIT)).as(softphone.describe()).isZero();
            assertThat(events.settle(Duration.ofMillis(300))).containsExactly("ringing");
        }
    }

    @Test
    void silentSoftphone_theEmbeddedAgentAnswersAtTheRingTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            startAgent(new SipTarget("127.0.0.1", silent.getLocalPort()), Duration.ofMillis(400));
            RecordingCallListener events = new RecordingCallListener();

            SipCall call = call(VOICE_CONNECTOR, Map.of(), events);

            events.await("answered", WAIT);
            AgentCall answered = awaitAgent(call, AgentCall.State.ANSWERED);
            assertThat(answered.answeredBy()).isEqualTo(AgentCall.AnsweredBy.AGENT);
            assertThat(answered.softphone()).startsWith("408");
        }
    }

    @Test
    void otherNumbers_neverRingTheSoftphone() throws Exception {
        try (DatagramSocket softphone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            softphone.setSoTimeout(300);
            startAgent(new SipTarget("127.0.0.1", softphone.getLocalPort()), WAIT);
            RecordingCallListener events = new RecordingCallListener();

            SipCall call = call(OTHER_NUMBER, Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), events);

            assertThat(events.await("answered", WAIT)).containsExactly("ringing", "answered");
            AgentCall answered = awaitAgent(call, AgentCall.State.ANSWERED);
            assertThat(answered.answeredBy()).isEqualTo(AgentCall.AnsweredBy.AGENT);
            assertThat(answered.softphone()).isEmpty();
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            boolean received;
            try {
                softphone.receive(packet);
                received = true;
            } catch (SocketTimeoutException e) {
                received = false;
            }
            assertThat(received).as("the softphone got a datagram").isFalse();
            assertThat(told.upTo(WAIT, "state: ANSWERED by agent")).contains("state: ANSWERED by agent")
                    .noneMatch(l -> l.startsWith("softphone"));
        }
    }

    @Test
    void closingTheAgent_endsBothLegs() throws Exception {
        try (SippUas softphone = softphone("uas-answer.xml", Map.of())) {
            startAgent(softphone.target(), WAIT);
            RecordingCallListener events = new RecordingCallListener();
            SipCall call = call(VOICE_CONNECTOR, Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), events);
            events.await("answered", WAIT);
            awaitAgent(call, AgentCall.State.ANSWERED);

            agent.close();

            assertThat(events.await("hungUpByFarEnd", WAIT)).containsExactly("ringing", "answered", "hungUpByFarEnd");
            softphone.awaitLog(l -> l.startsWith("BYE"), WAIT);
            assertThat(softphone.awaitExit(WAIT)).as(softphone.describe()).isZero();
        }
    }
}
