/**
 * The agent's softphone: goes online (WebSocket + REGISTER), takes one call at a time, relays the
 * caller's digits, reconnects with backoff when the socket drops, goes offline. It only reports
 * what happens through `dispatch`; the page renders the state. No React, no sip.js: the SIP stack
 * is a {@link SipLine}.
 */
import type { PageError } from '../../lib/page-error';
import type { AgentAction, CallEnd } from './agent-state';
import { parseDtmfInfo } from './dtmf-info';
import type { Ringer } from './ringer';
import { SipLineError, type IncomingCall, type ReceivedInfo, type SipLine, type SipLineFactory } from './sip/sip-line';

/** The first wait before reconnecting; each further attempt waits twice as long, up to the maximum. */
export const RECONNECT_FIRST_DELAY_MS = 1_000;
export const RECONNECT_MAX_DELAY_MS = 30_000;

/** How long to wait before reconnection attempt `attempt` (1, 2, ...). */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(RECONNECT_FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1), RECONNECT_MAX_DELAY_MS);
}

/** A REGISTER refused with these means the digest credentials are wrong. */
const WRONG_PASSWORD_STATUSES: ReadonlySet<number> = new Set([401, 403]);

export interface AgentControllerOptions {
  createLine: SipLineFactory;
  webSocketUrl: string;
  /** `sip:<agentName>@<host>` */
  aor: string;
  agentName: string;
  remoteAudio: () => HTMLAudioElement | null;
  ringer: Ringer;
  dispatch: (action: AgentAction) => void;
  now?: () => number;
}

interface CurrentCall {
  call: IncomingCall;
  answered: boolean;
}

export class AgentController {
  private readonly options: AgentControllerOptions;
  private readonly dispatch: (action: AgentAction) => void;
  private readonly now: () => number;

  private line: SipLine | undefined;
  /** Changes whenever the agent goes online or offline, so that late news of an old line is ignored. */
  private generation = 0;
  /** Whether the agent asked to be online. */
  private wantOnline = false;
  private registered = false;
  private current: CurrentCall | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectAttempt = 0;
  private reconnecting = false;

  constructor(options: AgentControllerOptions) {
    this.options = options;
    this.dispatch = options.dispatch;
    this.now = options.now ?? Date.now;
  }

  async goOnline(password: string): Promise<void> {
    if (this.wantOnline) return;
    if (password === '') {
      this.dispatch({ type: 'failed', error: { code: 'password_missing', message: 'Type the agent SIP password first.' } });
      return;
    }
    this.options.ringer.prepare();
    this.wantOnline = true;
    const generation = ++this.generation;
    this.dispatch({ type: 'connecting' });

    let line: SipLine;
    try {
      line = await this.options.createLine(
        {
          webSocketUrl: this.options.webSocketUrl,
          aor: this.options.aor,
          username: this.options.agentName,
          password,
          remoteAudio: this.options.remoteAudio,
        },
        {
          disconnected: () => this.whenCurrent(generation, () => this.connectionLost()),
          unregistered: () => this.whenCurrent(generation, () => this.registrationLost()),
          incomingCall: (call) => this.whenCurrent(generation, () => this.incomingCall(call), () => void call.reject()),
        },
      );
    } catch (error) {
      if (generation === this.generation) this.fallOffline({ code: 'softphone_unavailable', message: `The softphone could not start: ${messageOf(error)}` });
      return;
    }
    if (generation !== this.generation) {
      void line.stop();
      return;
    }
    this.line = line;
    try {
      await line.connect();
      await line.register();
    } catch (error) {
      if (generation === this.generation) this.fallOffline(lineError(error, this.options));
      return;
    }
    if (generation !== this.generation) return;
    this.registered = true;
    this.dispatch({ type: 'registered' });
  }

  async goOffline(): Promise<void> {
    if (!this.wantOnline) return;
    const line = this.line;
    const call = this.current;
    this.reset();
    this.dispatch({ type: 'went-offline' });
    // Both start at once, the call's BYE or 486 first: on pagehide nothing after the first await runs.
    await Promise.all([
      call === undefined ? undefined : (call.answered ? call.call.hangUp() : call.call.reject()).catch(() => undefined),
      line?.stop(),
    ]);
  }

  async answer(): Promise<void> {
    const current = this.current;
    if (current === undefined || current.answered) return;
    this.options.ringer.stop();
    try {
      await current.call.answer();
    } catch (error) {
      if (this.current !== current) return;
      this.current = undefined;
      this.dispatch({ type: 'failed', error: { code: 'answer_failed', message: `The call could not be answered: ${messageOf(error)}` } });
      this.dispatch({ type: 'call-ended', at: this.now(), end: 'lost' });
      await current.call.reject().catch(() => undefined);
      return;
    }
    if (this.current !== current) return;
    current.answered = true;
    this.dispatch({ type: 'answered', at: this.now() });
  }

  async reject(): Promise<void> {
    const current = this.current;
    if (current === undefined || current.answered) return;
    this.endCall('rejected');
    await current.call.reject().catch(() => undefined);
  }

  async hangUp(): Promise<void> {
    const current = this.current;
    if (current === undefined || !current.answered) return;
    this.endCall('hung-up-by-agent');
    await current.call.hangUp().catch(() => undefined);
  }

  setMuted(muted: boolean): void {
    if (this.current?.answered !== true) return;
    this.current.call.setMuted(muted);
    this.dispatch({ type: 'muted', muted });
  }

  dismissError(): void {
    this.dispatch({ type: 'error-dismissed' });
  }

  /** The page is going away: end any call and close the socket without waiting. */
  leaveWhilePageCloses(): void {
    void this.goOffline();
  }

  private whenCurrent(generation: number, then: () => void, otherwise?: () => void): void {
    if (generation === this.generation && this.wantOnline) then();
    else otherwise?.();
  }

  private incomingCall(call: IncomingCall): void {
    // One call at a time, and only once registered: anything else is busy.
    if (this.current !== undefined || !this.registered) {
      void call.reject().catch(() => undefined);
      return;
    }
    const current: CurrentCall = { call, answered: false };
    this.current = current;
    call.listen({
      canceled: () => {
        if (this.current === current && !current.answered) this.endCall('missed');
      },
      ended: () => {
        if (this.current === current) this.endCall(current.answered ? 'hung-up-by-caller' : 'missed');
      },
      info: (info) => this.infoReceived(current, info),
    });
    this.options.ringer.start();
    this.dispatch({
      type: 'ringing',
      caller: {
        ...(call.requestorEmail !== undefined && { email: call.requestorEmail }),
        ...(call.callerName !== undefined && { name: call.callerName }),
        ...(call.callerUser !== undefined && { user: call.callerUser }),
      },
    });
  }

  private infoReceived(current: CurrentCall, info: ReceivedInfo): void {
    const parsed = parseDtmfInfo(info.contentType, info.body);
    if (!parsed.ok) {
      void info.reject(parsed.statusCode).catch(() => undefined);
      return;
    }
    void info.accept().catch(() => undefined);
    if (this.current === current && current.answered) this.dispatch({ type: 'digit-received', digit: parsed.digit });
  }

  private endCall(end: CallEnd): void {
    this.options.ringer.stop();
    this.current = undefined;
    this.dispatch({ type: 'call-ended', at: this.now(), end });
  }

  private connectionLost(): void {
    this.registered = false;
    // Without the socket the call's signalling is gone: the page cannot hang it up or take digits.
    if (this.current !== undefined) {
      this.options.ringer.stop();
      this.current = undefined;
    }
    this.scheduleReconnect();
  }

  private registrationLost(): void {
    this.registered = false;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer !== undefined || this.reconnecting) return;
    const generation = this.generation;
    const attempt = ++this.reconnectAttempt;
    const delayMs = reconnectDelayMs(attempt);
    this.dispatch({ type: 'reconnecting', at: this.now(), attempt, delayMs });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnect(generation);
    }, delayMs);
  }

  private async reconnect(generation: number): Promise<void> {
    const line = this.line;
    if (line === undefined || generation !== this.generation) return;
    this.reconnecting = true;
    try {
      await line.reconnect();
      await line.register();
    } catch (error) {
      this.reconnecting = false;
      if (generation !== this.generation) return;
      if (error instanceof SipLineError && error.kind === 'refused') {
        this.fallOffline(lineError(error, this.options));
        return;
      }
      this.scheduleReconnect();
      return;
    }
    this.reconnecting = false;
    if (generation !== this.generation) return;
    this.reconnectAttempt = 0;
    this.registered = true;
    this.dispatch({ type: 'registered' });
  }

  private fallOffline(error: PageError): void {
    const line = this.line;
    this.reset();
    this.dispatch({ type: 'went-offline', error });
    void line?.stop();
  }

  private reset(): void {
    this.generation++;
    this.wantOnline = false;
    this.registered = false;
    this.line = undefined;
    this.current = undefined;
    this.reconnectAttempt = 0;
    this.reconnecting = false;
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.options.ringer.stop();
  }
}

/** A failure of the line in words: a wrong password, an unreachable PBX, or what the stack said. */
function lineError(error: unknown, options: Pick<AgentControllerOptions, 'webSocketUrl' | 'agentName'>): PageError {
  if (error instanceof SipLineError) {
    if (error.kind === 'refused' && error.statusCode !== undefined && WRONG_PASSWORD_STATUSES.has(error.statusCode)) {
      return {
        code: 'wrong_sip_password',
        message: `Wrong SIP password: the PBX refused to register "${options.agentName}" (SIP ${error.statusCode}). Check the password and try again.`,
      };
    }
    if (error.kind === 'unreachable') {
      return {
        code: 'pbx_unreachable',
        message: `The PBX could not be reached at ${options.webSocketUrl}: the WebSocket did not connect. Check that the PBX is running and try again.`,
      };
    }
    return { code: 'registration_refused', message: `The PBX refused to register "${options.agentName}": ${error.message}.` };
  }
  return { code: 'unexpected', message: `Something went wrong: ${messageOf(error)}` };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
