import { describe, expect, it } from 'vitest';
import { ApiError, type CallRecord } from '../../lib/api-client';
import {
  CallProgressPoller,
  endReasonOf,
  LONGEST_POLL_BACKOFF_MS,
  nextPollDelay,
  POLL_WHILE_CONNECTED_MS,
  POLL_WHILE_RINGING_MS,
} from './call-progress';
import { callRecord, ManualTimers } from './testing/fakes';

describe('endReasonOf', () => {
  it.each(['busy', 'no-answer', 'failed', 'callee-hung-up', 'caller-hung-up', 'time-limit', 'caller-left', 'caller-never-joined', 'stuck'])(
    'knows the server reason %s',
    (reason) => expect(endReasonOf(reason)).toBe(reason),
  );

  it('knows no reason for a call still going, or one added to the server later', () => {
    expect(endReasonOf(null)).toBeUndefined();
    expect(endReasonOf('solar-flare')).toBeUndefined();
    expect(endReasonOf('hangup')).toBeUndefined();
  });
});

describe('nextPollDelay', () => {
  it('reads about once a second until the answer, then every 5 s', () => {
    expect(nextPollDelay(undefined, 0)).toBe(POLL_WHILE_RINGING_MS);
    expect(nextPollDelay('dialling', 0)).toBe(POLL_WHILE_RINGING_MS);
    expect(nextPollDelay('ringing', 0)).toBe(POLL_WHILE_RINGING_MS);
    expect(nextPollDelay('connected', 0)).toBe(POLL_WHILE_CONNECTED_MS);
  });

  it('backs off while reads fail, up to 10 s', () => {
    expect([1, 2, 3, 4, 5].map((failures) => nextPollDelay('connected', failures))).toEqual([2_000, 4_000, 8_000, 10_000, 10_000]);
    expect(nextPollDelay('ringing', 9)).toBe(LONGEST_POLL_BACKOFF_MS);
  });
});

describe('CallProgressPoller', () => {
  function poller(records: Array<CallRecord | Error>) {
    const timers = new ManualTimers();
    const seen: string[] = [];
    const progress = new CallProgressPoller({
      read: async () => {
        const next = records.shift();
        if (next === undefined || next instanceof Error) throw next ?? new Error('no more records');
        return next;
      },
      onRecord: (record) => seen.push(record.status),
      ...timers,
    });
    return { progress, timers, seen };
  }

  it('reads until the call has ended, slower once connected, with backoff after a failure', async () => {
    const { progress, timers, seen } = poller([
      new ApiError(404, 'call_not_found', 'not yet'),
      callRecord({ status: 'ringing' }),
      callRecord({ status: 'connected', answeredAt: '2026-12-03T10:00:04.000Z' }),
      callRecord({ status: 'ended', reason: 'callee-hung-up' }),
    ]);

    progress.start();
    for (let read = 0; read < 4; read++) await timers.fire();

    expect(seen).toEqual(['ringing', 'connected', 'ended']);
    expect(timers.delays).toEqual([POLL_WHILE_RINGING_MS, 2_000, POLL_WHILE_RINGING_MS, POLL_WHILE_CONNECTED_MS]);
    expect(timers.waiting).toBe(0);
  });

  it('reads nothing more once stopped, and reports nothing read after it', async () => {
    const { progress, timers, seen } = poller([callRecord({ status: 'ringing' })]);
    progress.start();

    progress.stop();

    expect(timers.waiting).toBe(0);
    await progress.readNow();
    expect(seen).toEqual([]);
  });
});
