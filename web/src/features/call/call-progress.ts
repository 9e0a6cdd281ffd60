/**
 * The call's progress as the server records it: `GET /calls/{transactionId}` (docs/CALL-LEDGER.md),
 * read while the call is live, in both meeting layers. The meeting only gives early hints (ringing,
 * the meeting gone); whether the far end answered, and why the call ended, come from here.
 */
import type { CallRecord } from '../../lib/api-client';

/** Why a call ended, in the page's words (the server's reasons, and the meeting's where it knows). */
export type CallEndReason =
  | 'hangup'
  | 'busy'
  | 'no-answer'
  | 'failed'
  | 'callee-hung-up'
  | 'caller-hung-up'
  | 'time-limit'
  | 'caller-left'
  | 'caller-never-joined'
  | 'stuck';

const SERVER_REASONS: ReadonlySet<string> = new Set<CallEndReason>([
  'busy', 'no-answer', 'failed', 'callee-hung-up', 'caller-hung-up', 'time-limit', 'caller-left', 'caller-never-joined', 'stuck',
]);

/** The server's reason as the page knows it; a reason added to the server later reads as undefined (neutral words). */
export function endReasonOf(reason: string | null): CallEndReason | undefined {
  return reason !== null && SERVER_REASONS.has(reason) ? (reason as CallEndReason) : undefined;
}

/**
 * Polling budget (docs/CALL-LEDGER.md, "Polling budget"): about once a second while the phone rings,
 * every 5 s once it is answered, backing off to 10 s while the server cannot be read.
 */
export const POLL_WHILE_RINGING_MS = 1_000;
export const POLL_WHILE_CONNECTED_MS = 5_000;
export const LONGEST_POLL_BACKOFF_MS = 10_000;

export function nextPollDelay(last: CallRecord['status'] | undefined, failuresInARow: number): number {
  if (failuresInARow > 0) return Math.min(POLL_WHILE_RINGING_MS * 2 ** failuresInARow, LONGEST_POLL_BACKOFF_MS);
  return last === 'connected' ? POLL_WHILE_CONNECTED_MS : POLL_WHILE_RINGING_MS;
}

export interface CallProgressPollerOptions {
  read: () => Promise<CallRecord>;
  onRecord: (record: CallRecord) => void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * Reads the call's record until it is `ended` or {@link stop} is called. A failed read (including the
 * 404 of an index that has not caught up with a new call) is tried again with backoff.
 */
export class CallProgressPoller {
  private readonly read: () => Promise<CallRecord>;
  private readonly onRecord: (record: CallRecord) => void;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;
  private timer: unknown;
  private stopped = false;
  private last: CallRecord['status'] | undefined;
  private failuresInARow = 0;

  constructor(options: CallProgressPollerOptions) {
    this.read = options.read;
    this.onRecord = options.onRecord;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  start(): void {
    this.schedule(POLL_WHILE_RINGING_MS);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer(this.timer);
  }

  /** Reads the record at once (the meeting hinted at a change); `undefined` when it cannot be read. */
  async readNow(): Promise<CallRecord | undefined> {
    try {
      const record = await this.read();
      this.failuresInARow = 0;
      this.last = record.status;
      if (!this.stopped) this.onRecord(record);
      return record;
    } catch {
      this.failuresInARow++;
      return undefined;
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.setTimer(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    await this.readNow();
    if (this.last === 'ended') return;
    this.schedule(nextPollDelay(this.last, this.failuresInARow));
  }
}
