import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { header, WebSocketPbx } from '../testing/websocket-pbx';
import { createSipJsLine } from './sip-js-line';
import { SipLineError, type IncomingCall, type SipLine, type SipLineEvents } from './sip-line';

const PASSWORD = 'Agent-s3cret-42';

/** sip.js over a real WebSocket to a registrar on loopback: what the controller relies on. */
describe('createSipJsLine', () => {
  let pbx: WebSocketPbx;
  let line: SipLine | undefined;
  let events: SipLineEvents & { calls: IncomingCall[] };

  beforeEach(async () => {
    pbx = await WebSocketPbx.start(PASSWORD);
    const calls: IncomingCall[] = [];
    events = {
      calls,
      disconnected: vi.fn(),
      unregistered: vi.fn(),
      incomingCall: (call) => calls.push(call),
    };
  });

  afterEach(async () => {
    await line?.stop();
    line = undefined;
    await pbx.close();
  });

  async function open(password = PASSWORD, webSocketUrl = pbx.url): Promise<SipLine> {
    line = await createSipJsLine(
      { webSocketUrl, aor: `sip:agent@${pbx.host}`, username: 'agent', password, remoteAudio: () => null },
      events,
    );
    return line;
  }

  async function registered(): Promise<SipLine> {
    const opened = await open();
    await opened.connect();
    await opened.register();
    return opened;
  }

  it('registers the agent with digest authentication, never sending the password', async () => {
    await registered();

    const registers = pbx.received.filter((m) => m.method === 'REGISTER');
    expect(registers).toHaveLength(2);
    expect(registers[0]!.startLine).toBe(`REGISTER sip:${pbx.host} SIP/2.0`);
    expect(header(registers[1]!, 'authorization')).toContain('username="agent"');
    expect(header(registers[1]!, 'to')).toContain(`sip:agent@${pbx.host}`);
    // A short registration: a browser gone without unregistering soon stops being called.
    expect(header(registers[1]!, 'contact')).toContain('expires=120');
    expect(pbx.received.map((m) => m.raw).join('\n')).not.toContain(PASSWORD);
  });

  it('rejects a wrong password with the REGISTER status, 403 or a second 401', async () => {
    for (const status of [403, 401]) {
      pbx.wrongPasswordStatus = status;
      const opened = await open('wrong-password');
      await opened.connect();

      const refusal = await opened.register().catch((error: unknown) => error);

      expect(refusal).toBeInstanceOf(SipLineError);
      expect(refusal).toMatchObject({ kind: 'refused', statusCode: status });
      await opened.stop();
    }
  });

  it('says unreachable when the WebSocket does not open', async () => {
    const closed = pbx.url;
    await pbx.close();
    const opened = await open(PASSWORD, closed);

    await expect(opened.connect()).rejects.toMatchObject({ kind: 'unreachable' });
    pbx = await WebSocketPbx.start(PASSWORD);
  });

  it('reports an INVITE with the caller e-mail and caller id, and rejects it 486', async () => {
    await registered();

    pbx.invite({ callId: 'call-1', email: 'alice@example.com', displayName: 'Alice', user: '+12065550100' });
    await vi.waitFor(() => expect(events.calls).toHaveLength(1));
    const call = events.calls[0]!;
    expect(call).toMatchObject({ requestorEmail: 'alice@example.com', callerName: 'Alice', callerUser: '+12065550100' });
    call.listen({ canceled: vi.fn(), ended: vi.fn(), info: vi.fn() });

    await call.reject();

    const busy = await pbx.waitFor((m) => m.status === 486);
    expect(busy.startLine).toBe('SIP/2.0 486 Busy Here');
    expect(header(busy, 'call-id')).toBe('call-1');
  });

  it('reports a CANCEL before the answer as canceled', async () => {
    await registered();
    pbx.invite({ callId: 'call-2', email: 'bob@example.com' });
    await vi.waitFor(() => expect(events.calls).toHaveLength(1));
    const call = events.calls[0]!;
    const canceled = vi.fn();
    const ended = vi.fn();
    call.listen({ canceled, ended, info: vi.fn() });
    await pbx.waitFor((m) => m.status === 180 || m.status === 100);

    pbx.cancel('call-2');

    await vi.waitFor(() => expect(canceled).toHaveBeenCalledTimes(1));
    expect(ended).not.toHaveBeenCalled();
    expect((await pbx.waitFor((m) => m.status === 487)).startLine).toBe('SIP/2.0 487 Request Terminated');
  });

  it('reports a dropped WebSocket, and reconnects and registers again', async () => {
    const opened = await registered();

    pbx.dropConnection();
    await vi.waitFor(() => expect(events.disconnected).toHaveBeenCalledTimes(1));

    await opened.reconnect();
    await opened.register();
    expect(pbx.received.filter((m) => m.method === 'REGISTER').length).toBeGreaterThanOrEqual(3);
  });

  it('unregisters when stopped, without reporting a disconnection', async () => {
    const opened = await registered();

    await opened.stop();

    const unregister = await pbx.waitFor((m) => m.method === 'REGISTER' && /expires=0|^0$/.test(`${header(m, 'contact')};${header(m, 'expires') ?? ''}`));
    expect(unregister).toBeDefined();
    expect(events.disconnected).not.toHaveBeenCalled();
  });
});
