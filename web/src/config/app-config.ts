/**
 * The page's only deployment-specific input: `config.json`, served next to `index.html`.
 * Keys and meanings are those of docs/CONFIGURATION.md ("Web client").
 */
export type MeetingLayerKind = 'chime' | 'local';

export interface AppConfig {
  /** Base URL of the API, without a trailing slash. */
  apiUrl: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The user-pool emulator's URL (local stack only). */
  userPoolEndpoint?: string;
  meetingLayer: MeetingLayerKind;
  /** Server-sent events of a meeting (local stack only). */
  localEventsUrl?: string;
  /**
   * Where the page posts its WebRTC offer so the local stack relays it to the agent's softphone
   * (local stack only, and only while its softphone registrar runs). Without it the local call
   * carries no audio.
   */
  localMediaUrl?: string;
  /** Where the page joins its meeting with the attendee's join token (local stack only). */
  localJoinUrl?: string;
  /** Where the page says it left its meeting, also by `navigator.sendBeacon` (local stack only). */
  localLeaveUrl?: string;
  defaultToNumber?: string;
  /**
   * Whether people may create their own account (stack output `SelfSignUp`). Absent means no: the
   * page offers sign-in only, and an administrator creates accounts.
   */
  selfSignUp: boolean;
  /**
   * How long the page waits for its meeting audio to connect, in seconds: the stack's
   * `CallerJoinTimeoutSeconds`, which is also how long the server waits for the caller before it gives
   * the call up, so both give up together.
   */
  callerJoinTimeoutSeconds: number;
}

/** The stack's default `CallerJoinTimeoutSeconds` (template.yaml), for a config.json without the key. */
export const DEFAULT_CALLER_JOIN_TIMEOUT_SECONDS = 20;
/** The bounds template.yaml puts on `CallerJoinTimeoutSeconds`. */
export const CALLER_JOIN_TIMEOUT_SECONDS_RANGE = { min: 5, max: 60 } as const;

export type ConfigCheck = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

const MEETING_LAYERS: readonly MeetingLayerKind[] = ['chime', 'local'];

/** Checks what `config.json` held; every problem names the key it is about. */
export function checkConfig(raw: unknown): ConfigCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: ['config.json must hold a JSON object'] };
  }
  const source = raw as Record<string, unknown>;
  const problems: string[] = [];

  const text = (key: string, required: boolean): string | undefined => {
    const value = source[key];
    if (value === undefined || value === null || value === '') {
      if (required) problems.push(`"${key}" is missing`);
      return undefined;
    }
    if (typeof value !== 'string') {
      problems.push(`"${key}" must be a string`);
      return undefined;
    }
    return value.trim();
  };
  const url = (key: string, required: boolean): string | undefined => {
    const value = text(key, required);
    if (value === undefined) return undefined;
    if (!isHttpUrl(value)) {
      problems.push(`"${key}" must be an http(s) URL, got "${value}"`);
      return undefined;
    }
    return value.replace(/\/+$/, '');
  };

  const apiUrl = url('apiUrl', true);
  const region = text('region', true);
  const userPoolId = text('userPoolId', true);
  const userPoolClientId = text('userPoolClientId', true);
  const userPoolEndpoint = url('userPoolEndpoint', false);
  const defaultToNumber = text('defaultToNumber', false);

  const layer = text('meetingLayer', true);
  let meetingLayer: MeetingLayerKind | undefined;
  if (layer !== undefined) {
    if ((MEETING_LAYERS as readonly string[]).includes(layer)) {
      meetingLayer = layer as MeetingLayerKind;
    } else {
      problems.push(`"meetingLayer" must be one of ${MEETING_LAYERS.map((l) => `"${l}"`).join(', ')}, got "${layer}"`);
    }
  }
  const localEventsUrl = url('localEventsUrl', meetingLayer === 'local');
  const localMediaUrl = url('localMediaUrl', false);
  const localJoinUrl = url('localJoinUrl', false);
  const localLeaveUrl = url('localLeaveUrl', false);
  if ((localJoinUrl === undefined) !== (localLeaveUrl === undefined)) {
    problems.push('"localJoinUrl" and "localLeaveUrl" go together: give both or neither');
  }
  let selfSignUp = false;
  if (source.selfSignUp !== undefined && source.selfSignUp !== null) {
    if (typeof source.selfSignUp === 'boolean') {
      selfSignUp = source.selfSignUp;
    } else {
      problems.push(`"selfSignUp" must be true or false`);
    }
  }

  let callerJoinTimeoutSeconds = DEFAULT_CALLER_JOIN_TIMEOUT_SECONDS;
  const joinTimeout = source.callerJoinTimeoutSeconds;
  if (joinTimeout !== undefined && joinTimeout !== null) {
    const { min, max } = CALLER_JOIN_TIMEOUT_SECONDS_RANGE;
    if (typeof joinTimeout === 'number' && Number.isFinite(joinTimeout) && joinTimeout >= min && joinTimeout <= max) {
      callerJoinTimeoutSeconds = joinTimeout;
    } else {
      problems.push(`"callerJoinTimeoutSeconds" must be a number of seconds from ${min} to ${max}, got ${JSON.stringify(joinTimeout)}`);
    }
  }

  if (userPoolId !== undefined && !userPoolId.includes('_')) {
    problems.push(`"userPoolId" must look like "<region>_<id>", got "${userPoolId}"`);
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      apiUrl: apiUrl!,
      region: region!,
      userPoolId: userPoolId!,
      userPoolClientId: userPoolClientId!,
      meetingLayer: meetingLayer!,
      selfSignUp,
      callerJoinTimeoutSeconds,
      ...(userPoolEndpoint !== undefined && { userPoolEndpoint }),
      ...(localEventsUrl !== undefined && { localEventsUrl }),
      ...(localMediaUrl !== undefined && { localMediaUrl }),
      ...(localJoinUrl !== undefined && { localJoinUrl }),
      ...(localLeaveUrl !== undefined && { localLeaveUrl }),
      ...(defaultToNumber !== undefined && { defaultToNumber }),
    },
  };
}

/** Fetches and checks `config.json` from the page's own origin. */
export function loadConfig(url: string, fetchJson: typeof fetch = fetch): Promise<ConfigCheck> {
  return loadAndCheck(url, fetchJson, checkConfig);
}

/** Fetches `config.json` and hands what it holds to `check`. */
export async function loadAndCheck<C extends { ok: boolean }>(
  url: string,
  fetchJson: typeof fetch,
  check: (raw: unknown) => C | { ok: false; problems: string[] },
): Promise<C | { ok: false; problems: string[] }> {
  let response: Response;
  try {
    response = await fetchJson(url, { cache: 'no-store' });
  } catch {
    return { ok: false, problems: [`config.json could not be fetched from ${url}`] };
  }
  if (!response.ok) {
    return { ok: false, problems: [`config.json could not be loaded from ${url} (HTTP ${response.status})`] };
  }
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    return { ok: false, problems: ['config.json is not valid JSON'] };
  }
  return check(raw);
}

function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
