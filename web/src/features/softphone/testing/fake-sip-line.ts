/** Stand-ins for the SIP stack and the ringer, for tests of the softphone feature. */
import type { Ringer } from '../ringer';
import type {
  IncomingCall,
  IncomingCallEvents,
  ReceivedInfo,
  SipLine,
  SipLineEvents,
  SipLineFactory,
  SipLineOptions,
} from '../sip/sip-line';

export class FakeSipLine implements SipLine {
  connects = 0;
  registers = 0;
  reconnects = 0;
  stops = 0;
  connectResult: () => Promise<void> = async () => undefined;
  registerResult: () => Promise<void> = async () => undefined;
  reconnectResult: () => Promise<void> = async () => undefined;

  constructor(
    readonly options: SipLineOptions,
    readonly events: SipLineEvents,
  ) {}

  async connect(): Promise<void> {
    this.connects++;
    return this.connectResult();
  }

  async register(): Promise<void> {
    this.registers++;
    return this.registerResult();
  }

  async reconnect(): Promise<void> {
    this.reconnects++;
    return this.reconnectResult();
  }

  async stop(): Promise<void> {
    this.stops++;
  }
}

/** Creates {@link FakeSipLine}s and remembers them; `line` is the last one. */
export class FakeSipStack {
  readonly lines: FakeSipLine[] = [];
  /** Applied to each new line before it is handed out. */
  prepare: (line: FakeSipLine) => void = () => undefined;

  readonly createLine: SipLineFactory = async (options, events) => {
    const line = new FakeSipLine(options, events);
    this.prepare(line);
    this.lines.push(line);
    return line;
  };

  get line(): FakeSipLine {
    const line = this.lines.at(-1);
    if (line === undefined) throw new Error('no line was created');
    return line;
  }
}

export class FakeIncomingCall implements IncomingCall {
  answered = 0;
  rejected = 0;
  hungUp = 0;
  muted: boolean | undefined;
  answerResult: () => Promise<void> = async () => undefined;
  private events: IncomingCallEvents | undefined;

  constructor(
    readonly requestorEmail: string | undefined = 'alice@example.com',
    readonly callerName: string | undefined = 'alice@example.com',
    readonly callerUser: string | undefined = '+12065550100',
  ) {}

  listen(events: IncomingCallEvents): void {
    this.events = events;
  }

  get listened(): boolean {
    return this.events !== undefined;
  }

  async answer(): Promise<void> {
    this.answered++;
    return this.answerResult();
  }

  async reject(): Promise<void> {
    this.rejected++;
  }

  async hangUp(): Promise<void> {
    this.hungUp++;
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
  }

  cancel(): void {
    this.events?.canceled();
  }

  end(): void {
    this.events?.ended();
  }

  /** Sends an INFO into the call and returns what the page answered: 200 or the refusal status. */
  info(contentType: string | undefined, body: string | undefined): Promise<number> {
    return new Promise((resolve) => {
      const info: ReceivedInfo = {
        contentType,
        body,
        accept: async () => resolve(200),
        reject: async (statusCode) => resolve(statusCode),
      };
      this.events?.info(info);
    });
  }
}

export class FakeRinger implements Ringer {
  prepared = 0;
  ringing = false;
  rings = 0;

  prepare(): void {
    this.prepared++;
  }

  start(): void {
    this.ringing = true;
    this.rings++;
  }

  stop(): void {
    this.ringing = false;
  }
}
