/**
 * The meeting layer of the local stack: no media service runs offline, so the call's progress comes
 * from the stack's server-sent events of the meeting (`GET {localEventsUrl}?meetingId=...`). With
 * the stack's signalling (`localJoinUrl`, `localLeaveUrl`) the page joins the meeting as the caller's
 * attendee first, and is present while the stream is open: see {@link StackSignalling}.
 * When the stack relays WebRTC offers (`localMediaUrl`), the caller's audio goes straight to the
 * agent's softphone page: see {@link RelayedAudio}.
 */
import type { DialResponse } from '../../../lib/api-client';
import { toAudioDevices, type AudioDevices, type EndReason, type MeetingEvent, type MeetingLayer } from './meeting-layer';
import { getBrowserMicrophone, stopTracks, takeMicrophone, type GetMicrophone } from './microphone';
import type { RelayedAudio } from './relayed-audio';
import type { LocalSignalling } from './local-signalling';

/** The local stack's `call-status` event. */
interface CallStatusEvent {
  transactionId?: string;
  status: 'ringing' | 'connected' | 'ended';
  reason?: EndReason;
}

const END_REASONS: readonly string[] = ['hangup', 'busy', 'no-answer', 'failed'];

export type EventSourceFactory = (url: string) => EventSource;

/** The local stack's `media-answer` event: the softphone's answer to the page's offer. */
interface MediaAnswerEvent {
  sdp?: unknown;
}

export const SIMULATED_NOTICE =
  'Local stack: the call is simulated and carries no audio. Audio needs the Amazon Chime SDK media service of a deployment.';
export const RELAYED_NOTICE =
  "Local stack: you and the agent's softphone page hear each other once it answers; calls to other numbers carry no audio.";

export class LocalMeetingLayer implements MeetingLayer {
  private source: EventSource | undefined;
  private ended = false;
  /** This page's session in the meeting, until it leaves. */
  private session: string | undefined;
  private stopLeavingOnPageHide: (() => void) | undefined;

  constructor(
    private readonly eventsUrl: string,
    private readonly openEvents: EventSourceFactory = (url) => new EventSource(url),
    /** The caller's audio, when the stack relays it (`localMediaUrl`). */
    private readonly audio?: RelayedAudio,
    /** The microphone a simulated call holds, as a real one would (tests pass a fake). */
    private readonly getMicrophone: GetMicrophone = getBrowserMicrophone,
    /** Joining and leaving the meeting; without it the page only watches the meeting's events. */
    private readonly signalling?: LocalSignalling,
  ) {}

  /** Held by a simulated call, so that it asks for the microphone when a real call would. */
  private microphone: MediaStream | undefined;

  async takeMicrophone(): Promise<void> {
    if (this.audio !== undefined) {
      await this.audio.takeMicrophone();
      return;
    }
    this.microphone ??= await takeMicrophone(this.getMicrophone, undefined, () => this.ended);
  }

  get notice(): string {
    if (this.audio === undefined) return SIMULATED_NOTICE;
    const problem = this.audio.problem;
    return problem === undefined ? RELAYED_NOTICE : `No audio: ${problem}. The call goes ahead without it.`;
  }

  async prepare(): Promise<void> {
    await this.audio?.offer();
  }

  async join(call: DialResponse, onEvent: (event: MeetingEvent) => void): Promise<void> {
    const meetingId = call.meeting.Meeting.MeetingId;
    if (this.signalling !== undefined) {
      const session = await this.signalling.join(meetingId, call.attendee.Attendee.JoinToken);
      if (this.ended) {
        this.signalling.leave(session);
        return;
      }
      this.session = session;
      // A closed tab sends no request of its own: the beacon tells the stack at once.
      this.stopLeavingOnPageHide = this.signalling.leaveOnPageHide(session, () => this.source?.close());
    }
    // The session makes this page's attendee present while the stream is open.
    const query = new URLSearchParams({ meetingId, ...(this.session !== undefined && { session: this.session }) });
    const url = `${this.eventsUrl}${this.eventsUrl.includes('?') ? '&' : '?'}${query}`;
    const source = this.openEvents(url);
    this.source = source;
    const end = (event: MeetingEvent & { type: 'ended' }) => {
      if (this.ended) return;
      this.ended = true;
      source.close();
      this.leaveMeeting();
      this.audio?.close();
      onEvent(event);
    };

    source.addEventListener('call-status', (message) => {
      const status = parseJson<CallStatusEvent>(message);
      if (status === undefined) return;
      if (status.transactionId !== undefined && status.transactionId !== call.transactionId) return;
      // 'connected' is left to the server's call record (GET /calls), as in a deployment.
      if (status.status === 'ringing') onEvent({ type: 'ringing' });
      else if (status.status === 'ended') {
        const reason = status.reason !== undefined && END_REASONS.includes(status.reason) ? status.reason : undefined;
        end(reason === undefined ? { type: 'ended' } : { type: 'ended', reason });
      }
    });
    source.addEventListener('meeting-ended', () => end({ type: 'ended' }));
    source.addEventListener('media-answer', (message) => {
      if (this.ended) return;
      const answer = parseJson<MediaAnswerEvent>(message);
      if (answer !== undefined && typeof answer.sdp === 'string') void this.audio?.answer(answer.sdp);
    });

    return new Promise((resolve, reject) => {
      let opened = false;
      source.onopen = () => {
        opened = true;
        resolve();
      };
      source.onerror = () => {
        if (this.ended) return;
        if (!opened) {
          source.close();
          this.leaveMeeting();
          reject(new Error('the local stack\'s meeting events could not be reached'));
        } else if (source.readyState === 2 /* EventSource.CLOSED */) {
          end({ type: 'ended', reason: 'failed', detail: 'The connection to the call was lost.' });
        }
        // Otherwise the browser reconnects by itself.
      };
    });
  }

  /** Tells the stack this page's attendee left, once. */
  private leaveMeeting(): void {
    this.stopLeavingOnPageHide?.();
    this.stopLeavingOnPageHide = undefined;
    if (this.session !== undefined) this.signalling?.leave(this.session);
    this.session = undefined;
  }

  setMuted(muted: boolean): void {
    // Without relayed audio nothing is sent; the page still shows the state.
    this.audio?.setMuted(muted);
  }

  async listDevices(): Promise<AudioDevices> {
    const devices = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
    return {
      microphones: toAudioDevices(devices.filter((d) => d.kind === 'audioinput'), 'Microphone'),
      speakers: toAudioDevices(devices.filter((d) => d.kind === 'audiooutput'), 'Speaker'),
      canChooseSpeaker: this.audio?.canChooseSpeaker ?? true,
    };
  }

  async chooseMicrophone(deviceId: string): Promise<void> {
    await this.audio?.chooseMicrophone(deviceId);
  }

  async chooseSpeaker(deviceId: string): Promise<void> {
    await this.audio?.chooseSpeaker(deviceId);
  }

  async leave(): Promise<void> {
    this.ended = true;
    this.source?.close();
    this.leaveMeeting();
    this.audio?.close();
    if (this.microphone !== undefined) stopTracks(this.microphone);
    this.microphone = undefined;
  }
}

export type { LocalSignalling } from './local-signalling';

function parseJson<T>(message: Event): T | undefined {
  try {
    return JSON.parse((message as MessageEvent<string>).data) as T;
  } catch {
    return undefined;
  }
}
