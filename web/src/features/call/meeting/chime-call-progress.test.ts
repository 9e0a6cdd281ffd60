import { beforeEach, describe, expect, it } from 'vitest';
import { ChimeCallProgress } from './chime-call-progress';
import type { MeetingEvent } from './meeting-layer';

describe('ChimeCallProgress', () => {
  let events: MeetingEvent[];
  let progress: ChimeCallProgress;

  beforeEach(() => {
    events = [];
    progress = new ChimeCallProgress('me', (event) => events.push(event));
  });

  it('rings when the phone leg joins, and leaves the answer to the server', () => {
    expect(progress.attendeePresence('me', true)).toBe(false);
    expect(progress.attendeePresence('phone', true)).toBe(true);

    expect(events).toEqual([{ type: 'ringing' }]);
  });

  it('ignores content shares and later attendees', () => {
    progress.attendeePresence('phone', true);

    expect(progress.attendeePresence('me#content', true)).toBe(false);
    expect(progress.attendeePresence('someone-else', true)).toBe(false);
    progress.attendeePresence('someone-else', false);

    expect(events).toEqual([{ type: 'ringing' }]);
  });

  it('gives no reason when the phone leg leaves: the server knows it', () => {
    progress.attendeePresence('phone', true);

    progress.attendeePresence('phone', false);

    expect(events.at(-1)).toEqual({ type: 'ended' });
  });

  it('reads a dropped phone leg as a failure', () => {
    progress.attendeePresence('phone', true);

    progress.attendeePresence('phone', false, true);

    expect(events.at(-1)).toEqual({ type: 'ended', reason: 'failed', detail: 'The phone line dropped.' });
  });

  it('ends once when the meeting ends after the phone leg left', () => {
    progress.attendeePresence('phone', true);
    progress.attendeePresence('phone', false);

    progress.sessionStopped({ kind: 'meeting-ended' });

    expect(events.filter((event) => event.type === 'ended')).toHaveLength(1);
  });

  it('reads the meeting ending as the end of the call', () => {
    progress.attendeePresence('phone', true);

    progress.sessionStopped({ kind: 'meeting-ended' });

    expect(events.at(-1)).toEqual({ type: 'ended' });
  });

  it('says which status stopped the audio', () => {
    progress.sessionStopped({ kind: 'failed', status: 'AudioServiceUnavailable' });

    expect(events).toEqual([{ type: 'ended', reason: 'failed', detail: 'The audio connection failed (AudioServiceUnavailable).' }]);
  });

  it('reports nothing when this page left', () => {
    progress.attendeePresence('phone', true);

    progress.sessionStopped({ kind: 'left' });

    expect(events).toEqual([{ type: 'ringing' }]);
  });
});
