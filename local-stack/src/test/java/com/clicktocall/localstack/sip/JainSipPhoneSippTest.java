package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.sip.SipHeaders;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link JainSipPhone} against SIPp, a SIP implementation nobody here wrote. */
@Timeout(30)
class JainSipPhoneSippTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CALLER = "+17035550100";
    private static final String AGENT_NUMBER = "+15550100111";
    private static final String EMAIL = "caller@example.com";

    private JainSipPhone phone;

    @BeforeAll
    static void sippInstalled() {
        SippUas.assumeInstalled();
    }

    @BeforeEach
    void start() throws IOException {
        phone = JainSipPhone.start(0, SipMessageLog.NONE);
    }

    @AfterEach
    void stop() {
        phone.close();
    }

    private InviteRequest call(SippUas sipp, Map<String, String> headers, Duration ringTimeout) {
        return new InviteRequest(sipp.target(), CALLER, AGENT_NUMBER, headers, ringTimeout);
    }

    @Test
    void answeredCall_deliversRequestorEmailDigitsAndBye() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        try (DtmfReceiver digits = DtmfReceiver.open();
                SippUas sipp = SippUas.start("uas-answer.xml", Map.of("digits_port", Integer.toString(digits.port())))) {

            SipCall call = phone.invite(call(sipp, Map.of(SipHeaders.REQUESTOR_EMAIL, EMAIL), WAIT), events);

            assertThat(events.await("answered", WAIT)).containsExactly("ringing", "answered");
            assertThat(sipp.awaitLog(line -> line.startsWith("INVITE"), WAIT))
                    .contains(call.sipCallId()).contains("sip:" + CALLER + "@").contains("sip:" + AGENT_NUMBER + "@");
            assertThat(sipp.awaitLog(line -> line.startsWith("X-RequestorEmail"), WAIT))
                    .isEqualTo("X-RequestorEmail: " + EMAIL);
            sipp.awaitLog(line -> line.startsWith("ACK " + call.sipCallId()), WAIT);

            call.sendDigits("159#*0", Duration.ofMillis(60));
            assertThat(digits.await(6, WAIT)).isEqualTo("159#*0");

            call.hangUp();
            sipp.awaitLog(line -> line.equals("BYE " + call.sipCallId()), WAIT);
            assertThat(sipp.awaitExit(WAIT)).as(sipp.describe()).isZero();
            assertThat(events.settle(Duration.ofMillis(100))).containsExactly("ringing", "answered");
        }
    }

    @Test
    void busyAgent_reportsFailed486() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        try (SippUas sipp = SippUas.start("uas-busy.xml", Map.of())) {

            SipCall call = phone.invite(call(sipp, Map.of(), WAIT), events);

            assertThat(events.await("failed 486", WAIT)).containsExactly("failed 486");
            assertThat(events.failureReason()).isEqualTo("Busy Here");
            sipp.awaitLog(line -> line.equals("ACK " + call.sipCallId()), WAIT);
            assertThat(sipp.awaitExit(WAIT)).as(sipp.describe()).isZero();
        }
    }

    @Test
    void unansweredCall_isCancelledAtRingTimeout() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        try (SippUas sipp = SippUas.start("uas-never-answer.xml", Map.of())) {

            SipCall call = phone.invite(call(sipp, Map.of(), Duration.ofMillis(500)), events);

            assertThat(events.await("notAnswered", WAIT)).containsExactly("ringing", "notAnswered");
            sipp.awaitLog(line -> line.equals("CANCEL " + call.sipCallId()), WAIT);
            sipp.awaitLog(line -> line.equals("ACK " + call.sipCallId()), WAIT);
            assertThat(sipp.awaitExit(WAIT)).as(sipp.describe()).isZero();
        }
    }

    @Test
    void farEndHangsUp_reportsHungUpByFarEnd() throws Exception {
        RecordingCallListener events = new RecordingCallListener();
        try (DtmfReceiver digits = DtmfReceiver.open();
                SippUas sipp = SippUas.start("uas-answer-then-hang-up.xml",
                        Map.of("digits_port", Integer.toString(digits.port())))) {

            SipCall call = phone.invite(call(sipp, Map.of(), WAIT), events);

            assertThat(events.await("hungUpByFarEnd", WAIT)).containsExactly("ringing", "answered", "hungUpByFarEnd");
            sipp.awaitLog(line -> line.equals("BYE answered " + call.sipCallId()), WAIT);
            assertThat(sipp.awaitExit(WAIT)).as(sipp.describe()).isZero();
        }
    }
}
