package com.clicktocall.localstack.sip.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ComfortToneTest {

    private final ComfortTone tone = new ComfortTone();

    /** G.711 mu-law to a 16-bit sample, from ITU-T G.711 (not the JDK codec the tone is encoded with). */
    private static int decode(byte muLaw) {
        int u = ~muLaw & 0xFF;
        int magnitude = ((((u & 0x0F) << 3) + 0x84) << ((u >> 4) & 0x07)) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    private int[] samples(int fromFrame, int toFrame) {
        return IntStream.range(fromFrame, toFrame).mapToObj(tone::frame)
                .flatMapToInt(frame -> IntStream.range(0, frame.length).map(i -> decode(frame[i]))).toArray();
    }

    @Test
    void everyFrameIsTwentyMillisecondsOfMuLaw() {
        assertThat(ComfortTone.SAMPLES_PER_FRAME).isEqualTo(160);
        assertThat(IntStream.range(0, 300).mapToObj(tone::frame)).allSatisfy(frame -> assertThat(frame).hasSize(160));
    }

    @Test
    void beep_isAQuiet400HzTone() {
        int[] beep = samples(0, 10);
        int peak = IntStream.of(beep).map(Math::abs).max().orElseThrow();
        double peakDbfs = 20 * Math.log10(peak / 32768.0);
        long upwardCrossings = IntStream.range(1, beep.length).filter(i -> beep[i - 1] <= 0 && beep[i] > 0).count();

        assertThat(peakDbfs).as("peak level, dBFS").isBetween(-27.0, -21.0);
        assertThat(upwardCrossings).as("cycles in 200 ms of 400 Hz").isBetween(79L, 80L);
    }

    @Test
    void beep_fadesInAndOut() {
        int[] beep = samples(0, 10);

        assertThat(Math.abs(beep[1])).as("second sample").isLessThan(100);
        assertThat(Math.abs(beep[beep.length - 2])).as("second to last sample").isLessThan(100);
    }

    @Test
    void betweenBeeps_silence_andTheBeepComesBackEveryThreeSeconds() {
        assertThat(IntStream.range(10, 150).mapToObj(tone::frame))
                .allSatisfy(frame -> assertThat(frame).containsOnly(ComfortTone.SILENCE));
        assertThat(tone.frame(150)).isEqualTo(tone.frame(0));
        assertThat(tone.frame(159)).isEqualTo(tone.frame(9));
        assertThat(tone.frame(160)).containsOnly(ComfortTone.SILENCE);
    }

    @Test
    void frame_isACopy() {
        tone.frame(0)[0] = 0;

        assertThat(tone.frame(0)[0]).isNotEqualTo((byte) 0);
    }
}
