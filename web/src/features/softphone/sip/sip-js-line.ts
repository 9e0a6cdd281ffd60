/**
 * The agent's line with sip.js: a `UserAgent` over the PBX's WebSocket, a `Registerer` for the
 * agent's address, and each `Invitation` as an {@link IncomingCall}. The only file that talks to
 * sip.js; it is loaded when the agent first goes online.
 */
import {
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  Web,
  type Info,
  type Invitation,
} from 'sip.js';
import {
  SipLineError,
  type IncomingCall,
  type IncomingCallEvents,
  type SipLine,
  type SipLineEvents,
  type SipLineFactory,
  type SipLineOptions,
} from './sip-line';

/** The header in which the PBX names the web caller (set by the SMA's CallAndBridge, kept by Asterisk). */
export const REQUESTOR_EMAIL_HEADER = 'X-RequestorEmail';

/** Seconds to wait for the WebSocket to open. */
const CONNECTION_TIMEOUT_S = 5;

/**
 * A short registration, refreshed by sip.js shortly before it expires: a browser that vanished
 * without unregistering (a crash, a lost network) stops receiving calls from the PBX soon after.
 */
const REGISTRATION_EXPIRES_S = 120;

/** Longer than SIP's transaction timeout (Timer F, 64 × T1 = 32 s), which answers a lost REGISTER with 408. */
const REGISTER_TIMEOUT_MS = 40_000;

/** The status with which a call is declined: by the agent, or because another call is on. */
const BUSY_HERE = 486;

export const createSipJsLine: SipLineFactory = async (options, events) => new SipJsLine(options, events);

class SipJsLine implements SipLine {
  private readonly userAgent: UserAgent;
  private readonly registerer: Registerer;
  private stopping = false;
  private registered = false;

  constructor(
    private readonly options: SipLineOptions,
    private readonly events: SipLineEvents,
  ) {
    const uri = UserAgent.makeURI(options.aor);
    if (uri === undefined) throw new Error(`"${options.aor}" is not a SIP address`);
    this.userAgent = new UserAgent({
      uri,
      transportOptions: { server: options.webSocketUrl, connectionTimeout: CONNECTION_TIMEOUT_S },
      authorizationUsername: options.username,
      authorizationPassword: options.password,
      // The configuration holds the password: never log it. SIP traffic only at error level.
      logConfiguration: false,
      logLevel: 'error',
      // The controller reconnects, with its own backoff.
      reconnectionAttempts: 0,
      userAgentString: 'click-to-call agent page (sip.js)',
      sessionDescriptionHandlerFactoryOptions: {
        // No STUN server: the PBX has a public address and learns the browser's from its ICE
        // checks; a STUN server the browser cannot reach would only delay the answer.
        peerConnectionConfiguration: { iceServers: [] },
      },
      delegate: {
        onDisconnect: (error) => {
          // sip.js passes an error only when the socket dropped without being asked to.
          if (error !== undefined && !this.stopping) {
            this.registered = false;
            this.events.disconnected();
          }
        },
        onInvite: (invitation) => this.events.incomingCall(new SipJsIncomingCall(invitation, options.remoteAudio)),
      },
    });
    this.registerer = new Registerer(this.userAgent, { expires: REGISTRATION_EXPIRES_S, logConfiguration: false });
    this.registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) this.registered = true;
      if (state === RegistererState.Unregistered && this.registered && !this.stopping) {
        this.registered = false;
        this.events.unregistered();
      }
    });
  }

  async connect(): Promise<void> {
    try {
      await this.userAgent.start();
    } catch (error) {
      throw this.unreachable(error);
    }
  }

  async reconnect(): Promise<void> {
    if (this.userAgent.isConnected()) return;
    try {
      await this.userAgent.reconnect();
    } catch (error) {
      throw this.unreachable(error);
    }
  }

  register(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // A registrar that answers with a Contact other than ours gets no callback from sip.js.
      const timer = setTimeout(
        () => reject(new SipLineError('unreachable', `${this.options.webSocketUrl} did not answer the REGISTER`)),
        REGISTER_TIMEOUT_MS,
      );
      this.registerer
        .register({
          requestDelegate: {
            onAccept: () => {
              clearTimeout(timer);
              resolve();
            },
            onReject: (response) => {
              clearTimeout(timer);
              const { statusCode, reasonPhrase } = response.message;
              reject(new SipLineError('refused', `SIP ${statusCode} ${reasonPhrase ?? ''}`.trim(), statusCode));
            },
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(this.unreachable(error));
        });
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    try {
      if (this.registered && this.userAgent.isConnected()) await this.registerer.unregister();
    } catch {
      // The socket is going anyway; the registration expires on the PBX.
    }
    try {
      await this.userAgent.stop();
    } catch {
      // Already stopped.
    }
  }

  private unreachable(error: unknown): SipLineError {
    const why = error instanceof Error ? error.message : String(error);
    return new SipLineError('unreachable', `${this.options.webSocketUrl} did not connect (${why})`);
  }
}

class SipJsIncomingCall implements IncomingCall {
  readonly requestorEmail: string | undefined;
  readonly callerName: string | undefined;
  readonly callerUser: string | undefined;
  private canceled = false;

  constructor(
    private readonly invitation: Invitation,
    private readonly remoteAudio: () => HTMLAudioElement | null,
  ) {
    this.requestorEmail = nonEmpty(invitation.request.getHeader(REQUESTOR_EMAIL_HEADER));
    this.callerName = nonEmpty(invitation.remoteIdentity.displayName);
    this.callerUser = nonEmpty(invitation.remoteIdentity.uri.user);
  }

  listen(events: IncomingCallEvents): void {
    this.invitation.delegate = {
      onCancel: () => {
        this.canceled = true;
      },
      onInfo: (info: Info) => {
        events.info({
          contentType: info.request.getHeader('Content-Type'),
          body: info.request.body,
          accept: () => info.accept(),
          reject: (statusCode) => info.reject({ statusCode }),
        });
      },
    };
    this.invitation.stateChange.addListener((state) => {
      if (state === SessionState.Established) this.playRemoteAudio();
      if (state === SessionState.Terminated) {
        this.stopRemoteAudio();
        if (this.canceled) events.canceled();
        else events.ended();
      }
    });
  }

  answer(): Promise<void> {
    return this.invitation.accept({
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
  }

  reject(): Promise<void> {
    if (this.invitation.state !== SessionState.Initial && this.invitation.state !== SessionState.Establishing) {
      return Promise.resolve();
    }
    return this.invitation.reject({ statusCode: BUSY_HERE });
  }

  async hangUp(): Promise<void> {
    if (this.invitation.state === SessionState.Established) await this.invitation.bye();
  }

  setMuted(muted: boolean): void {
    for (const sender of this.handler()?.peerConnection?.getSenders() ?? []) {
      if (sender.track?.kind === 'audio') sender.track.enabled = !muted;
    }
  }

  private handler(): Web.SessionDescriptionHandler | undefined {
    const handler = this.invitation.sessionDescriptionHandler;
    return handler instanceof Web.SessionDescriptionHandler ? handler : undefined;
  }

  private playRemoteAudio(): void {
    const audio = this.remoteAudio();
    const stream = this.handler()?.remoteMediaStream;
    if (audio === null || stream === undefined) return;
    audio.srcObject = stream;
    // Autoplay is allowed here: the agent has just clicked Answer.
    void audio.play().catch(() => undefined);
  }

  private stopRemoteAudio(): void {
    const audio = this.remoteAudio();
    if (audio !== null) audio.srcObject = null;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
