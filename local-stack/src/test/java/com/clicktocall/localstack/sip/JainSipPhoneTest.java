package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.model.sip.SipHeaders;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class JainSipPhoneTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CALLER = "+17035550100";
    private static final String AGENT_NUMBER = "+15550100111";
    private static final String BUSY_NUMBER = "+15550100486";
    private static final String SILENT_NUMBER = "+15550100000";
    private static final String EMAIL = "caller@example.com";

    private final List<SipMessageLog.Message> phoneMessages = new CopyOnWriteArrayList<>();
    private final List<SipMessageLog.Message> agentMessages = new CopyOnWriteArrayList<>();
    private EmbeddedAgent agent;
    private JainSipPhone phone;

    @BeforeEach
    void start() throws Exception {
        agent = EmbeddedAgent.start(AgentConfig.defaults()
                .withBehaviour(BUSY_NUMBER, AgentBehaviour.BUSY)
                .withBehaviour(SILENT_NUMBER, AgentBehaviour.NEVER_ANSWER), AgentListener.NONE, agentMessages::add);
        phone = JainSipPhone.start(0, phoneMessages::add);
    }

    @AfterEach
    void stop() {
        phone.close();
        agent.close();
    }

    private InviteRequest inviteTo(String number, Map<String, String> headers, Duration ringTimeout) {
        return new InviteRequest(agent.target(), CALLER, number, headers, ringTimeout);
    }

    private AgentCall awaitAgent(SipCall call, AgentCall.State state) throws InterruptedException {
        Optional<AgentCall> found = agent.await(c -> c.sipCallId().equals(call.sipCallId()) && c.state() == state, WAIT);
        assertThat(found).as("agent call %s in state %s; agent has %s", call.sipCallId(), state, agent.calls()).isPresent();
        return found.get();
    }

    @Test
    void answeredCall_deliversCallerHeaderAndNumbersToAgent() throws Exception {
        RecordingCallListener events = new RecordingCallListener();

        SipCall call = phone.invite(inviteTo(AGENT_NUMBER, Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), WAIT), events);

        assertThat(events.await("answered", WAIT)).containsExactly("ringing", "answered");
        AgentCall atAgent = awaitAgent(call, AgentCall.State.ANSWERED);
        assertThat(atAgent.header("x-requestoremail")).contains(EMAIL);
        assertThat(atAgent.from()).isEqualTo(CALLER);
        assertThat(atAgent.to()).isEqualTo(AGENT_NUMBER);
        assertThat(atAgent.header("Content-Type")).contains("application/sdp");
    }

    @Test
    void digits_areDecodedByAgentExactly() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        SipCall call = phone.invite(inviteTo(AGENT_NUMBER, Map.of(), WAIT), events);
        events.await("answered", WAIT);

        call.sendDigits("0123456789*#ABCD", Duration.ofMillis(40));
        call.sendDigits("11", Duration.ofMillis(40));

        assertThat(agent.await(c -> c.digits().length() >= 18, WAIT)).map(AgentCall::digits)
                .contains("0123456789*#ABCD11");
    }

    @Test
    void commaInDigits_pausesHalfASecond() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        agent.close();
        agent = EmbeddedAgent.start(AgentConfig.defaults(), new AgentListener() {
            @Override
            public void digitReceived(AgentCall call, char digit) {
                arrivals.add(System.nanoTime());
            }
        }, SipMessageLog.NONE);
        SipCall call = phone.invite(inviteTo(AGENT_NUMBER, Map.of(), WAIT), events);
        events.await("answered", WAIT);

        call.sendDigits("1,2", Duration.ofMillis(50));

        assertThat(agent.await(c -> c.digits().equals("12"), WAIT)).isPresent();
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void busyNumber_reportsFailed486() throws Exception {
        RecordingCallListener events = new RecordingCallListener();

        SipCall call = phone.invite(inviteTo(BUSY_NUMBER, Map.of(), WAIT), events);

        assertThat(events.await("failed 486", WAIT)).containsExactly("failed 486");
        assertThat(events.failureReason()).isEqualToIgnoringCase("Busy Here");
        awaitAgent(call, AgentCall.State.BUSY);
    }

    @Test
    void noAnswerWithinRingTimeout_cancelsAndReportsNotAnswered() throws Exception {
        RecordingCallListener events = new RecordingCallListener();

        SipCall call = phone.invite(inviteTo(SILENT_NUMBER, Map.of(), Duration.ofMillis(400)), events);

        assertThat(events.await("notAnswered", WAIT)).containsExactly("ringing", "notAnswered");
        awaitAgent(call, AgentCall.State.CANCELLED);
        assertThat(phoneMessages).filteredOn(m -> m.callId().equals(call.sipCallId())).map(SipMessageLog.Message::summary)
                .containsSubsequence("INVITE", "180 Ringing (INVITE)", "CANCEL", "487 Request Terminated (INVITE)");
    }

    @Test
    void hangUpWhileRinging_cancelsWithoutReporting() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        SipCall call = phone.invite(inviteTo(SILENT_NUMBER, Map.of(), WAIT), events);
        events.await("ringing", WAIT);

        call.hangUp();

        awaitAgent(call, AgentCall.State.CANCELLED);
        assertThat(events.settle(Duration.ofMillis(300))).containsExactly("ringing");
    }

    @Test
    void hangUpWhenAnswered_sendsBye() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        SipCall call = phone.invite(inviteTo(AGENT_NUMBER, Map.of(), WAIT), events);
        events.await("answered", WAIT);

        call.hangUp();
        call.hangUp();

        awaitAgent(call, AgentCall.State.HUNG_UP_BY_CALLER);
        assertThat(events.settle(Duration.ofMillis(200))).containsExactly("ringing", "answered");
        assertThat(phoneMessages).filteredOn(m -> m.callId().equals(call.sipCallId()))
                .filteredOn(m -> m.direction() == SipMessageLog.Direction.RECEIVED).map(SipMessageLog.Message::summary)
                .contains("200 OK (BYE)");
    }

    @Test
    void agentHangsUp_reportsHungUpByFarEnd() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        SipCall call = phone.invite(inviteTo(AGENT_NUMBER, Map.of(), WAIT), events);
        events.await("answered", WAIT);

        assertThat(agent.hangUp(call.sipCallId())).isTrue();

        assertThat(events.await("hungUpByFarEnd", WAIT)).containsExactly("ringing", "answered", "hungUpByFarEnd");
        assertThat(agent.call(call.sipCallId())).map(AgentCall::state).contains(AgentCall.State.HUNG_UP_BY_AGENT);
        call.sendDigits("1", Duration.ofMillis(50));
        assertThat(agent.hangUp(call.sipCallId())).isFalse();
    }

    @Test
    void ringDelay_answersAfterRinging() throws Exception {
        agent.close();
        agent = EmbeddedAgent.start(AgentConfig.defaults().withRingDelay(Duration.ofMillis(300)),
                AgentListener.NONE, SipMessageLog.NONE);
        RecordingCallListener events = new RecordingCallListener();
        long start = System.nanoTime();

        phone.invite(inviteTo(AGENT_NUMBER, Map.of(), WAIT), events);

        assertThat(events.await("answered", WAIT)).containsExactly("ringing", "answered");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void headerValues_areSanitisedToOneLine() throws Exception {
        RecordingCallListener events = new RecordingCallListener();

        SipCall call = phone.invite(inviteTo(AGENT_NUMBER,
                Map.of(SipHeaders.REQUESTOR_EMAIL, " caller@example.com\r\nX-Injected: yes\u0000 "), WAIT), events);

        events.await("answered", WAIT);
        AgentCall atAgent = awaitAgent(call, AgentCall.State.ANSWERED);
        assertThat(atAgent.header(SipHeaders.REQUESTOR_EMAIL)).contains("caller@example.comX-Injected: yes");
        assertThat(atAgent.header("X-Injected")).isEmpty();
    }

    @Test
    void badRequests_areRefusedWithClearErrors() {
        RecordingCallListener events = new RecordingCallListener();

        assertThatThrownBy(() -> phone.invite(inviteTo(AGENT_NUMBER, Map.of("Route", "<sip:evil>"), WAIT), events))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Route' is not allowed");
        assertThatThrownBy(() -> phone.invite(inviteTo("1@evil.example", Map.of(), WAIT), events))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("number to call '1@evil.example'");
        assertThatThrownBy(() -> phone.invite(new InviteRequest(agent.target(), "", AGENT_NUMBER, Map.of(), WAIT), events))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("caller id number");
        assertThatThrownBy(() -> phone.invite(inviteTo(AGENT_NUMBER, Map.of(), Duration.ZERO), events))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ring timeout");
        assertThat(agent.calls()).isEmpty();
    }

    @Test
    void badDigits_areRefused() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        SipCall call = phone.invite(inviteTo(AGENT_NUMBER, Map.of(), WAIT), events);
        events.await("answered", WAIT);

        assertThatThrownBy(() -> call.sendDigits("12E", Duration.ofMillis(50)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'E' at position 3");
    }

    @Test
    void garbageDatagrams_leaveBothSidesWorking() throws Exception {
        byte[] random = new byte[700];
        ThreadLocalRandom.current().nextBytes(random);
        List<byte[]> garbage = List.of(random,
                "INVITE nonsense\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                ("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKstray\r\nCall-ID: stray\r\n"
                        + "CSeq: 1 INVITE\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII),
                ("BYE sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKbye\r\nCall-ID: unknown\r\n"
                        + "CSeq: 2 BYE\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nMax-Forwards: 70\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                new byte[0]);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (byte[] datagram : garbage) {
                for (int port : new int[] {phone.port(), agent.port()}) {
                    socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
                }
            }
        }
        RecordingCallListener events = new RecordingCallListener();

        SipCall call = phone.invite(inviteTo(AGENT_NUMBER, Map.of(), WAIT), events);

        assertThat(events.await("answered", WAIT)).containsExactly("ringing", "answered");
        call.sendDigits("5", Duration.ofMillis(50));
        assertThat(agent.await(c -> c.digits().equals("5"), WAIT)).isPresent();
        assertThat(agent.calls()).hasSize(1);
    }

    /** Sends one request from a bare socket; returns the status line of the first final response. */
    private static String exchange(int port, String method) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
            String request = method + " sip:someone@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK" + tag + "\r\n"
                    + "From: <sip:probe@127.0.0.1>;tag=" + tag + "\r\n" + "To: <sip:someone@127.0.0.1>\r\n"
                    + "Call-ID: probe-" + tag + "\r\n" + "CSeq: 1 " + method + "\r\n" + "Max-Forwards: 70\r\n"
                    + "Contact: <sip:probe@127.0.0.1:" + socket.getLocalPort() + ">\r\n" + "Content-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[4096];
            while (true) {
                DatagramPacket response = new DatagramPacket(buffer, buffer.length);
                socket.receive(response);
                String text = new String(buffer, 0, response.getLength(), StandardCharsets.US_ASCII);
                String statusLine = text.substring(0, text.indexOf("\r\n"));
                if (!statusLine.startsWith("SIP/2.0 1")) {
                    return statusLine;
                }
            }
        }
    }

    @Test
    void unexpectedRequests_getProperAnswers() throws Exception {
        assertThat(exchange(phone.port(), "OPTIONS")).isEqualTo("SIP/2.0 200 OK");
        assertThat(exchange(phone.port(), "MESSAGE")).startsWith("SIP/2.0 405");
        assertThat(exchange(phone.port(), "BYE")).startsWith("SIP/2.0 481");
        assertThat(exchange(phone.port(), "INVITE")).as("the phone takes no calls").startsWith("SIP/2.0 603");
        assertThat(exchange(agent.port(), "OPTIONS")).isEqualTo("SIP/2.0 200 OK");
        assertThat(exchange(agent.port(), "SUBSCRIBE")).startsWith("SIP/2.0 405");
        assertThat(exchange(agent.port(), "BYE")).startsWith("SIP/2.0 481");
        assertThat(exchange(agent.port(), "CANCEL")).startsWith("SIP/2.0 481");
        assertThat(agent.calls()).isEmpty();
    }

    @Test
    void closingPhone_hangsUpOpenCalls() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        SipCall call = phone.invite(inviteTo(AGENT_NUMBER, Map.of(), WAIT), events);
        events.await("answered", WAIT);

        phone.close();

        awaitAgent(call, AgentCall.State.HUNG_UP_BY_CALLER);
        assertThatThrownBy(() -> phone.invite(inviteTo(AGENT_NUMBER, Map.of(), WAIT), events))
                .isInstanceOf(IllegalStateException.class);
        try (DatagramSocket rebound = rebind(phone.port(), Duration.ofSeconds(2))) {
            assertThat(rebound.getLocalPort()).as("the SIP port is free again").isEqualTo(phone.port());
        }
    }

    /** Binds {@code port} on loopback, trying again for a short while: the stack's threads let go of it asynchronously. */
    private static DatagramSocket rebind(int port, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return new DatagramSocket(port, InetAddress.getByName("127.0.0.1"));
            } catch (java.net.BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void messageLog_showsTheExchangeOnBothSides() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        SipCall call = phone.invite(inviteTo(AGENT_NUMBER, Map.of(), WAIT), events);
        events.await("answered", WAIT);
        call.hangUp();
        awaitAgent(call, AgentCall.State.HUNG_UP_BY_CALLER);
        // The agent's state changes on the BYE, before its 200 OK has reached the phone.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (phoneMessages.stream().noneMatch(m -> m.callId().equals(call.sipCallId()) && m.direction() == SipMessageLog.Direction.RECEIVED
                && m.summary().equals("200 OK (BYE)")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(100);

        assertThat(phoneMessages).filteredOn(m -> m.direction() == SipMessageLog.Direction.SENT)
                .filteredOn(m -> m.callId().equals(call.sipCallId()))
                .map(SipMessageLog.Message::summary).containsSubsequence("INVITE", "ACK", "BYE");
        assertThat(agentMessages).filteredOn(m -> m.direction() == SipMessageLog.Direction.SENT)
                .filteredOn(m -> m.callId().equals(call.sipCallId()))
                .map(SipMessageLog.Message::summary).containsSubsequence("180 Ringing (INVITE)", "200 OK (INVITE)", "200 OK (BYE)");
        assertThat(agentMessages).filteredOn(m -> m.method().equals("INVITE") && m.isRequest())
                .allSatisfy(m -> assertThat(m.peer()).isEqualTo("127.0.0.1:" + phone.port()));
        assertThat(phoneMessages).as("each message on the wire is logged once")
                .filteredOn(m -> m.callId().equals(call.sipCallId()) && m.direction() == SipMessageLog.Direction.RECEIVED)
                .map(SipMessageLog.Message::summary).containsOnlyOnce("200 OK (BYE)");
    }

    @Test
    void silentFarEnd_failsWith408AtRingTimeoutWithoutCancel() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            SipCall call = phone.invite(new InviteRequest(new SipTarget("127.0.0.1", silent.getLocalPort()), CALLER,
                    AGENT_NUMBER, Map.of(), Duration.ofMillis(300)), events);

            assertThat(events.await("failed 408", WAIT)).containsExactly("failed 408");
            assertThat(phoneMessages).filteredOn(m -> m.callId().equals(call.sipCallId()))
                    .extracting(SipMessageLog.Message::method).doesNotContain("CANCEL");
        }
    }

    @Test
    void concurrentCalls_fromManyThreads_keepTheirOwnDigits() throws Exception {
        int count = 6;
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < count; i++) {
            String digit = Integer.toString(i);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    RecordingCallListener events = new RecordingCallListener();
                    SipCall call = phone.invite(inviteTo("+1555010020" + digit, Map.of(SipHeaders.REQUESTOR_EMAIL, digit + EMAIL), WAIT), events);
                    events.await("answered", WAIT);
                    call.sendDigits(digit + digit, Duration.ofMillis(50));
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(WAIT.toMillis() * 2);
        }

        assertThat(failures).isEmpty();
        for (int i = 0; i < count; i++) {
            String digit = Integer.toString(i);
            assertThat(agent.await(c -> c.to().equals("+1555010020" + digit) && c.digits().equals(digit + digit), WAIT))
                    .map(c -> c.header(SipHeaders.REQUESTOR_EMAIL).orElseThrow()).contains(digit + EMAIL);
        }
        assertThat(agent.calls()).hasSize(count).allSatisfy(c -> assertThat(c.state()).isEqualTo(AgentCall.State.ANSWERED));
    }

    @Test
    void phoneOnGivenPort_listensThere() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (JainSipPhone fixed = JainSipPhone.start(port, SipMessageLog.NONE)) {
            assertThat(fixed.port()).isEqualTo(port);
            RecordingCallListener events = new RecordingCallListener();
            fixed.invite(inviteTo(AGENT_NUMBER, Map.of(), WAIT), events);
            assertThat(events.await("answered", WAIT)).containsExactly("ringing", "answered");
        }
    }
}
