/**
 * The caller's audio on the local stack: the page offers WebRTC audio, the stack relays the offer
 * (`POST {localMediaUrl}`) in the INVITE that rings the agent's softphone page, and relays the
 * softphone's answer back on the meeting's events (`media-answer`). The two pages then talk
 * directly, browser to browser.
 *
 * The microphone is a condition, taken before the dial ({@link RelayedAudio.takeMicrophone}); the
 * relay is not: whatever fails after that (the stack refusing the offer, the answer) leaves the call
 * going ahead without audio, with the reason in {@link RelayedAudio.problem}.
 */
import { getBrowserMicrophone, MicrophoneUnavailable, stopTracks, takeMicrophone, type GetMicrophone } from './microphone';

/**
 * How long ICE gathering may hold the dial back; after it the offer goes with the candidates found
 * so far (on loopback, without STUN, host candidates arrive within milliseconds).
 */
export const ICE_GATHERING_WAIT_MS = 3_000;
/** How long the local stack may take to take the offer (it answers at once on loopback). */
export const OFFER_POST_TIMEOUT_MS = 3_000;

/** The browser APIs the relayed audio uses, one seam so a test can play them. */
export interface MediaBrowser {
  /** The default microphone, or the one asked for. */
  getMicrophone: GetMicrophone;
  createPeerConnection(): RTCPeerConnection;
  fetch: typeof fetch;
  /** Where the hidden `<audio autoplay>` element of the far end's voice goes. */
  document: Document;
}

export const browserMedia: MediaBrowser = {
  getMicrophone: getBrowserMicrophone,
  // No STUN or TURN: both pages run on the same machine.
  createPeerConnection: () => new RTCPeerConnection({ iceServers: [] }),
  fetch: (input, init) => fetch(input, init),
  get document() {
    return document;
  },
};

export interface RelayedAudioOptions {
  /** `localMediaUrl` of `config.json`. */
  mediaUrl: string;
  /** The signed-in person's Cognito id token: the stack keys the offer by its `email` claim. */
  idToken: () => Promise<string>;
  browser?: MediaBrowser;
  iceGatheringWaitMs?: number;
  microphoneWaitMs?: number;
  offerPostTimeoutMs?: number;
}

type Phase = 'new' | 'offering' | 'offered' | 'answered' | 'failed' | 'closed';

export class RelayedAudio {
  private readonly options: RelayedAudioOptions;
  private readonly browser: MediaBrowser;
  private phase: Phase = 'new';
  private failure: string | undefined;
  private microphone: MediaStream | undefined;
  private connection: RTCPeerConnection | undefined;
  private speaker: HTMLAudioElement | undefined;
  private muted = false;
  private speakerId: string | undefined;

  constructor(options: RelayedAudioOptions) {
    this.options = options;
    this.browser = options.browser ?? browserMedia;
  }

  /** Why this call has no audio, for a person; undefined while nothing went wrong. */
  get problem(): string | undefined {
    return this.failure;
  }

  /** Whether the offer is with the local stack, waiting for the softphone's answer (or answered). */
  get offered(): boolean {
    return this.phase === 'offered' || this.phase === 'answered';
  }

  /**
   * Takes the microphone, before anything is dialled.
   * @throws MicrophoneUnavailable when it is refused, missing or not allowed in time
   */
  async takeMicrophone(): Promise<void> {
    if (this.microphone !== undefined) return;
    this.microphone = await takeMicrophone(this.browser.getMicrophone, this.options.microphoneWaitMs, () => this.isClosed());
  }

  /**
   * Makes the offer with the microphone (taken now if it was not yet) and hands it to the local
   * stack. Call it before the call is dialled; it never throws and is bounded by the waits above.
   */
  async offer(): Promise<void> {
    if (this.phase !== 'new') return;
    this.phase = 'offering';
    try {
      await this.takeMicrophone();
      const microphone = this.microphone;
      if (microphone === undefined) return;
      if (this.isClosed()) return;
      const connection = this.browser.createPeerConnection();
      this.connection = connection;
      for (const track of microphone.getAudioTracks()) {
        track.enabled = !this.muted;
        connection.addTrack(track, microphone);
      }
      connection.addEventListener('track', (event) => this.play(event));
      await connection.setLocalDescription(await connection.createOffer());
      await iceGatheringComplete(connection, this.options.iceGatheringWaitMs ?? ICE_GATHERING_WAIT_MS);
      if (this.isClosed()) return;
      const sdp = connection.localDescription?.sdp;
      if (sdp === undefined || sdp === '') throw new NoAudio('the browser made no audio offer');
      await this.post(sdp);
      if (this.phase === 'offering') this.phase = 'offered';
    } catch (error) {
      if (this.isClosed()) return;
      this.failure = error instanceof NoAudio || error instanceof MicrophoneUnavailable
        ? error.message
        : `the audio could not be set up (${describe(error)})`;
      this.phase = 'failed';
      this.release();
    }
  }

  /** Applies the softphone's answer; ignored unless an offer is waiting for one. */
  async answer(sdp: string): Promise<void> {
    const connection = this.connection;
    if (this.phase !== 'offered' || connection === undefined) return;
    this.phase = 'answered';
    try {
      await connection.setRemoteDescription({ type: 'answer', sdp });
    } catch (error) {
      if (this.isClosed()) return;
      this.failure = `the softphone's answer could not be used (${describe(error)})`;
      this.phase = 'failed';
      this.release();
    }
  }

  /** Silences the microphone without giving it up. */
  setMuted(muted: boolean): void {
    this.muted = muted;
    for (const track of this.microphone?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  /** Sends another microphone in place of the current one; nothing to do while no offer is out. */
  async chooseMicrophone(deviceId: string): Promise<void> {
    const connection = this.connection;
    if (!this.offered || connection === undefined) return;
    const chosen = await this.browser.getMicrophone(deviceId);
    const track = chosen.getAudioTracks()[0];
    if (this.isClosed() || this.connection !== connection || track === undefined) {
      stopTracks(chosen);
      return;
    }
    track.enabled = !this.muted;
    for (const sender of connection.getSenders()) {
      if (sender.track?.kind === 'audio') await sender.replaceTrack(track);
    }
    if (this.microphone !== undefined) stopTracks(this.microphone);
    this.microphone = chosen;
  }

  /** Plays the far end through another speaker, where the browser allows it. */
  async chooseSpeaker(deviceId: string): Promise<void> {
    this.speakerId = deviceId;
    await this.speaker?.setSinkId?.(deviceId);
  }

  /** Whether the browser lets the page pick the speaker. */
  get canChooseSpeaker(): boolean {
    return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  }

  /** Ends the audio: the connection closes, the microphone stops, the speaker goes. Safe to repeat. */
  close(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.release();
  }

  /** Read through a method: `close` may have run during any await. */
  private isClosed(): boolean {
    return this.phase === 'closed';
  }

  private async post(sdp: string): Promise<void> {
    let token: string;
    try {
      token = await this.options.idToken();
    } catch {
      throw new NoAudio('you are signed out');
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.options.offerPostTimeoutMs ?? OFFER_POST_TIMEOUT_MS);
    let response: Response;
    try {
      response = await this.browser.fetch(this.options.mediaUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ sdp }),
        signal: abort.signal,
      });
    } catch {
      throw new NoAudio("the local stack's media relay could not be reached");
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      const said = isObject(body) && typeof body.message === 'string' && body.message !== '' ? `: ${body.message}` : '';
      throw new NoAudio(`the local stack refused the audio offer (HTTP ${response.status}${said})`);
    }
  }

  private play(event: RTCTrackEvent): void {
    if (this.isClosed() || this.phase === 'failed') return;
    const stream = event.streams[0] ?? new MediaStream([event.track]);
    if (this.speaker === undefined) {
      const speaker = this.browser.document.createElement('audio');
      speaker.autoplay = true;
      speaker.hidden = true;
      this.browser.document.body.append(speaker);
      this.speaker = speaker;
      if (this.speakerId !== undefined) void speaker.setSinkId?.(this.speakerId).catch(() => undefined);
    }
    this.speaker.srcObject = stream;
  }

  private release(): void {
    this.connection?.close();
    this.connection = undefined;
    if (this.microphone !== undefined) stopTracks(this.microphone);
    this.microphone = undefined;
    if (this.speaker !== undefined) {
      this.speaker.srcObject = null;
      this.speaker.remove();
      this.speaker = undefined;
    }
  }
}

/** A reason the call goes without audio, already worded for a person. */
class NoAudio extends Error {}

/** Resolves once ICE gathering is complete, or after `waitMs` with what has been gathered. */
export function iceGatheringComplete(connection: RTCPeerConnection, waitMs: number): Promise<void> {
  if (connection.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      connection.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (connection.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, waitMs);
    connection.addEventListener('icegatheringstatechange', check);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
