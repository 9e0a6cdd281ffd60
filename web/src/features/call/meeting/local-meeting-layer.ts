/**
 * The meeting layer of the local stack: no media service runs offline, so the call's progress comes
 * from the stack's server-sent events of the meeting (`GET {localEventsUrl}?meetingId=...`).
 */
import type { DialResponse } from '../../../lib/api-client';
import { toAudioDevices, type AudioDevices, type EndReason, type MeetingEvent, type MeetingLayer } from './meeting-layer';

/** The local stack's `call-status` event. */
interface CallStatusEvent {
  transactionId?: string;
  status: 'ringing' | 'connected' | 'ended';
  reason?: EndReason;
}

const END_REASONS: readonly string[] = ['hangup', 'busy', 'no-answer', 'failed'];

export type EventSourceFactory = (url: string) => EventSource;

export class LocalMeetingLayer implements MeetingLayer {
  readonly notice =
    'Local stack: the call is simulated and carries no audio. Audio needs the Amazon Chime SDK media service of a deployment.';

  private source: EventSource | undefined;
  private ended = false;

  constructor(
    private readonly eventsUrl: string,
    private readonly openEvents: EventSourceFactory = (url) => new EventSource(url),
  ) {}

  join(call: DialResponse, onEvent: (event: MeetingEvent) => void): Promise<void> {
    const meetingId = call.meeting.Meeting.MeetingId;
    // attendeeId marks this page's attendee present in the meeting while the stream is open.
    const query = new URLSearchParams({ meetingId, attendeeId: call.attendee.Attendee.AttendeeId });
    const url = `${this.eventsUrl}${this.eventsUrl.includes('?') ? '&' : '?'}${query}`;
    const source = this.openEvents(url);
    this.source = source;
    const end = (event: MeetingEvent & { type: 'ended' }) => {
      if (this.ended) return;
      this.ended = true;
      source.close();
      onEvent(event);
    };

    source.addEventListener('call-status', (message) => {
      const status = parseJson<CallStatusEvent>(message);
      if (status === undefined) return;
      if (status.transactionId !== undefined && status.transactionId !== call.transactionId) return;
      if (status.status === 'ringing') onEvent({ type: 'ringing' });
      else if (status.status === 'connected') onEvent({ type: 'connected' });
      else if (status.status === 'ended') {
        const reason = status.reason !== undefined && END_REASONS.includes(status.reason) ? status.reason : undefined;
        end(reason === undefined ? { type: 'ended' } : { type: 'ended', reason });
      }
    });
    source.addEventListener('meeting-ended', () => end({ type: 'ended' }));

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
          reject(new Error('the local stack\'s meeting events could not be reached'));
        } else if (source.readyState === 2 /* EventSource.CLOSED */) {
          end({ type: 'ended', reason: 'failed', detail: 'The connection to the call was lost.' });
        }
        // Otherwise the browser reconnects by itself.
      };
    });
  }

  setMuted(): void {
    // Nothing is sent offline; the page still shows the state.
  }

  async listDevices(): Promise<AudioDevices> {
    const devices = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
    return {
      microphones: toAudioDevices(devices.filter((d) => d.kind === 'audioinput'), 'Microphone'),
      speakers: toAudioDevices(devices.filter((d) => d.kind === 'audiooutput'), 'Speaker'),
      canChooseSpeaker: true,
    };
  }

  async chooseMicrophone(): Promise<void> {}

  async chooseSpeaker(): Promise<void> {}

  async leave(): Promise<void> {
    this.ended = true;
    this.source?.close();
  }
}

function parseJson<T>(message: Event): T | undefined {
  try {
    return JSON.parse((message as MessageEvent<string>).data) as T;
  } catch {
    return undefined;
  }
}
