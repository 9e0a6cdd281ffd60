/** Stand-ins for the API and the meeting layer, for tests of the call feature. */
import { vi } from 'vitest';
import { ApiError, type ApiClient, type CallRecord, type CallUpdate, type DialOptions, type DialResponse } from '../../../lib/api-client';
import type { AudioDevices, MeetingEvent, MeetingLayer } from '../meeting/meeting-layer';

export function dialResponse(overrides: Partial<DialResponse> = {}): DialResponse {
  return {
    meeting: { Meeting: { MeetingId: 'meeting-1', MediaRegion: 'us-east-1' } },
    attendee: { Attendee: { AttendeeId: 'attendee-1', ExternalUserId: 'user-1', JoinToken: 'token' } },
    transactionId: 'tx-1',
    toNumber: '+12065550100',
    ...overrides,
  };
}

export class FakeApi implements ApiClient {
  readonly dialled: string[] = [];
  readonly dialOptions: DialOptions[] = [];
  readonly updates: Array<{ transactionId: string } & CallUpdate> = [];
  readonly endedWhileLeaving: string[] = [];
  dialResult: () => Promise<DialResponse> = async () => dialResponse();
  updateResult: (update: CallUpdate) => Promise<void> = async () => undefined;
  /** The server's record of the call; by default it is not found (yet). */
  callStatusResult: (transactionId: string) => Promise<CallRecord> = async () => {
    throw new ApiError(404, 'call_not_found', 'There is no such call.');
  };
  readonly callStatusReads: string[] = [];

  async dial(toNumber: string, options: DialOptions = {}): Promise<DialResponse> {
    this.dialled.push(toNumber);
    this.dialOptions.push(options);
    return this.dialResult();
  }

  async update(transactionId: string, update: CallUpdate): Promise<void> {
    this.updates.push({ transactionId, ...update });
    return this.updateResult(update);
  }

  async callStatus(transactionId: string): Promise<CallRecord> {
    this.callStatusReads.push(transactionId);
    return this.callStatusResult(transactionId);
  }

  endWhileLeaving(transactionId: string): void {
    this.endedWhileLeaving.push(transactionId);
  }
}

export class FakeMeetingLayer implements MeetingLayer {
  readonly notice = 'Simulated call.';
  joinedWith: DialResponse | undefined;
  left = 0;
  muted: boolean | undefined;
  joinResult: () => Promise<void> = async () => undefined;
  prepareResult: () => Promise<void> = async () => undefined;
  readonly prepare = vi.fn(async () => this.prepareResult());
  microphoneResult: () => Promise<void> = async () => undefined;
  readonly takeMicrophone = vi.fn(async () => this.microphoneResult());
  private listener: ((event: MeetingEvent) => void) | undefined;
  readonly chooseMicrophone = vi.fn(async (_deviceId: string) => undefined);
  readonly chooseSpeaker = vi.fn(async (_deviceId: string) => undefined);

  async join(call: DialResponse, onEvent: (event: MeetingEvent) => void): Promise<void> {
    this.joinedWith = call;
    this.listener = onEvent;
    return this.joinResult();
  }

  /** Plays an event as the meeting would. */
  emit(event: MeetingEvent): void {
    this.listener?.(event);
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
  }

  async listDevices(): Promise<AudioDevices> {
    return {
      microphones: [{ deviceId: 'mic-1', label: 'Built-in microphone' }, { deviceId: 'mic-2', label: 'Headset microphone' }],
      speakers: [{ deviceId: 'spk-1', label: 'Built-in speaker' }],
      canChooseSpeaker: true,
    };
  }

  async leave(): Promise<void> {
    this.left++;
  }
}

/** A promise settled from outside, to hold an API answer back. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A call record as `GET /calls` answers it. */
export function callRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    transactionId: 'tx-1',
    status: 'ringing',
    reason: null,
    toNumber: '+12065550100',
    dialledAt: '2026-12-03T10:00:00.000Z',
    answeredAt: null,
    endedAt: null,
    ...overrides,
  };
}

/** Timers that run only when a test says so: {@link fire} runs what is due next and lets it settle. */
export class ManualTimers {
  private readonly pending = new Map<number, { run: () => void; ms: number }>();
  private next = 1;
  readonly delays: number[] = [];

  readonly setTimer = (run: () => void, ms: number): unknown => {
    const id = this.next++;
    this.pending.set(id, { run, ms });
    this.delays.push(ms);
    return id;
  };

  readonly clearTimer = (timer: unknown): void => {
    this.pending.delete(timer as number);
  };

  get waiting(): number {
    return this.pending.size;
  }

  async fire(): Promise<void> {
    const [id, timer] = [...this.pending.entries()][0] ?? [];
    if (id === undefined || timer === undefined) throw new Error('no timer is waiting');
    this.pending.delete(id);
    timer.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
