import { describe, expect, it } from 'vitest';
import {
  agentReducer,
  callerId,
  callerText,
  describeAgent,
  formatCallDuration,
  initialAgentState,
  type AgentAction,
  type AgentState,
} from './agent-state';

function run(...actions: AgentAction[]): AgentState {
  return actions.reduce(agentReducer, initialAgentState);
}

const caller = { email: 'alice@example.com', name: 'alice@example.com', user: '+12065550100' };
const online: AgentAction[] = [{ type: 'connecting' }, { type: 'registered' }];

describe('agentReducer', () => {
  it('goes offline → connecting → online', () => {
    expect(run({ type: 'connecting' }).phase).toBe('connecting');
    expect(run(...online)).toEqual({ phase: 'online', digits: '', muted: false });
  });

  it('rings only while available', () => {
    expect(run({ type: 'ringing', caller }).phase).toBe('offline');
    expect(run({ type: 'connecting' }, { type: 'ringing', caller }).phase).toBe('connecting');
    expect(run(...online, { type: 'ringing', caller })).toMatchObject({ phase: 'ringing', caller });
  });

  it('follows a call from ringing to answered to ended, keeping its summary', () => {
    const ended = run(
      ...online,
      { type: 'ringing', caller },
      { type: 'answered', at: 10_000 },
      { type: 'digit-received', digit: '1' },
      { type: 'muted', muted: true },
      { type: 'digit-received', digit: '#' },
      { type: 'call-ended', at: 75_000, end: 'hung-up-by-caller' },
    );
    expect(ended).toEqual({
      phase: 'call-ended',
      caller,
      answeredAt: 10_000,
      endedAt: 75_000,
      end: 'hung-up-by-caller',
      digits: '1#',
      muted: false,
    });
  });

  it('starts the next call afresh', () => {
    const next = run(
      ...online,
      { type: 'ringing', caller },
      { type: 'answered', at: 1 },
      { type: 'digit-received', digit: '9' },
      { type: 'call-ended', at: 2, end: 'hung-up-by-agent' },
      { type: 'ringing', caller: { email: 'bob@example.com' } },
    );
    expect(next).toEqual({ phase: 'ringing', caller: { email: 'bob@example.com' }, digits: '', muted: false });
  });

  it('takes digits only during the call', () => {
    expect(run(...online, { type: 'ringing', caller }, { type: 'digit-received', digit: '1' }).digits).toBe('');
  });

  it('ends a call cut off by a dropped connection as lost, then returns to the summary', () => {
    const dropped = run(
      ...online,
      { type: 'ringing', caller },
      { type: 'answered', at: 1_000 },
      { type: 'reconnecting', at: 3_000, attempt: 1, delayMs: 1_000 },
    );
    expect(dropped).toMatchObject({ phase: 'connecting', end: 'lost', endedAt: 3_000, reconnect: { attempt: 1, delayMs: 1_000 } });
    const back = agentReducer(dropped, { type: 'registered' });
    expect(back.phase).toBe('call-ended');
    expect(back.reconnect).toBeUndefined();
  });

  it('forgets everything but the error when going offline', () => {
    const error = { code: 'wrong_sip_password', message: 'Wrong SIP password.' };
    expect(run(...online, { type: 'ringing', caller }, { type: 'went-offline', error })).toEqual({ ...initialAgentState, error });
  });

  it('keeps an error until dismissed', () => {
    const error = { code: 'x', message: 'y' };
    expect(run({ type: 'failed', error }).error).toBe(error);
    expect(run({ type: 'failed', error }, { type: 'error-dismissed' }).error).toBeUndefined();
  });
});

describe('describeAgent', () => {
  it('uses the words the agent looks for in each state', () => {
    expect(describeAgent(run()).detail).toContain('offline');
    // Only a registered agent is said to be online.
    expect(Object.values(describeAgent(run())).join(' ')).not.toMatch(/online/i);
    expect(Object.values(describeAgent(run({ type: 'connecting' }))).join(' ')).not.toMatch(/online/i);
    expect(describeAgent(run(...online)).detail).toContain('online');
    const ringing = run(...online, { type: 'ringing', caller });
    expect(describeAgent(ringing)).toEqual({ title: 'Ringing', detail: 'A call from alice@example.com is ringing.' });
    const answered = agentReducer(ringing, { type: 'answered', at: 0 });
    expect(describeAgent(answered).detail).toBe('You are in a call with alice@example.com.');
    const hungUp = agentReducer(answered, { type: 'call-ended', at: 65_000, end: 'hung-up-by-agent' });
    expect(describeAgent(hungUp)).toEqual({
      title: 'Call ended',
      detail: 'You hung up the call with alice@example.com after 01:05; the call ended. You are online, waiting for the next call.',
    });
    const missed = agentReducer(ringing, { type: 'call-ended', at: 1, end: 'missed' });
    expect(describeAgent(missed)).toEqual({
      title: 'Missed call from alice@example.com',
      detail: 'The caller hung up before the answer. You are online, waiting for the next call.',
    });
  });
});

describe('caller', () => {
  it('is named by the e-mail, else the caller id', () => {
    expect(callerText(caller)).toBe('alice@example.com');
    expect(callerText({ name: 'Front desk', user: '1001' })).toBe('Front desk (1001)');
    expect(callerText({ user: '+12065550100' })).toBe('+12065550100');
    expect(callerText({})).toBe('an unknown caller');
    expect(callerId({ name: '1001', user: '1001' })).toBe('1001');
  });
});

describe('formatCallDuration', () => {
  it('is mm:ss', () => {
    expect(formatCallDuration(0)).toBe('00:00');
    expect(formatCallDuration(9_999)).toBe('00:09');
    expect(formatCallDuration(65_000)).toBe('01:05');
    expect(formatCallDuration(3_725_000)).toBe('62:05');
    expect(formatCallDuration(-5)).toBe('00:00');
  });
});
