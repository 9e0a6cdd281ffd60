/**
 * The one client of the click-to-call API. It attaches the Cognito id token to every request (API
 * Gateway's Cognito authorizer reads the raw token from `Authorization`) and turns every failure
 * into an {@link ApiError} whose `message` can be shown to a person.
 */

/** Routes of call-model `ApiRoutes` (`callStatus` is `/calls/{transactionId}`). */
export const API_ROUTES = { dial: '/dial', update: '/update', callStatus: '/calls/' } as const;

/** Headers of call-model `ApiHeaders`. */
export const API_HEADERS = { idempotencyKey: 'Idempotency-Key', retryAfter: 'Retry-After' } as const;

/**
 * One press of Dial is sent at most this often, always with the same `Idempotency-Key`: again after a
 * network error (the first request may have placed the call; the server answers the same call) and
 * after a 409 `dial_in_progress` (the first request is still running), waiting as `Retry-After` says.
 */
export const DIAL_ATTEMPTS = 3;
const LONGEST_RETRY_WAIT_MS = 3000;

/**
 * How often a press of Dial asks again while the user's previous call is still being released: the
 * server frees a call's slot when the call's end reaches it (the SMA's hang-up event), which can be a
 * moment after the page has seen the call end.
 */
export const PREVIOUS_CALL_POLL_MS = 1000;

/** Chime SDK CreateMeeting / CreateAttendee response shapes, passed through untouched. */
export interface MeetingEnvelope {
  Meeting: { MeetingId: string; [key: string]: unknown };
}
export interface AttendeeEnvelope {
  Attendee: { AttendeeId: string; ExternalUserId?: string; JoinToken: string; [key: string]: unknown };
}

export interface DialResponse {
  meeting: MeetingEnvelope;
  attendee: AttendeeEnvelope;
  transactionId: string;
  toNumber: string;
}

export type CallUpdate = { update: 'digits'; digits: string } | { update: 'end' };

/** `GET /calls/{transactionId}`: one of the caller's own calls in the call ledger (docs/CALL-LEDGER.md). */
export interface CallRecord {
  transactionId: string;
  status: 'dialling' | 'ringing' | 'connected' | 'ended';
  /** Why the call ended, once it has: a set that may grow, so any string. */
  reason: string | null;
  toNumber: string;
  /** ISO-8601 instants, null until they happen. */
  dialledAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
}

/** A failed API call: `code` is the API's stable error code (or one of the client's own below). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  /** Seconds the API asked to wait before trying again (`Retry-After` of a 409 or 429), if it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Codes the client gives failures that carry no API error body. */
export const CLIENT_ERROR_CODES = {
  network: 'network_error',
  unexpected: 'unexpected_response',
  signedOut: 'signed_out',
} as const;

export interface DialOptions {
  /**
   * Until this time (epoch ms) a 429 `call_in_progress` is taken for the page's own previous call,
   * whose end has not reached the server yet: the dial is asked again every {@link PREVIOUS_CALL_POLL_MS}
   * instead of refused at once.
   */
  previousCallReleasedBy?: number;
}

export interface ApiClientOptions {
  apiUrl: string;
  /** The current Cognito id token; rejects when nobody is signed in. */
  idToken: () => Promise<string>;
  fetch?: typeof fetch;
  /** Waits between the attempts of one press of Dial (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
  /** Makes the `Idempotency-Key` of one press of Dial (tests pass a fixed one). */
  newIdempotencyKey?: () => string;
  /** The clock (tests pass a fake). */
  now?: () => number;
}

export interface ApiClient {
  /**
   * One press of Dial: sent with a fresh `Idempotency-Key`, and sent again with the same key after a
   * network error or a 409 `dial_in_progress`, so a retry never places a second call.
   */
  dial(toNumber: string, options?: DialOptions): Promise<DialResponse>;
  update(transactionId: string, update: CallUpdate): Promise<void>;
  /** The call as the server recorded it; 404 `call_not_found` for a call it does not know (yet). */
  callStatus(transactionId: string): Promise<CallRecord>;
  /**
   * Ends a call while the page is being closed: no awaiting is possible then, so this uses the last
   * token already fetched and a `keepalive` request that outlives the page. During a call the page
   * reads its progress at least every 10 s, each read with a token fetched afresh (refreshed once it
   * expires), so that token is at most seconds old.
   */
  endWhileLeaving(transactionId: string): void;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const newIdempotencyKey = options.newIdempotencyKey ?? (() => crypto.randomUUID());
  const now = options.now ?? Date.now;
  let lastToken: string | undefined;

  function post(route: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return request(route, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  }

  async function request(route: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> {
    let token: string;
    try {
      token = await options.idToken();
    } catch {
      throw new ApiError(401, CLIENT_ERROR_CODES.signedOut, 'You are signed out. Sign in again to make calls.');
    }
    lastToken = token;
    let response: Response;
    try {
      response = await send(options.apiUrl + route, { ...init, headers: { ...init.headers, Authorization: token } });
    } catch {
      throw new ApiError(0, CLIENT_ERROR_CODES.network,
        'The call service could not be reached. Check your connection and try again.');
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  return {
    async dial(toNumber, dialOptions = {}) {
      const key = newIdempotencyKey();
      for (let attempt = 1; ; ) {
        let response: Response;
        try {
          response = await post(API_ROUTES.dial, { toNumber }, { [API_HEADERS.idempotencyKey]: key });
        } catch (error) {
          if (isPreviousCallStillHeld(error) && now() < (dialOptions.previousCallReleasedBy ?? 0)) {
            await sleep(PREVIOUS_CALL_POLL_MS);
            continue;
          }
          if (attempt >= DIAL_ATTEMPTS || !isWorthRetrying(error)) throw error;
          await sleep(retryWaitMs(error, attempt));
          attempt++;
          continue;
        }
        const body: unknown = await response.json().catch(() => undefined);
        if (!isDialResponse(body)) {
          throw new ApiError(response.status, CLIENT_ERROR_CODES.unexpected,
            'The call service gave an answer this page does not understand.');
        }
        return body;
      }
    },
    async update(transactionId, update) {
      await post(API_ROUTES.update, { transactionId, ...update });
    },
    async callStatus(transactionId) {
      const response = await request(API_ROUTES.callStatus + encodeURIComponent(transactionId), { method: 'GET', headers: {} });
      const body: unknown = await response.json().catch(() => undefined);
      if (!isCallRecord(body)) {
        throw new ApiError(response.status, CLIENT_ERROR_CODES.unexpected,
          'The call service gave an answer this page does not understand.');
      }
      return body;
    },
    endWhileLeaving(transactionId) {
      if (lastToken === undefined) return;
      void send(options.apiUrl + API_ROUTES.update, {
        method: 'POST',
        keepalive: true,
        headers: { 'Content-Type': 'application/json', Authorization: lastToken },
        body: JSON.stringify({ transactionId, update: 'end' }),
      }).catch(() => undefined);
    },
  };
}

/** A retry of the same press is safe and may help: the request may not have arrived, or is still running. */
function isWorthRetrying(error: unknown): error is ApiError {
  return error instanceof ApiError
    && (error.code === CLIENT_ERROR_CODES.network || (error.status === 409 && error.code === 'dial_in_progress'));
}

/** The user's call slots are full: a refusal that placed nothing, so asking again with the same key is safe. */
function isPreviousCallStillHeld(error: unknown): boolean {
  return error instanceof ApiError && error.status === 429 && error.code === 'call_in_progress';
}

function retryWaitMs(error: ApiError, attempt: number): number {
  const asked = error.retryAfterSeconds === undefined ? attempt : error.retryAfterSeconds;
  return Math.min(asked * 1000, LONGEST_RETRY_WAIT_MS);
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const retryAfter = Number.parseInt(response.headers.get(API_HEADERS.retryAfter) ?? '', 10);
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.error, body.message, Number.isNaN(retryAfter) ? undefined : retryAfter);
  }
  if (response.status === 401 || response.status === 403) {
    return new ApiError(response.status, 'unauthenticated', 'Your sign-in has expired. Sign in again to make calls.');
  }
  if (response.status === 429) {
    // API Gateway's own throttling: {"message": "Too Many Requests"}, no error code.
    return new ApiError(response.status, 'throttled',
      'The call service is busy right now. Wait a few seconds and try again.', Number.isNaN(retryAfter) ? undefined : retryAfter);
  }
  if (response.status === 504) {
    // API Gateway gave up waiting for the function: the request may still have been carried out.
    return new ApiError(response.status, 'gateway_timeout',
      'The call service took too long to answer. Wait a moment, then check whether the call started before you try again.');
  }
  if (response.status === 502 || response.status === 503) {
    return new ApiError(response.status, 'service_unavailable',
      'The calling service is unavailable at the moment. Try again in a minute.');
  }
  return new ApiError(response.status, CLIENT_ERROR_CODES.unexpected,
    `The call service failed (HTTP ${response.status}). Try again.`);
}

function isErrorBody(body: unknown): body is { error: string; message: string } {
  return isObject(body) && typeof body.error === 'string' && typeof body.message === 'string' && body.message !== '';
}

const CALL_STATUSES: ReadonlySet<unknown> = new Set(['dialling', 'ringing', 'connected', 'ended']);

function isCallRecord(body: unknown): body is CallRecord {
  const optionalText = (value: unknown) => value === null || typeof value === 'string';
  return isObject(body) && typeof body.transactionId === 'string' && CALL_STATUSES.has(body.status)
    && optionalText(body.reason) && optionalText(body.answeredAt) && optionalText(body.endedAt);
}

function isDialResponse(body: unknown): body is DialResponse {
  if (!isObject(body) || typeof body.transactionId !== 'string' || typeof body.toNumber !== 'string') return false;
  const meeting = body.meeting;
  const attendee = body.attendee;
  return isObject(meeting) && isObject(meeting.Meeting) && typeof meeting.Meeting.MeetingId === 'string'
    && isObject(attendee) && isObject(attendee.Attendee) && typeof attendee.Attendee.AttendeeId === 'string';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
