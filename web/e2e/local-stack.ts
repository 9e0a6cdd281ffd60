/**
 * What the browser tests ask of the running local stack, through its documented endpoints
 * (docs/LOCAL-STACK.md): the client config, the mailbox of confirmation codes and call timelines.
 */
import type { Page } from 'playwright-core';

export const STACK_URL = (process.env.LOCAL_STACK_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');

export interface ClientConfig {
  apiUrl: string;
  meetingLayer: string;
  [key: string]: unknown;
}

export class StackUnreachable extends Error {}

export async function stackConfig(): Promise<ClientConfig> {
  let response: Response;
  try {
    response = await fetch(`${STACK_URL}/config.json`, { signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    throw new StackUnreachable(
      `The local stack is not reachable at ${STACK_URL} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start it with scripts/local-stack.sh, or set LOCAL_STACK_URL to where it runs.',
    );
  }
  if (!response.ok) {
    throw new StackUnreachable(`${STACK_URL}/config.json answered HTTP ${response.status}: is this the local stack?`);
  }
  return (await response.json()) as ClientConfig;
}

/** The confirmation code the user pool sent to `email`, waiting for it to arrive. */
export async function confirmationCode(email: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${STACK_URL}/local/mailbox?email=${encodeURIComponent(email)}`);
    if (response.ok) return ((await response.json()) as { code: string }).code;
    if (response.status !== 404 || Date.now() > deadline) {
      throw new Error(`no confirmation code for ${email}: HTTP ${response.status} ${await response.text()}`);
    }
    await sleep(250);
  }
}

export interface TimelineEntry {
  kind: string;
  summary: string;
  detail?: unknown;
}

export interface CallTimeline {
  transactionId: string;
  outcome: string | null;
  endedAt: string | null;
  entries: TimelineEntry[];
}

export async function callTimeline(transactionId: string): Promise<CallTimeline> {
  const response = await fetch(`${STACK_URL}/local/calls/${encodeURIComponent(transactionId)}`);
  if (!response.ok) throw new Error(`no timeline for call ${transactionId}: HTTP ${response.status}`);
  return (await response.json()) as CallTimeline;
}

/** What `GET /calls/{transactionId}` answers. */
export interface LedgerCall {
  status: string;
  reason: string | null;
}

/**
 * The call as the call ledger records it, read through the API as the signed-in user of `page` (its id
 * token, from the browser's storage, is the Authorization the page itself sends).
 */
export async function ledgerCall(page: Page, transactionId: string): Promise<LedgerCall> {
  const { apiUrl } = await stackConfig();
  return page.evaluate(
    async ({ apiUrl, transactionId }) => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('CognitoIdentityServiceProvider.') && k.endsWith('.idToken'));
      const token = key === undefined ? null : localStorage.getItem(key);
      if (token === null) throw new Error('the page is not signed in');
      const response = await fetch(`${apiUrl.replace(/\/+$/, '')}/calls/${encodeURIComponent(transactionId)}`, {
        headers: { Authorization: token },
      });
      if (!response.ok) throw new Error(`GET /calls/${transactionId}: HTTP ${response.status}`);
      return (await response.json()) as { status: string; reason: string | null };
    },
    { apiUrl, transactionId },
  );
}

export async function callIds(): Promise<string[]> {
  const response = await fetch(`${STACK_URL}/local/calls`);
  if (!response.ok) throw new Error(`GET /local/calls: HTTP ${response.status}`);
  return ((await response.json()) as { transactionIds: string[] }).transactionIds;
}

/** Polls `probe` until it returns something other than undefined. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    }
    await sleep(250);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface SoftphoneCredentials {
  agentName: string;
  password: string;
  webSocketUrl: string;
}

/** The agent's SIP user and this run's password (`GET /local/softphone`, answered to loopback callers only). */
export async function softphoneCredentials(): Promise<SoftphoneCredentials> {
  const response = await fetch(`${STACK_URL}/local/softphone`);
  if (!response.ok) throw new Error(`GET /local/softphone: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as SoftphoneCredentials;
}
