/**
 * What the SIP peer (the local stack's answering agent, or the PBX it is pointed at) saw of a call,
 * from the `pbx` entries of the call's timeline (`GET /local/calls/{transactionId}`).
 */
import { callTimeline } from './local-stack';

/** The DTMF digits the peer received, in order. */
export async function digitsAtPeer(transactionId: string): Promise<string> {
  const timeline = await callTimeline(transactionId);
  let received = '';
  for (const entry of timeline.entries) {
    if (entry.kind !== 'pbx') continue;
    const soFar = /\(so far: ([^)]*)\)/.exec(entry.summary);
    if (soFar?.[1] !== undefined) received = soFar[1];
  }
  return received;
}

/** Whether the peer saw the caller's side hang up. */
export async function peerSawHangUp(transactionId: string): Promise<boolean> {
  const timeline = await callTimeline(transactionId);
  return timeline.entries.some((entry) => entry.kind === 'pbx' && /HUNG_UP/.test(entry.summary));
}

/** The headers of the INVITE the peer received, as the stack recorded them. */
export async function inviteHeadersAtPeer(transactionId: string): Promise<Record<string, unknown> | undefined> {
  const timeline = await callTimeline(transactionId);
  const invite = timeline.entries.find((entry) => entry.kind === 'pbx' && entry.summary.startsWith('INVITE received'));
  return invite?.detail as Record<string, unknown> | undefined;
}

/** A header's value, whatever the case of its name. */
export function header(headers: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined) return undefined;
  const value = headers[key];
  return Array.isArray(value) ? String(value[0]) : String(value);
}
