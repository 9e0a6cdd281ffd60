/**
 * The agent page's part of `config.json`: the optional `softphone` object (docs/CONFIGURATION.md).
 * The caller page never reads it, so a deployment without an agent needs no such key. The SIP
 * password is deliberately not a key: it is typed on the page and kept in memory only.
 */
import { checkConfig, loadAndCheck, type AppConfig } from './app-config';

export interface SoftphoneConfig {
  /** The PBX's SIP-over-WebSocket URL, e.g. `wss://d111.cloudfront.net/ws`. */
  webSocketUrl: string;
  /** The agent's SIP user name, e.g. `agent`. */
  agentName: string;
}

export interface AgentPageConfig extends AppConfig {
  softphone: SoftphoneConfig;
}

export type AgentPageConfigCheck = { ok: true; config: AgentPageConfig } | { ok: false; problems: string[] };

const SOFTPHONE_KEYS = ['webSocketUrl', 'agentName'] as const;

/** RFC 3261's user part without escapes: unreserved and user-unreserved characters. */
const SIP_USER = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/]+$/;

/** Checks the `softphone` object of `config.json`; every problem names the key it is about. */
export function checkSoftphoneConfig(raw: unknown): { ok: true; softphone: SoftphoneConfig } | { ok: false; problems: string[] } {
  const source = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const section = source.softphone;
  if (section === undefined || section === null) {
    return {
      ok: false,
      problems: ['"softphone" is missing: the agent page needs "softphone.webSocketUrl" and "softphone.agentName"'],
    };
  }
  if (typeof section !== 'object' || Array.isArray(section)) {
    return { ok: false, problems: ['"softphone" must be an object with "webSocketUrl" and "agentName"'] };
  }
  const values = section as Record<string, unknown>;
  const problems: string[] = [];

  for (const key of Object.keys(values)) {
    if ((SOFTPHONE_KEYS as readonly string[]).includes(key)) continue;
    problems.push(/pass|secret/i.test(key)
      ? `"softphone.${key}" must not be in config.json: the SIP password is typed on the agent page`
      : `"softphone.${key}" is not a known key (only "webSocketUrl" and "agentName")`);
  }

  const text = (key: (typeof SOFTPHONE_KEYS)[number]): string | undefined => {
    const value = values[key];
    if (value === undefined || value === null || value === '') {
      problems.push(`"softphone.${key}" is missing`);
      return undefined;
    }
    if (typeof value !== 'string') {
      problems.push(`"softphone.${key}" must be a string`);
      return undefined;
    }
    return value.trim();
  };

  const webSocketUrl = text('webSocketUrl');
  if (webSocketUrl !== undefined && !isWebSocketUrl(webSocketUrl)) {
    problems.push(`"softphone.webSocketUrl" must be a ws:// or wss:// URL, got "${webSocketUrl}"`);
  }
  const agentName = text('agentName');
  if (agentName !== undefined && !SIP_USER.test(agentName)) {
    problems.push(`"softphone.agentName" must be a SIP user name (letters, digits, - _ . and the like), got "${agentName}"`);
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, softphone: { webSocketUrl: webSocketUrl!, agentName: agentName! } };
}

/** Everything the agent page needs: the caller page's keys and `softphone`. */
export function checkAgentPageConfig(raw: unknown): AgentPageConfigCheck {
  const app = checkConfig(raw);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return app as AgentPageConfigCheck;
  const softphone = checkSoftphoneConfig(raw);
  if (!app.ok || !softphone.ok) {
    return { ok: false, problems: [...(app.ok ? [] : app.problems), ...(softphone.ok ? [] : softphone.problems)] };
  }
  return { ok: true, config: { ...app.config, softphone: softphone.softphone } };
}

/** Fetches and checks `config.json` for the agent page. */
export function loadAgentPageConfig(url: string, fetchJson: typeof fetch = fetch): Promise<AgentPageConfigCheck> {
  return loadAndCheck(url, fetchJson, checkAgentPageConfig);
}

/** The agent's SIP address: `sip:<agentName>@<host of webSocketUrl>`. */
export function agentAddress(softphone: SoftphoneConfig): string {
  return `sip:${softphone.agentName}@${new URL(softphone.webSocketUrl).hostname}`;
}

function isWebSocketUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}
