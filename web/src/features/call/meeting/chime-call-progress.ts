/**
 * How a call's progress is read from its Chime SDK meeting, which knows nothing of phone calls:
 * - the SMA's phone leg joins the meeting as a second attendee once the meeting answers it, and then
 *   bridges to the number: its presence means the far end is ringing;
 * - the phone attendee leaving, or the meeting ending (`audioVideoDidStop` with
 *   `MeetingSessionStatusCode.MeetingEnded`, since the SMA handler deletes the meeting when either
 *   leg hangs up), ends the call; a dropped attendee or any other stop is a failure.
 *
 * Whether the far end answered, and why a call ended, are the server's to say (`GET /calls`): a
 * callee who answers in silence is connected all the same.
 *
 * Kept apart from the SDK so every rule is a plain function call in a test.
 */
import type { MeetingEvent } from './meeting-layer';

/** How the audio of a meeting session stopped, reduced to what matters for the call. */
export type SessionStop =
  /** This page left. */
  | { kind: 'left' }
  /** The meeting was deleted or this page's attendee removed: the call is over. */
  | { kind: 'meeting-ended' }
  | { kind: 'failed'; status: string };

export class ChimeCallProgress {
  private phoneAttendeeId: string | undefined;
  private ended = false;

  constructor(
    private readonly ownAttendeeId: string,
    private readonly emit: (event: MeetingEvent) => void,
  ) {}

  /** @returns whether the attendee is the phone leg */
  attendeePresence(attendeeId: string, present: boolean, dropped = false): boolean {
    // Content shares join as "<attendee>#content"; only the phone leg matters.
    if (attendeeId === this.ownAttendeeId || attendeeId.includes('#')) return false;
    if (present && this.phoneAttendeeId === undefined) {
      this.phoneAttendeeId = attendeeId;
      if (!this.ended) this.emit({ type: 'ringing' });
      return true;
    }
    if (!present && attendeeId === this.phoneAttendeeId) {
      if (dropped) this.end({ type: 'ended', reason: 'failed', detail: 'The phone line dropped.' });
      else this.end({ type: 'ended' });
    }
    return false;
  }

  sessionStopped(stop: SessionStop): void {
    switch (stop.kind) {
      case 'left':
        return;
      case 'meeting-ended':
        this.end({ type: 'ended' });
        return;
      case 'failed':
        this.end({ type: 'ended', reason: 'failed', detail: `The audio connection failed (${stop.status}).` });
    }
  }

  private end(event: MeetingEvent & { type: 'ended' }): void {
    if (this.ended) return;
    this.ended = true;
    this.emit(event);
  }
}
