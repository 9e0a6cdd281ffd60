import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentController, reconnectDelayMs } from './agent-controller';
import { agentReducer, describeAgent, initialAgentState, type AgentAction, type AgentState } from './agent-state';
import { SipLineError } from './sip/sip-line';
import { FakeIncomingCall, FakeRinger, FakeSipStack } from './testing/fake-sip-line';

const WS = 'wss://pbx.click-to-call.example/ws';

describe('AgentController', () => {
  let stack: FakeSipStack;
  let ringer: FakeRinger;
  let actions: AgentAction[];
  let state: AgentState;
  let controller: AgentController;
  let clock: number;

  beforeEach(() => {
    stack = new FakeSipStack();
    ringer = new FakeRinger();
    actions = [];
    state = initialAgentState;
    clock = 1_000;
    controller = new AgentController({
      createLine: stack.createLine,
      webSocketUrl: WS,
      aor: 'sip:agent@pbx.click-to-call.example',
      agentName: 'agent',
      remoteAudio: () => null,
      ringer,
      dispatch: (action) => {
        actions.push(action);
        state = agentReducer(state, action);
      },
      now: () => clock,
    });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  async function online(): Promise<void> {
    await controller.goOnline('s3cret-sip');
    expect(state.phase).toBe('online');
  }

  async function ringing(call = new FakeIncomingCall()): Promise<FakeIncomingCall> {
    await online();
    stack.line.events.incomingCall(call);
    expect(state.phase).toBe('ringing');
    return call;
  }

  async function inCall(): Promise<FakeIncomingCall> {
    const call = await ringing();
    clock = 5_000;
    await controller.answer();
    expect(state.phase).toBe('in-call');
    return call;
  }

  describe('going online and offline', () => {
    it('connects, registers with the agent credentials and says online', async () => {
      await controller.goOnline('s3cret-sip');

      expect(stack.line.options).toMatchObject({
        webSocketUrl: WS,
        aor: 'sip:agent@pbx.click-to-call.example',
        username: 'agent',
        password: 's3cret-sip',
      });
      expect(stack.line.connects).toBe(1);
      expect(stack.line.registers).toBe(1);
      expect(actions.map((a) => a.type)).toEqual(['connecting', 'registered']);
      expect(describeAgent(state).detail).toContain('online');
      expect(ringer.prepared).toBe(1);
    });

    it('does nothing without a password', async () => {
      await controller.goOnline('');

      expect(stack.lines).toEqual([]);
      expect(state).toMatchObject({ phase: 'offline', error: { code: 'password_missing' } });
    });

    it('says "wrong SIP password" for a REGISTER refused with 401 or 403, and closes the socket', async () => {
      for (const status of [401, 403]) {
        stack.prepare = (line) => {
          line.registerResult = () => Promise.reject(new SipLineError('refused', 'Unauthorized', status));
        };
        await controller.goOnline('wrong');

        expect(state.phase).toBe('offline');
        expect(state.error?.code).toBe('wrong_sip_password');
        expect(state.error?.message).toContain('Wrong SIP password');
        expect(state.error?.message).toContain(`SIP ${status}`);
        expect(state.error?.message).not.toContain('wrong:');
        expect(stack.line.stops).toBe(1);
      }
    });

    it('says when the PBX refuses for another reason', async () => {
      stack.prepare = (line) => {
        line.registerResult = () => Promise.reject(new SipLineError('refused', 'SIP 404 Not Found', 404));
      };
      await controller.goOnline('s3cret-sip');

      expect(state.error).toEqual({ code: 'registration_refused', message: 'The PBX refused to register "agent": SIP 404 Not Found.' });
    });

    it('says when the socket cannot connect', async () => {
      stack.prepare = (line) => {
        line.connectResult = () => Promise.reject(new SipLineError('unreachable', 'WebSocket closed'));
      };
      await controller.goOnline('s3cret-sip');

      expect(state.phase).toBe('offline');
      expect(state.error?.code).toBe('pbx_unreachable');
      expect(state.error?.message).toContain(`The PBX could not be reached at ${WS}`);
      expect(stack.line.registers).toBe(0);
    });

    it('goes offline: stops the line, and later news of it changes nothing', async () => {
      await online();
      const line = stack.line;

      await controller.goOffline();

      expect(line.stops).toBe(1);
      expect(state.phase).toBe('offline');
      const late = new FakeIncomingCall();
      line.events.incomingCall(late);
      expect(late.rejected).toBe(1);
      expect(state.phase).toBe('offline');
    });

    it('going offline while ringing rejects the call and stops the tone', async () => {
      const call = await ringing();

      await controller.goOffline();

      expect(call.rejected).toBe(1);
      expect(ringer.ringing).toBe(false);
    });

    it('going offline in a call hangs it up', async () => {
      const call = await inCall();

      await controller.goOffline();

      expect(call.hungUp).toBe(1);
      expect(state.phase).toBe('offline');
    });
  });

  describe('an incoming call', () => {
    it('rings with the caller e-mail and caller id, and the tone stops on the answer', async () => {
      await ringing(new FakeIncomingCall('bob@example.com', 'Bob', '+12065550111'));

      expect(state.caller).toEqual({ email: 'bob@example.com', name: 'Bob', user: '+12065550111' });
      expect(ringer.ringing).toBe(true);

      clock = 7_000;
      await controller.answer();

      expect(ringer.ringing).toBe(false);
      expect(state).toMatchObject({ phase: 'in-call', answeredAt: 7_000 });
      expect(describeAgent(state).detail).toContain('in a call');
    });

    it('rejects with Busy Here and stops the tone', async () => {
      const call = await ringing();

      await controller.reject();

      expect(call.rejected).toBe(1);
      expect(ringer.ringing).toBe(false);
      expect(state).toMatchObject({ phase: 'call-ended', end: 'rejected' });
    });

    it('says "missed call" when the caller cancels, and stops the tone', async () => {
      const call = await ringing();

      call.cancel();

      expect(ringer.ringing).toBe(false);
      expect(state).toMatchObject({ phase: 'call-ended', end: 'missed' });
      expect(describeAgent(state).title).toBe('Missed call from alice@example.com');
      await controller.answer();
      expect(call.answered).toBe(0);
    });

    it('answers a second call while on one with Busy Here, and keeps the first', async () => {
      await inCall();
      const second = new FakeIncomingCall('carol@example.com');

      stack.line.events.incomingCall(second);

      expect(second.rejected).toBe(1);
      expect(second.listened).toBe(false);
      expect(state).toMatchObject({ phase: 'in-call', caller: { email: 'alice@example.com' } });
    });

    it('rejects a second call while the first rings', async () => {
      await ringing();
      const second = new FakeIncomingCall('carol@example.com');

      stack.line.events.incomingCall(second);

      expect(second.rejected).toBe(1);
      expect(state.caller?.email).toBe('alice@example.com');
    });

    it('takes the next call once the last one ended', async () => {
      const first = await inCall();
      first.end();
      expect(state.phase).toBe('call-ended');

      stack.line.events.incomingCall(new FakeIncomingCall('dave@example.com'));

      expect(state).toMatchObject({ phase: 'ringing', caller: { email: 'dave@example.com' }, digits: '' });
    });

    it('ends the call when the answer fails (no microphone)', async () => {
      const call = await ringing();
      call.answerResult = () => Promise.reject(new Error('Permission denied'));

      await controller.answer();

      expect(state).toMatchObject({ phase: 'call-ended', end: 'lost', error: { code: 'answer_failed' } });
      expect(state.error?.message).toContain('Permission denied');
      expect(call.rejected).toBe(1);
    });
  });

  describe('in a call', () => {
    it('ends on the caller BYE with the duration', async () => {
      const call = await inCall();
      clock = 47_000;

      call.end();

      expect(state).toMatchObject({ phase: 'call-ended', end: 'hung-up-by-caller', answeredAt: 5_000, endedAt: 47_000 });
      expect(describeAgent(state).detail).toBe(
        'The caller, alice@example.com, hung up after 00:42; the call ended. You are online, waiting for the next call.',
      );
    });

    it('hangs up', async () => {
      const call = await inCall();

      await controller.hangUp();
      call.end();

      expect(call.hungUp).toBe(1);
      expect(state).toMatchObject({ phase: 'call-ended', end: 'hung-up-by-agent' });
    });

    it('mutes and unmutes the local audio', async () => {
      const call = await inCall();

      controller.setMuted(true);
      expect(call.muted).toBe(true);
      expect(state.muted).toBe(true);

      controller.setMuted(false);
      expect(call.muted).toBe(false);
      expect(state.muted).toBe(false);
    });

    it('accepts DTMF INFO with 200 and shows the digits in order', async () => {
      const call = await inCall();

      expect(await call.info('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toBe(200);
      expect(await call.info('application/dtmf', '#')).toBe(200);
      expect(await call.info('application/dtmf-relay', 'Signal=*\r\nDuration=160\r\n')).toBe(200);

      expect(state.digits).toBe('5#*');
    });

    it('refuses other INFO with 415 or 400 and shows nothing', async () => {
      const call = await inCall();

      expect(await call.info('application/media_control+xml', '<picture_fast_update/>')).toBe(415);
      expect(await call.info('application/dtmf-relay', 'Signal=<img src=x>\r\n')).toBe(400);
      expect(await call.info('application/dtmf', 'X')).toBe(400);

      expect(state.digits).toBe('');
    });
  });

  describe('when the socket drops', () => {
    it('reconnects with growing waits until it registers again', async () => {
      vi.useFakeTimers();
      await online();
      const line = stack.line;
      let failures = 2;
      line.reconnectResult = async () => {
        if (failures-- > 0) throw new SipLineError('unreachable', 'WebSocket closed');
      };

      line.events.disconnected();
      expect(state).toMatchObject({ phase: 'connecting', reconnect: { attempt: 1, delayMs: 1_000 } });
      expect(describeAgent(state).detail).toContain('connecting again in 1 s (attempt 1)');

      await vi.advanceTimersByTimeAsync(1_000);
      expect(line.reconnects).toBe(1);
      expect(state.reconnect).toEqual({ attempt: 2, delayMs: 2_000 });

      await vi.advanceTimersByTimeAsync(1_999);
      expect(line.reconnects).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(state.reconnect).toEqual({ attempt: 3, delayMs: 4_000 });

      await vi.advanceTimersByTimeAsync(4_000);
      expect(line.reconnects).toBe(3);
      expect(line.registers).toBe(2);
      expect(state.phase).toBe('online');
      expect(state.reconnect).toBeUndefined();

      // The next drop starts the backoff afresh.
      line.events.disconnected();
      expect(state.reconnect).toEqual({ attempt: 1, delayMs: 1_000 });
    });

    it('registers again when the registration alone is lost', async () => {
      vi.useFakeTimers();
      await online();

      stack.line.events.unregistered();
      expect(state.phase).toBe('connecting');
      await vi.advanceTimersByTimeAsync(1_000);

      expect(stack.line.registers).toBe(2);
      expect(state.phase).toBe('online');
    });

    it('ends a call cut off by the drop', async () => {
      vi.useFakeTimers();
      const call = await inCall();

      stack.line.events.disconnected();

      expect(state).toMatchObject({ phase: 'connecting', end: 'lost', caller: { email: 'alice@example.com' } });
      expect(describeAgent(state).title).toBe('Connecting…');
      call.end();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(state.phase).toBe('call-ended');
    });

    it('goes offline for a refused password on reconnecting', async () => {
      vi.useFakeTimers();
      await online();
      const line = stack.line;
      line.registerResult = () => Promise.reject(new SipLineError('refused', 'Forbidden', 403));

      line.events.disconnected();
      await vi.advanceTimersByTimeAsync(1_000);

      expect(state).toMatchObject({ phase: 'offline', error: { code: 'wrong_sip_password' } });
      expect(line.stops).toBe(1);
    });

    it('stops reconnecting when the agent goes offline', async () => {
      vi.useFakeTimers();
      await online();
      const line = stack.line;
      line.events.disconnected();

      await controller.goOffline();
      await vi.advanceTimersByTimeAsync(60_000);

      expect(line.reconnects).toBe(0);
      expect(state.phase).toBe('offline');
    });
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from one second up to thirty', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(reconnectDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });
});
