/**
 * Runs one call at a time: asks the API for it, joins its meeting, follows its progress, sends
 * digits and hangs up. It only reports what happens through `dispatch`; the page renders the state.
 */
import { DEFAULT_CALLER_JOIN_TIMEOUT_SECONDS } from '../../config/app-config';
import { ApiError, type ApiClient, type CallRecord } from '../../lib/api-client';
import type { PageError } from '../../lib/page-error';
import { CallProgressPoller, endReasonOf, type CallEndReason, type CallProgressPollerOptions } from './call-progress';
import type { CallAction } from './call-state';
import { MAX_DIGITS, digitsProblem } from './dtmf';
import type { MeetingEvent, MeetingLayer, MeetingLayerFactory } from './meeting/meeting-layer';
import { MicrophoneUnavailable } from './meeting/microphone';

/**
 * How long joining a call's meeting may take, unless the page is told otherwise (`joinTimeoutMs`, from
 * `config.json` `callerJoinTimeoutSeconds`). The Chime SDK keeps retrying a media service it cannot
 * reach; a caller should not be left at "Connecting…". The server waits as long for the caller before
 * it gives the call up (the stack's `CallerJoinTimeoutSeconds`), so the phone never rings for a page
 * that has already given up, and the page never waits for a call the server has already ended.
 */
export const JOIN_TIMEOUT_MS = DEFAULT_CALLER_JOIN_TIMEOUT_SECONDS * 1000;

/**
 * How long after this page's call ended a dial still waits for the server to release that call,
 * instead of saying that another call is in progress: the end reaches the server's ledger through the
 * SMA's hang-up event, a moment after the page has seen it.
 */
export const PREVIOUS_CALL_RELEASE_MS = 10_000;

/**
 * When the meeting says the call is over, the server is asked why this often, this far apart, before
 * the page settles for what the meeting knows: the server records the end before it deletes the meeting.
 */
export const END_CONFIRM_READS = 3;

/** Waits between the attempts of one hang-up: about 15 s in all, through a short network outage. */
export const HANG_UP_RETRY_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000];
export const END_CONFIRM_INTERVAL_MS = 500;

export interface CallControllerOptions {
  api: Pick<ApiClient, 'dial' | 'update' | 'endWhileLeaving' | 'callStatus'>;
  createMeetingLayer: MeetingLayerFactory;
  dispatch: (action: CallAction) => void;
  now?: () => number;
  /** How long the meeting's audio may take to connect (default {@link JOIN_TIMEOUT_MS}). */
  joinTimeoutMs?: number;
  /** Waits between the reads that confirm an end (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
  /** The timers of the call-progress reads (tests pass manual ones). */
  progressTimers?: Pick<CallProgressPollerOptions, 'setTimer' | 'clearTimer'>;
}

export class CallController {
  private readonly api: CallControllerOptions['api'];
  private readonly createMeetingLayer: MeetingLayerFactory;
  private readonly dispatch: (action: CallAction) => void;
  private readonly now: () => number;
  private readonly joinTimeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly progressTimers: Pick<CallProgressPollerOptions, 'setTimer' | 'clearTimer'>;

  private layer: MeetingLayer | undefined;
  private transactionId: string | undefined;
  /** Whether the current call has not ended yet, as far as this page knows. */
  private live = false;
  private pendingDigits = '';
  private sendingDigits = false;
  /** When this page's last call ended, as far as it knows. */
  private lastEndedAt: number | undefined;
  /** The press of Dial being placed (`/dial` not answered yet); cleared when it is given up. */
  private dialling: object | undefined;
  /** Reads the live call's record from the server. */
  private progress: CallProgressPoller | undefined;
  /** What the page ended while it was being hidden, to show if it comes back (back/forward cache). */
  private leftWhilePageClosed: 'call' | 'dialling' | undefined;

  constructor(options: CallControllerOptions) {
    this.api = options.api;
    this.createMeetingLayer = options.createMeetingLayer;
    this.dispatch = options.dispatch;
    this.now = options.now ?? Date.now;
    this.joinTimeoutMs = options.joinTimeoutMs ?? JOIN_TIMEOUT_MS;
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    this.progressTimers = options.progressTimers ?? {};
  }

  get meetingLayer(): MeetingLayer | undefined {
    return this.layer;
  }

  async dial(toNumber: string): Promise<void> {
    if (this.live || this.dialling !== undefined) return;
    const attempt = {};
    this.dialling = attempt;
    const cancelled = () => this.dialling !== attempt;
    this.dispatch({ type: 'dial-requested' });
    let layer: MeetingLayer;
    try {
      layer = await this.createMeetingLayer();
    } catch (error) {
      if (cancelled()) return;
      this.dialling = undefined;
      this.dispatch({ type: 'dial-refused', error: pageError(error) });
      return;
    }
    if (cancelled()) {
      await layer.leave().catch(() => undefined);
      return;
    }
    this.layer = layer;
    // The microphone first: a call the caller cannot speak into rings nobody.
    try {
      await layer.takeMicrophone();
    } catch (error) {
      if (!cancelled()) await this.refuseDial(layer, microphoneError(error));
      return;
    }
    if (cancelled()) return;
    // Before the dial: the local stack's audio offer must be waiting when the call reaches the PBX.
    await layer.prepare?.();
    if (cancelled()) return;
    let call;
    try {
      // A call this page ended a moment ago may still hold the user's slot on the server.
      call = await this.api.dial(toNumber.trim(), this.lastEndedAt === undefined
        ? {}
        : { previousCallReleasedBy: this.lastEndedAt + PREVIOUS_CALL_RELEASE_MS });
    } catch (error) {
      if (!cancelled()) await this.refuseDial(layer, pageError(error));
      return;
    }
    if (cancelled()) {
      // The page gave the call up while it was being placed: it must not ring on without anyone.
      await this.api.update(call.transactionId, { update: 'end' }).catch(() => undefined);
      return;
    }
    this.dialling = undefined;
    this.live = true;
    this.transactionId = call.transactionId;
    this.pendingDigits = '';
    this.dispatch({ type: 'dial-accepted', transactionId: call.transactionId, toNumber: call.toNumber });
    const transactionId = call.transactionId;
    this.progress = new CallProgressPoller({
      read: () => this.api.callStatus(transactionId),
      onRecord: (record) => this.onCallRecord(layer, record),
      ...this.progressTimers,
    });
    this.progress.start();
    try {
      await withTimeout(
        layer.join(call, (event) => this.onMeetingEvent(layer, event)),
        this.joinTimeoutMs,
        `its audio did not connect within ${Math.round(this.joinTimeoutMs / 1000)} seconds`,
      );
      if (this.live && this.layer === layer) this.dispatch({ type: 'meeting-joined' });
    } catch (error) {
      if (!this.live) return;
      await this.endOnServer();
      await this.finish({
        reason: 'failed',
        detail: `The page could not join the call: ${error instanceof Error ? error.message : String(error)}.`,
      });
    }
  }

  /** The press of Dial failed before a call was placed: release what it took and say why. */
  private async refuseDial(layer: MeetingLayer, error: PageError): Promise<void> {
    this.dialling = undefined;
    this.layer = undefined;
    await layer.leave().catch(() => undefined);
    this.dispatch({ type: 'dial-refused', error });
  }

  /** Queues digits; they are sent in order, several at once when typed faster than they are sent. */
  sendDigits(digits: string): void {
    if (!this.live) return;
    const problem = digitsProblem(digits);
    if (problem !== undefined) {
      this.dispatch({ type: 'failed', error: { code: 'digits_invalid', message: `Those digits cannot be sent: ${problem}.` } });
      return;
    }
    this.pendingDigits += digits.toUpperCase();
    void this.flushDigits();
  }

  setMuted(muted: boolean): void {
    if (!this.live) return;
    this.layer?.setMuted(muted);
    this.dispatch({ type: 'muted', muted });
  }

  /** Ends the call; while it is still being placed, gives it up instead (Cancel). */
  async hangUp(): Promise<void> {
    if (!this.live) {
      if (this.dialling === undefined) return;
      await this.abandonDialling();
      this.dispatch({ type: 'dial-cancelled' });
      return;
    }
    this.dispatch({ type: 'hang-up-requested' });
    if (await this.endOnServer()) {
      await this.finish({ reason: 'hangup' });
    } else if (this.live) {
      // The call may still be going on: say so, and let the caller try again.
      this.dispatch({ type: 'hang-up-failed' });
    }
  }

  dismissError(): void {
    this.dispatch({ type: 'error-dismissed' });
  }

  /** The browser went offline or came back: the call goes on, the page says so. */
  networkChanged(online: boolean): void {
    if (this.live) this.dispatch({ type: 'connection', quality: online ? 'good' : 'offline' });
  }

  /**
   * The page came back from the browser's back/forward cache: whatever was live when it was hidden
   * was ended then ({@link leaveWhilePageCloses}), so the page must not show it live any more.
   */
  restoredFromCache(): void {
    const left = this.leftWhilePageClosed;
    this.leftWhilePageClosed = undefined;
    if (left === 'call') this.dispatch({ type: 'ended', at: this.now(), reason: 'caller-left' });
    if (left === 'dialling') this.dispatch({ type: 'dial-cancelled' });
  }

  /** The page is going away: end the call without waiting for anything. */
  leaveWhilePageCloses(): void {
    if (!this.live) {
      if (this.dialling !== undefined) this.leftWhilePageClosed = 'dialling';
      void this.abandonDialling();
      return;
    }
    if (this.transactionId === undefined) return;
    this.leftWhilePageClosed = 'call';
    this.progress?.stop();
    this.progress = undefined;
    this.live = false;
    this.api.endWhileLeaving(this.transactionId);
    const layer = this.layer;
    this.layer = undefined;
    void layer?.leave();
  }

  /** Releases what a call being dialled has taken (the microphone); the call itself is then not placed or ended. */
  private async abandonDialling(): Promise<void> {
    this.dialling = undefined;
    const layer = this.layer;
    if (layer === undefined) return;
    this.layer = undefined;
    await layer.leave().catch(() => undefined);
  }

  private onMeetingEvent(layer: MeetingLayer, event: MeetingEvent): void {
    if (layer !== this.layer || !this.live) return;
    switch (event.type) {
      case 'ringing':
        this.dispatch({ type: 'ringing' });
        break;
      case 'connection':
        this.dispatch({ type: 'connection', quality: event.quality });
        break;
      case 'ended':
        void this.meetingEnded(event);
        break;
    }
  }

  /** The server's record of the live call: the source of the answer and of the reason it ended. */
  private onCallRecord(layer: MeetingLayer, record: CallRecord): void {
    if (layer !== this.layer || !this.live) return;
    if (record.answeredAt !== null) {
      const answered = Date.parse(record.answeredAt);
      this.dispatch({ type: 'connected', at: Number.isNaN(answered) ? this.now() : answered });
    } else if (record.status === 'ringing') {
      this.dispatch({ type: 'ringing' });
    }
    if (record.status === 'ended') {
      const reason = endReasonOf(record.reason);
      void this.finish(reason === undefined ? {} : { reason });
    }
  }

  private async meetingEnded(event: MeetingEvent & { type: 'ended' }): Promise<void> {
    // A failure on this side (audio lost) may leave the phone leg up: make sure it goes too.
    if (event.reason === 'failed') await this.endOnServer();
    // The meeting knows that the call is over; the server knows why.
    for (let read = 1; read <= END_CONFIRM_READS && this.live; read++) {
      const record = await this.progress?.readNow();
      if (record?.status === 'ended' || !this.live) return;
      if (read < END_CONFIRM_READS) await this.sleep(END_CONFIRM_INTERVAL_MS);
    }
    await this.finish({
      ...(event.reason !== undefined && { reason: event.reason }),
      ...(event.detail !== undefined && { detail: event.detail }),
    });
  }

  private async flushDigits(): Promise<void> {
    if (this.sendingDigits) return;
    this.sendingDigits = true;
    try {
      while (this.live && this.pendingDigits !== '' && this.transactionId !== undefined) {
        const batch = this.pendingDigits.slice(0, MAX_DIGITS);
        this.pendingDigits = this.pendingDigits.slice(batch.length);
        try {
          await this.api.update(this.transactionId, { update: 'digits', digits: batch });
          this.dispatch({ type: 'digits-sent', digits: batch });
        } catch (error) {
          this.pendingDigits = '';
          this.dispatch({ type: 'failed', error: pageError(error) });
        }
      }
    } finally {
      this.sendingDigits = false;
    }
  }

  /**
   * Asks the server to end the call, again after a network failure, a throttle or a server error (each
   * attempt with a fresh token), until it accepts or says the call is already over.
   * @returns whether the call is ended on the server
   */
  private async endOnServer(): Promise<boolean> {
    const transactionId = this.transactionId;
    if (transactionId === undefined) return true;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.api.update(transactionId, { update: 'end' });
        return true;
      } catch (error) {
        // A call the server no longer knows has already ended.
        if (error instanceof ApiError && error.code === 'call_not_found') return true;
        const delay = HANG_UP_RETRY_DELAYS_MS[attempt];
        if (delay === undefined || !isWorthRetryingHangUp(error)) {
          this.dispatch({ type: 'failed', error: pageError(error) });
          return false;
        }
        await this.sleep(delay);
        if (!this.live) return true;
      }
    }
  }

  private async finish(end: { reason?: CallEndReason; detail?: string }): Promise<void> {
    if (!this.live) return;
    this.live = false;
    this.progress?.stop();
    this.progress = undefined;
    this.pendingDigits = '';
    const layer = this.layer;
    this.layer = undefined;
    this.lastEndedAt = this.now();
    await layer?.leave().catch(() => undefined);
    this.dispatch({ type: 'ended', at: this.lastEndedAt, ...end });
  }
}

function isWorthRetryingHangUp(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);
}

function withTimeout<T>(work: Promise<T>, ms: number, why: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(why)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Code of the page's refusal to dial without a microphone. */
export const MICROPHONE_UNAVAILABLE = 'microphone_unavailable';

function microphoneError(error: unknown): PageError {
  if (!(error instanceof MicrophoneUnavailable)) return pageError(error);
  return {
    code: MICROPHONE_UNAVAILABLE,
    message: `No call was placed: ${error.message}. Let this site use your microphone (the icon in the address bar `
      + 'shows the permission), check that one is connected, then press Dial again.',
  };
}

/** Any failure as something to show a person. */
export function pageError(error: unknown): PageError {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return {
    code: 'unexpected',
    message: `Something went wrong: ${error instanceof Error ? error.message : String(error)}`,
  };
}
