package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call state machine on its own, with the SIP work recorded instead of sent. */
class OutboundCallTest {

    private static final Duration NOW = Duration.ZERO;

    private final List<String> signalled = new CopyOnWriteArrayList<>();
    private final List<OutboundCall> ended = new CopyOnWriteArrayList<>();
    private final RecordingCallListener events = new RecordingCallListener();
    private final Dialog dialog = stub(Dialog.class);
    private DatagramSocket rtp;
    private OutboundCall call;

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                method.getName().equals("equals") ? proxy == args[0] : method.getName().equals("hashCode") ? 0 : null);
    }

    @BeforeEach
    void create() throws Exception {
        rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        call = new OutboundCall("call-1", events, rtp, new OutboundCall.Signalling() {
            @Override
            public void ack(Dialog on, long cseq) {
                signalled.add("ACK " + cseq);
            }

            @Override
            public void bye(Dialog on) {
                signalled.add("BYE");
            }

            @Override
            public void cancel(ClientTransaction invite) {
                signalled.add("CANCEL");
            }

            @Override
            public void abandon(ClientTransaction invite) {
                signalled.add("abandon");
            }

            @Override
            public void scheduleCancelGrace(OutboundCall cancelled) {
                signalled.add("grace");
            }
        }, ended::add);
        call.sending(stub(ClientTransaction.class), null);
    }

    @AfterEach
    void close() {
        rtp.close();
    }

    @Test
    void answerCrossingTheRingTimeoutCancel_isAckedThenByedAndNotAnswered() throws Exception {
        call.provisional();
        call.ringTimeout();

        call.success(dialog, 1, null);
        call.failure(487, "Request Terminated");

        assertThat(signalled).containsExactly("CANCEL", "grace", "ACK 1", "BYE");
        assertThat(events.settle(NOW)).containsExactly("ringing", "notAnswered");
        assertThat(ended).containsExactly(call);
        assertThat(rtp.isClosed()).isTrue();
    }

    @Test
    void hangUpWhileRinging_thenTerminated_reportsNothing() throws Exception {
        call.provisional();
        call.hangUp();
        call.failure(487, "Request Terminated");
        call.cancelGraceOver();

        assertThat(signalled).containsExactly("CANCEL", "grace");
        assertThat(events.settle(NOW)).containsExactly("ringing");
        assertThat(call.state()).isEqualTo(OutboundCall.State.ENDED);
    }

    @Test
    void cancelWithoutFinalAnswer_givesUpAfterGrace() throws Exception {
        call.provisional();
        call.ringTimeout();
        call.cancelGraceOver();
        call.cancelGraceOver();

        assertThat(events.settle(NOW)).containsExactly("ringing", "notAnswered");
    }

    @Test
    void silenceUntilRingTimeout_abandonsWithoutCancel() throws Exception {
        call.ringTimeout();

        assertThat(signalled).containsExactly("abandon");
        assertThat(events.settle(NOW)).containsExactly("failed 408");
    }

    @Test
    void trying_thenRingTimeout_cancels() throws Exception {
        call.trying();
        call.ringTimeout();

        assertThat(signalled).containsExactly("CANCEL", "grace");
    }

    @Test
    void retransmitted200_isAckedAgainAndReportedOnce() throws Exception {
        call.success(dialog, 1, null);
        call.success(dialog, 1, null);
        call.provisional();

        assertThat(signalled).containsExactly("ACK 1", "ACK 1");
        assertThat(events.settle(NOW)).containsExactly("answered");
    }

    @Test
    void outcomes_areReportedOnce() throws Exception {
        call.failure(486, "Busy Here");
        call.failure(486, "Busy Here");
        call.inviteTimedOut();
        call.ringTimeout();

        assertThat(call.byeReceived()).isFalse();
        assertThat(events.settle(NOW)).containsExactly("failed 486");
        assertThat(signalled).isEmpty();
    }

    @Test
    void byeAfterAnswer_isHungUpByFarEnd_andLaterHangUpDoesNothing() throws Exception {
        call.success(dialog, 1, null);

        assertThat(call.byeReceived()).isTrue();
        call.hangUp();
        call.sendDigits("1", Duration.ofMillis(50));

        assertThat(signalled).containsExactly("ACK 1");
        assertThat(events.settle(NOW)).containsExactly("answered", "hungUpByFarEnd");
    }

    @Test
    void late200AfterTheCallEnded_isAckedAndByed() throws Exception {
        call.failure(503, "Service Unavailable");

        call.success(dialog, 1, null);

        assertThat(signalled).containsExactly("ACK 1", "BYE");
        assertThat(events.settle(NOW)).containsExactly("failed 503");
    }
}
