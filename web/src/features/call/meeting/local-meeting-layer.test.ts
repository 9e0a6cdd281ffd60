import { describe, expect, it } from 'vitest';
import { dialResponse } from '../testing/fakes';
import { LocalMeetingLayer } from './local-meeting-layer';
import type { MeetingEvent } from './meeting-layer';

/** Enough of EventSource to play a local stack's stream. */
class FakeEventSource extends EventTarget {
  static readonly CLOSED = 2;
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;

  constructor(readonly url: string) {
    super();
  }

  open() {
    this.readyState = 1;
    this.onopen?.();
  }

  send(type: string, data: unknown) {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
  }

  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
}

async function joined() {
  let source: FakeEventSource | undefined;
  const layer = new LocalMeetingLayer('http://127.0.0.1:8080/local/events', (url) => {
    source = new FakeEventSource(url);
    return source as unknown as EventSource;
  });
  const events: MeetingEvent[] = [];
  const joining = layer.join(dialResponse(), (event) => events.push(event));
  source!.open();
  await joining;
  return { layer, source: source!, events };
}

describe('LocalMeetingLayer', () => {
  it("listens to the meeting's events as the caller's attendee", async () => {
    const { source } = await joined();
    expect(source.url).toBe('http://127.0.0.1:8080/local/events?meetingId=meeting-1&attendeeId=attendee-1');
  });

  it('turns call-status events into call progress', async () => {
    const { source, events } = await joined();

    source.send('attendee-joined', { attendeeId: 'phone', externalUserId: 'sma' });
    source.send('call-status', { transactionId: 'tx-1', status: 'ringing' });
    source.send('call-status', { transactionId: 'tx-1', status: 'connected' });
    source.send('call-status', { transactionId: 'tx-1', status: 'ended', reason: 'busy' });

    expect(events).toEqual([{ type: 'ringing' }, { type: 'connected' }, { type: 'ended', reason: 'busy' }]);
    expect(source.closed).toBe(true);
  });

  it('ignores other calls and unknown reasons', async () => {
    const { source, events } = await joined();

    source.send('call-status', { transactionId: 'tx-other', status: 'connected' });
    source.send('call-status', { transactionId: 'tx-1', status: 'ended', reason: 'cosmic-rays' });

    expect(events).toEqual([{ type: 'ended' }]);
  });

  it('ends the call once when the meeting ends', async () => {
    const { source, events } = await joined();

    source.send('meeting-ended', { meetingId: 'meeting-1' });
    source.send('call-status', { transactionId: 'tx-1', status: 'ended', reason: 'hangup' });

    expect(events).toEqual([{ type: 'ended' }]);
  });

  it('fails to join when the events cannot be reached', async () => {
    let source: FakeEventSource | undefined;
    const layer = new LocalMeetingLayer('http://127.0.0.1:8080/local/events', (url) => {
      source = new FakeEventSource(url);
      return source as unknown as EventSource;
    });
    const joining = layer.join(dialResponse(), () => undefined);
    source!.onerror?.();
    await expect(joining).rejects.toThrow("meeting events could not be reached");
  });

  it('says that the call carries no audio', () => {
    expect(new LocalMeetingLayer('http://x').notice).toContain('Audio needs the Amazon Chime SDK media service');
  });
});
