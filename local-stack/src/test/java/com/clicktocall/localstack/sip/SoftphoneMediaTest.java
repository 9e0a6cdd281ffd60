package com.clicktocall.localstack.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.sip.rtp.ComfortTone;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The PBX's audio on a softphone leg, between two sockets on loopback. */
@Timeout(30)
class SoftphoneMediaTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private DatagramSocket leg;
    private RtpListener softphone;
    private SoftphoneMedia media;

    @BeforeEach
    void open() throws Exception {
        leg = JainSipPhone.bindRtp();
        softphone = RtpListener.open();
        media = new SoftphoneMedia(leg, pacer, new ComfortTone());
    }

    @AfterEach
    void close() {
        media.stop();
        leg.close();
        softphone.close();
        pacer.shutdownNow();
    }

    private InetSocketAddress softphoneAddress() {
        return new InetSocketAddress("127.0.0.1", softphone.port());
    }

    private InetSocketAddress legAddress() {
        return new InetSocketAddress("127.0.0.1", leg.getLocalPort());
    }

    @Test
    void started_sendsPcmuFramesFromTheLegsPort_fiftyASecond() throws Exception {
        long before = System.nanoTime();

        media.start(softphoneAddress());

        List<RtpListener.Packet> packets = softphone.receive(50, WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - before);
        RtpListener.assertPcmuStreamFromItsStart(packets);
        assertThat(packets).allSatisfy(p -> assertThat(p.source().getPort()).as("symmetric RTP").isEqualTo(leg.getLocalPort()));
        assertThat(packets.getFirst().payload()).as("the stream opens with the beep").isEqualTo(new ComfortTone().frame(0));
        // A paced stream never runs ahead of its clock: the 50th frame leaves 49 x 20 ms after the first.
        assertThat(took).as("time for 50 frames").isGreaterThanOrEqualTo(Duration.ofMillis(49 * 20 - 20));
    }

    @Test
    void packetsFromTheSoftphone_areCounted_notOtherDatagrams() throws Exception {
        media.start(softphoneAddress());
        softphone.receive(1, WAIT);

        softphone.sendRtp(legAddress(), 7);
        softphone.sendNonRtp(legAddress());

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (media.received() < 7 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(media.received()).isEqualTo(7);
        SoftphoneMedia.Counts counts = media.stop().orElseThrow();
        assertThat(counts.received()).isEqualTo(7);
        assertThat(counts.sent()).isPositive();
    }

    @Test
    void stopped_sendsNothingMore_andReportsWhatWasSent() throws Exception {
        media.start(softphoneAddress());
        softphone.receive(5, WAIT);

        SoftphoneMedia.Counts counts = media.stop().orElseThrow();

        assertThat(softphone.fallsSilent(Duration.ofMillis(200), WAIT)).as("no packet 200 ms after stopping").isTrue();
        assertThat(softphone.received()).as("every packet sent, and only those").hasSize((int) counts.sent());
        RtpListener.assertPcmuStreamFromItsStart(softphone.received());
        assertThat(counts.event()).isEqualTo("media: " + counts.sent() + " RTP packets sent to the softphone, 0 received from it");
        assertThat(media.stop()).as("reported once").isEmpty();
    }

    @Test
    void neverStarted_reportsNothing_andStartAfterStopSendsNothing() throws Exception {
        assertThat(media.stop()).isEmpty();

        media.start(softphoneAddress());

        assertThat(softphone.fallsSilent(Duration.ofMillis(200), WAIT)).isTrue();
        assertThat(softphone.received()).isEmpty();
    }

    @Test
    void legSocketClosed_stopsTheStream_andTheCountsStillCome() throws Exception {
        media.start(softphoneAddress());
        softphone.receive(3, WAIT);

        leg.close();
        SoftphoneMedia.Counts counts = media.stop().orElseThrow();

        assertThat(softphone.fallsSilent(Duration.ofMillis(200), WAIT)).isTrue();
        assertThat(counts.sent()).isEqualTo(softphone.received().size());
    }
}
