/** Makes an incoming call heard. */
export interface Ringer {
  /**
   * Called from the click that takes the agent online: browsers let a page play sound only after
   * a gesture, and a call rings later, without one.
   */
  prepare(): void;
  start(): void;
  stop(): void;
}

/** The ring cadence: a short double tone, repeated until the call is answered or gone. */
export const RING_TONE = { frequenciesHz: [440, 480], onMs: 800, periodMs: 3000, gain: 0.08 } as const;

/**
 * Rings through WebAudio: two sine oscillators (the North American ring tone's pair) for
 * `onMs` of every `periodMs`. Without WebAudio it stays silent; the page still shows the call.
 */
export class WebAudioRinger implements Ringer {
  private context: AudioContext | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private playing: OscillatorNode[] = [];

  constructor(private readonly createContext: () => AudioContext | undefined = defaultContext) {}

  prepare(): void {
    this.context ??= this.createContext();
    void this.context?.resume().catch(() => undefined);
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.prepare();
    this.ring();
    this.timer = setInterval(() => this.ring(), RING_TONE.periodMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const oscillator of this.playing) {
      try {
        oscillator.stop();
      } catch {
        // Already stopped on its own.
      }
    }
    this.playing = [];
  }

  private ring(): void {
    const context = this.context;
    if (context === undefined) return;
    const gain = context.createGain();
    gain.gain.value = RING_TONE.gain;
    gain.connect(context.destination);
    const end = context.currentTime + RING_TONE.onMs / 1000;
    this.playing = RING_TONE.frequenciesHz.map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
      oscillator.stop(end);
      return oscillator;
    });
  }
}

function defaultContext(): AudioContext | undefined {
  return typeof AudioContext === 'undefined' ? undefined : new AudioContext();
}
