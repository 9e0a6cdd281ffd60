/**
 * A PBX in miniature for tests of the sip.js line: SIP over a loopback WebSocket, a registrar
 * with digest authentication (RFC 2617 without qop, as Asterisk challenges), and calls it places
 * to the registered agent. It speaks just enough SIP for those tests.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SipMessage {
  /** `REGISTER sip:...` or `SIP/2.0 486 Busy Here`. */
  startLine: string;
  method: string | undefined;
  status: number | undefined;
  headers: Map<string, string[]>;
  body: string;
  raw: string;
}

export interface Invite {
  callId: string;
  email?: string;
  displayName?: string;
  user?: string;
}

const REALM = 'click-to-call';
const NONCE = 'b6f3c5a2';

export class WebSocketPbx {
  readonly received: SipMessage[] = [];
  /** What a REGISTER with wrong credentials gets. */
  wrongPasswordStatus = 403;
  private socket: WebSocket | undefined;
  private contact: string | undefined;
  private readonly waiters: Array<{ match: (m: SipMessage) => boolean; resolve: (m: SipMessage) => void }> = [];
  private readonly invites = new Map<string, string>();

  private constructor(
    private readonly server: WebSocketServer,
    private readonly password: string,
  ) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => this.receive(parse(data.toString())));
    });
  }

  static async start(password: string): Promise<WebSocketPbx> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new WebSocketPbx(server, password);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/ws`;
  }

  get host(): string {
    return '127.0.0.1';
  }

  /** The next message received (or already received) that `match` accepts. */
  waitFor(match: (message: SipMessage) => boolean, timeoutMs = 5_000): Promise<SipMessage> {
    const seen = this.received.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the PBX waited in vain for a SIP message')), timeoutMs);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  /** Calls the registered agent. */
  invite({ callId, email, displayName, user = '+12065550100' }: Invite): void {
    if (this.contact === undefined) throw new Error('nobody has registered');
    const branch = `z9hG4bK${randomUUID()}`;
    this.invites.set(callId, branch);
    this.send([
      `INVITE ${this.contact} SIP/2.0`,
      `Via: SIP/2.0/WS 127.0.0.1;branch=${branch}`,
      'Max-Forwards: 70',
      `From: ${displayName === undefined ? '' : `"${displayName}" `}<sip:${user}@${this.host}>;tag=pbx-${callId}`,
      `To: <sip:agent@${this.host}>`,
      `Contact: <sip:pbx@${this.host};transport=ws>`,
      `Call-ID: ${callId}`,
      'CSeq: 1 INVITE',
      ...(email === undefined ? [] : [`X-RequestorEmail: ${email}`]),
      'Content-Length: 0',
    ]);
  }

  /** The caller gives up before the answer. */
  cancel(callId: string): void {
    this.send([
      `CANCEL ${this.contact} SIP/2.0`,
      `Via: SIP/2.0/WS 127.0.0.1;branch=${this.invites.get(callId)}`,
      'Max-Forwards: 70',
      `From: <sip:+12065550100@${this.host}>;tag=pbx-${callId}`,
      `To: <sip:agent@${this.host}>`,
      `Call-ID: ${callId}`,
      'CSeq: 1 CANCEL',
      'Content-Length: 0',
    ]);
  }

  /** Drops the agent's WebSocket, as a restarting PBX or a lost network would. */
  dropConnection(): void {
    this.socket?.terminate();
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(message: SipMessage): void {
    this.received.push(message);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(message)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    }
    if (message.method === 'REGISTER') this.register(message);
  }

  private register(request: SipMessage): void {
    const authorization = header(request, 'authorization');
    if (authorization === undefined) {
      this.respond(request, 401, 'Unauthorized', [`WWW-Authenticate: Digest realm="${REALM}", nonce="${NONCE}", algorithm=MD5`]);
      return;
    }
    const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(authorization)?.[1] ?? '';
    const ha1 = md5(`${field('username')}:${REALM}:${this.password}`);
    const ha2 = md5(`REGISTER:${field('uri')}`);
    if (field('response') !== md5(`${ha1}:${NONCE}:${ha2}`)) {
      this.respond(request, this.wrongPasswordStatus, this.wrongPasswordStatus === 401 ? 'Unauthorized' : 'Forbidden',
        this.wrongPasswordStatus === 401 ? [`WWW-Authenticate: Digest realm="${REALM}", nonce="${NONCE}", algorithm=MD5`] : []);
      return;
    }
    const contact = header(request, 'contact') ?? '';
    this.contact = /<([^>]+)>/.exec(contact)?.[1];
    const expires = /expires=(\d+)/.exec(contact)?.[1] ?? header(request, 'expires') ?? '3600';
    this.respond(request, 200, 'OK', [`Contact: <${this.contact}>;expires=${expires}`]);
  }

  private respond(request: SipMessage, status: number, reason: string, extra: string[]): void {
    const to = header(request, 'to') ?? '';
    this.send([
      `SIP/2.0 ${status} ${reason}`,
      ...(request.headers.get('via') ?? []).map((via) => `Via: ${via}`),
      `From: ${header(request, 'from')}`,
      `To: ${to.includes(';tag=') ? to : `${to};tag=pbx`}`,
      `Call-ID: ${header(request, 'call-id')}`,
      `CSeq: ${header(request, 'cseq')}`,
      ...extra,
      'Content-Length: 0',
    ]);
  }

  private send(lines: string[]): void {
    this.socket?.send(`${lines.join('\r\n')}\r\n\r\n`);
  }
}

export function header(message: SipMessage, name: string): string | undefined {
  return message.headers.get(name.toLowerCase())?.[0];
}

function parse(raw: string): SipMessage {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const response = /^SIP\/2\.0 (\d{3})/.exec(startLine);
  return {
    startLine,
    method: response === null ? startLine.split(' ')[0] : undefined,
    status: response === null ? undefined : Number(response[1]),
    headers,
    body,
    raw,
  };
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
