/** Stand-ins for the browser's microphone, peer connection and fetch, for tests of the relayed audio. */
import { vi } from 'vitest';
import type { MediaBrowser } from '../meeting/relayed-audio';

export class FakeTrack {
  readonly kind = 'audio';
  enabled = true;
  stopped = false;

  stop(): void {
    this.stopped = true;
  }
}

export class FakeStream {
  constructor(readonly tracks: FakeTrack[] = [new FakeTrack()]) {}

  getTracks(): FakeTrack[] {
    return this.tracks;
  }

  getAudioTracks(): FakeTrack[] {
    return this.tracks;
  }
}

export class FakeSender {
  constructor(public track: FakeTrack | null) {}

  async replaceTrack(track: FakeTrack | null): Promise<void> {
    this.track = track;
  }
}

/** The offer the fake connection makes, before any ICE candidate is in it. */
export const OFFER_WITHOUT_CANDIDATES = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
export const CANDIDATE_LINE = 'a=candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host\r\n';

export class FakePeerConnection extends EventTarget {
  iceGatheringState: RTCIceGatheringState = 'new';
  localDescription: { type: RTCSdpType; sdp: string } | null = null;
  readonly added: Array<{ track: FakeTrack; stream: FakeStream }> = [];
  readonly senders: FakeSender[] = [];
  readonly remoteDescriptions: RTCSessionDescriptionInit[] = [];
  closed = false;
  /** The far end's stream, delivered as a `track` event when the answer is set. */
  readonly remoteStream = new FakeStream();
  /** Whether ICE gathering finishes by itself right after the offer is set. */
  gathersAtOnce = true;
  remoteDescriptionResult: () => Promise<void> = async () => undefined;

  addTrack(track: FakeTrack, stream: FakeStream): void {
    this.added.push({ track, stream });
    this.senders.push(new FakeSender(track));
  }

  getSenders(): FakeSender[] {
    return this.senders;
  }

  async createOffer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'offer', sdp: OFFER_WITHOUT_CANDIDATES };
  }

  async setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.localDescription = { type: description.type ?? 'offer', sdp: description.sdp ?? '' };
    this.iceGatheringState = 'gathering';
    if (this.gathersAtOnce) queueMicrotask(() => this.finishGathering());
  }

  /** Adds a host candidate to the offer and reports gathering complete, as a browser does. */
  finishGathering(): void {
    if (this.localDescription === null || this.iceGatheringState === 'complete') return;
    this.localDescription = { ...this.localDescription, sdp: this.localDescription.sdp + CANDIDATE_LINE };
    this.iceGatheringState = 'complete';
    this.dispatchEvent(new Event('icegatheringstatechange'));
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescriptions.push(description);
    await this.remoteDescriptionResult();
    const track = this.remoteStream.tracks[0];
    this.dispatchEvent(Object.assign(new Event('track'), { track, streams: [this.remoteStream] }));
  }

  close(): void {
    this.closed = true;
  }
}

/** The browser as {@link MediaBrowser} sees it, recording what the page asked of it. */
export class FakeMediaBrowser implements MediaBrowser {
  readonly microphone = new FakeStream();
  readonly connections: FakePeerConnection[] = [];
  microphoneResult: () => Promise<FakeStream> = async () => this.microphone;
  /** Configures each connection as it is made. */
  onConnection: (connection: FakePeerConnection) => void = () => undefined;
  readonly document = document;
  readonly getMicrophone = vi.fn(async (_deviceId?: string) => (await this.microphoneResult()) as unknown as MediaStream);
  readonly fetch = vi.fn<typeof fetch>(async () => jsonResponse(202, { expiresInSeconds: 30 }));

  createPeerConnection(): RTCPeerConnection {
    const connection = new FakePeerConnection();
    this.onConnection(connection);
    this.connections.push(connection);
    return connection as unknown as RTCPeerConnection;
  }

  get connection(): FakePeerConnection | undefined {
    return this.connections[0];
  }

  /** The body of the n-th request the page sent. */
  postedBody(index = 0): unknown {
    const init = this.fetch.mock.calls[index]?.[1];
    return init?.body === undefined ? undefined : JSON.parse(String(init.body));
  }
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A `DOMException` as getUserMedia rejects with. */
export function mediaError(name: string): DOMException {
  return new DOMException(`${name} (from the browser)`, name);
}
