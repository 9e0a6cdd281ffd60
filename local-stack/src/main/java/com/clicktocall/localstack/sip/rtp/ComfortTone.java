package com.clicktocall.localstack.sip.rtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * What the local PBX plays to the agent's softphone in place of the caller's voice (the local stack has no
 * caller audio): a quiet {@value #FREQUENCY_HZ} Hz beep of {@value #BEEP_MILLIS} ms every
 * {@value #PERIOD_MILLIS} ms, silence in between, as PCMU (G.711 mu-law, 8000 Hz) frames of
 * {@value #FRAME_MILLIS} ms. An agent trying the page hears that audio reaches the browser; a beep rather than
 * a steady tone keeps it from drowning their own voice, and it is nothing like ringback or busy.
 *
 * <p>The samples are encoded by the JDK's own G.711 codec ({@code javax.sound.sampled}).
 */
public final class ComfortTone {

    public static final int SAMPLE_RATE = 8000;
    public static final int FRAME_MILLIS = 20;
    /** Samples (and mu-law bytes, and RTP timestamp units) in one frame. */
    public static final int SAMPLES_PER_FRAME = SAMPLE_RATE * FRAME_MILLIS / 1000;
    /** A whole number of cycles fits in a frame (20 samples a cycle), so frames join without a click. */
    static final int FREQUENCY_HZ = 400;
    static final int BEEP_MILLIS = 200;
    static final int PERIOD_MILLIS = 3000;
    /** Peak level: -24 dBFS, well below speech, audible on a headset. */
    static final double PEAK_DBFS = -24;
    /** Fade in and out over this long, so the beep starts and stops without a click. */
    private static final int RAMP_MILLIS = 10;
    /** Mu-law for a zero sample. */
    static final byte SILENCE = (byte) 0xFF;

    private static final int BEEP_FRAMES = BEEP_MILLIS / FRAME_MILLIS;
    private static final int PERIOD_FRAMES = PERIOD_MILLIS / FRAME_MILLIS;

    private final byte[][] beep;
    private final byte[] silence;

    public ComfortTone() {
        byte[] encoded = muLaw(beepSamples());
        beep = new byte[BEEP_FRAMES][];
        for (int i = 0; i < BEEP_FRAMES; i++) {
            beep[i] = Arrays.copyOfRange(encoded, i * SAMPLES_PER_FRAME, (i + 1) * SAMPLES_PER_FRAME);
        }
        silence = new byte[SAMPLES_PER_FRAME];
        Arrays.fill(silence, SILENCE);
    }

    /** The mu-law payload of frame {@code index} (0 is the first of the stream, and starts a beep). */
    public byte[] frame(long index) {
        int inPeriod = (int) Math.floorMod(index, (long) PERIOD_FRAMES);
        return (inPeriod < BEEP_FRAMES ? beep[inPeriod] : silence).clone();
    }

    private static short[] beepSamples() {
        int count = BEEP_FRAMES * SAMPLES_PER_FRAME;
        int ramp = SAMPLE_RATE * RAMP_MILLIS / 1000;
        double peak = Short.MAX_VALUE * Math.pow(10, PEAK_DBFS / 20);
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            double envelope = Math.min(1.0, Math.min(i, count - 1 - i) / (double) ramp);
            samples[i] = (short) Math.round(peak * envelope * Math.sin(2 * Math.PI * FREQUENCY_HZ * i / SAMPLE_RATE));
        }
        return samples;
    }

    private static byte[] muLaw(short[] samples) {
        ByteBuffer linear = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            linear.putShort(sample);
        }
        AudioFormat format = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
        try (AudioInputStream pcm = new AudioInputStream(new ByteArrayInputStream(linear.array()), format, samples.length);
                AudioInputStream ulaw = AudioSystem.getAudioInputStream(AudioFormat.Encoding.ULAW, pcm)) {
            return ulaw.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the comfort tone as mu-law failed", e);
        }
    }
}
