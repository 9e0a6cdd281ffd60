import { describe, expect, it } from 'vitest';
import { callReducer, describeCall, formatDuration, initialCallState, type CallAction, type CallState } from './call-state';

function run(...actions: CallAction[]): CallState {
  return actions.reduce(callReducer, initialCallState);
}

const accepted: CallAction = { type: 'dial-accepted', transactionId: 'tx-1', toNumber: '+12065550100' };

describe('callReducer', () => {
  it('goes from dialling through ringing to connected', () => {
    const state = run({ type: 'dial-requested' }, accepted, { type: 'meeting-joined' }, { type: 'ringing' }, { type: 'connected', at: 1000 });
    expect(state).toMatchObject({ phase: 'connected', transactionId: 'tx-1', toNumber: '+12065550100', connectedAt: 1000, inMeeting: true });
  });

  it('can be answered without a ringing event', () => {
    expect(run({ type: 'dial-requested' }, accepted, { type: 'connected', at: 5 }).phase).toBe('connected');
  });

  it('goes back to idle with the error when the dial is refused', () => {
    const error = { code: 'destination_blocked', message: '+18765550123 is in a blocked high-cost range (+1876).' };
    expect(run({ type: 'dial-requested' }, { type: 'dial-refused', error })).toEqual({ ...initialCallState, error });
  });

  it('ends with the reason the call gave', () => {
    const state = run({ type: 'dial-requested' }, accepted, { type: 'ringing' }, { type: 'ended', at: 9, reason: 'no-answer' });
    expect(state).toMatchObject({ phase: 'ended', endReason: 'no-answer', endedByCaller: false, endedAt: 9 });
    expect(describeCall(state)).toEqual({ title: 'Call ended', detail: 'Nobody answered.' });
  });

  it('records that the caller hung up, whatever the call reports next', () => {
    const state = run({ type: 'dial-requested' }, accepted, { type: 'connected', at: 1 }, { type: 'hang-up-requested' },
      { type: 'ended', at: 2, reason: 'failed', detail: 'The phone line dropped.' });
    expect(state).toMatchObject({ phase: 'ended', endReason: 'hangup', endedByCaller: true });
    expect(state.endDetail).toBeUndefined();
    expect(describeCall(state).detail).toBe('You hung up. It lasted 0:00.');
  });

  it('keeps the digits sent in order', () => {
    const state = run({ type: 'dial-requested' }, accepted, { type: 'connected', at: 1 },
      { type: 'digits-sent', digits: '12' }, { type: 'digits-sent', digits: '#' });
    expect(state.digitsSent).toBe('12#');
  });

  it('ignores progress that arrives after the end', () => {
    const ended = run({ type: 'dial-requested' }, accepted, { type: 'ended', at: 3, reason: 'busy' });
    expect(callReducer(ended, { type: 'connected', at: 4 })).toBe(ended);
    expect(callReducer(ended, { type: 'digits-sent', digits: '1' })).toBe(ended);
    expect(callReducer(ended, { type: 'ended', at: 5, reason: 'hangup' })).toBe(ended);
  });

  it('does not start a second call while one is live', () => {
    const ringing = run({ type: 'dial-requested' }, accepted, { type: 'ringing' });
    expect(callReducer(ringing, { type: 'dial-requested' })).toBe(ringing);
  });

  it('starts a new call afresh after one ended', () => {
    const ended = run({ type: 'dial-requested' }, accepted, { type: 'connected', at: 1 },
      { type: 'digits-sent', digits: '9' }, { type: 'ended', at: 2, reason: 'hangup' });
    expect(callReducer(ended, { type: 'dial-requested' })).toEqual({ ...initialCallState, phase: 'dialling' });
  });

  it('keeps the phase when an error is reported and drops the error when dismissed', () => {
    const connected = run({ type: 'dial-requested' }, accepted, { type: 'connected', at: 1 });
    const failed = callReducer(connected, { type: 'failed', error: { code: 'call_not_found', message: 'gone' } });
    expect(failed).toMatchObject({ phase: 'connected', error: { code: 'call_not_found' } });
    expect(callReducer(failed, { type: 'error-dismissed' })).toEqual(connected);
  });
});

describe('describeCall', () => {
  it('names the number being called', () => {
    expect(describeCall(run({ type: 'dial-requested' }, accepted, { type: 'ringing' }))).toEqual({
      title: 'Ringing…',
      detail: 'Calling +1 206 555 0100.',
    });
  });

  it('says how long an answered call lasted', () => {
    const state = run({ type: 'dial-requested' }, accepted, { type: 'connected', at: 10_000 }, { type: 'ended', at: 75_000, reason: 'hangup' });
    expect(describeCall(state).detail).toBe('The call was hung up. It lasted 1:05.');
  });

  it('adds the detail of a failure', () => {
    const state = run({ type: 'dial-requested' }, accepted, { type: 'ended', at: 1, reason: 'failed', detail: 'The phone line dropped.' });
    expect(describeCall(state).detail).toBe('The call failed. The phone line dropped.');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [61_000, '1:01'],
    [3_599_000, '59:59'],
    [3_600_000, '1:00:00'],
    [-5, '0:00'],
  ])('%i ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
