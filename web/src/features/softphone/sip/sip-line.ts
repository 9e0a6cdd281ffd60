/**
 * What the agent page asks of a SIP stack: one registered line over a WebSocket, and the calls it
 * receives. `sip-js-line.ts` implements it with sip.js; the controller's tests use a fake.
 */

export interface SipLineOptions {
  /** The PBX's SIP-over-WebSocket URL. */
  webSocketUrl: string;
  /** The agent's address of record, `sip:<agentName>@<host>`. */
  aor: string;
  /** The digest user name: the agent name. */
  username: string;
  /** Held by the SIP stack in memory only, for digest authentication. */
  password: string;
  /** Where an answered call's audio plays. */
  remoteAudio: () => HTMLAudioElement | null;
}

export interface SipLineEvents {
  /** The WebSocket closed although nobody asked it to. */
  disconnected(): void;
  /** The registration ended although nobody asked it to (a refresh was refused or timed out). */
  unregistered(): void;
  incomingCall(call: IncomingCall): void;
}

export interface SipLine {
  /** Opens the WebSocket. Rejects with a {@link SipLineError} of kind `unreachable`. */
  connect(): Promise<void>;
  /** Registers the agent. Rejects with a {@link SipLineError} of kind `refused` (with the status) or `unreachable`. */
  register(): Promise<void>;
  /** Opens the WebSocket again after it dropped. Rejects like {@link connect}. */
  reconnect(): Promise<void>;
  /** Unregisters (as far as the socket allows) and closes the socket. Never rejects. */
  stop(): Promise<void>;
}

export type SipLineFactory = (options: SipLineOptions, events: SipLineEvents) => Promise<SipLine>;

export type SipLineErrorKind = 'unreachable' | 'refused';

export class SipLineError extends Error {
  constructor(
    readonly kind: SipLineErrorKind,
    message: string,
    /** The SIP status of a refused REGISTER. */
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'SipLineError';
  }
}

/** An INVITE to the agent, from its arrival to its end. */
export interface IncomingCall {
  /** The `X-RequestorEmail` header: the web caller's e-mail address. */
  readonly requestorEmail: string | undefined;
  /** The From header's display name. */
  readonly callerName: string | undefined;
  /** The From header's user part (a number or a SIP user). */
  readonly callerUser: string | undefined;
  /** Starts reporting what happens to the call; called once, before anything else. */
  listen(events: IncomingCallEvents): void;
  /** Accepts with the microphone as local audio; resolves once the 200 OK is sent. */
  answer(): Promise<void>;
  /** Declines with 486 Busy Here. */
  reject(): Promise<void>;
  /** Ends an answered call (BYE). */
  hangUp(): Promise<void>;
  /** Enables or disables the local audio track. */
  setMuted(muted: boolean): void;
}

export interface IncomingCallEvents {
  /** The caller gave up before the answer (CANCEL). */
  canceled(): void;
  /** The call is over, for any reason other than a CANCEL. */
  ended(): void;
  /** An INFO request inside the call; it must be accepted or rejected. */
  info(info: ReceivedInfo): void;
}

export interface ReceivedInfo {
  readonly contentType: string | undefined;
  readonly body: string | undefined;
  accept(): Promise<void>;
  reject(statusCode: number): Promise<void>;
}
