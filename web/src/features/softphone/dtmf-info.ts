/**
 * Digits the caller presses reach the agent as SIP INFO: WebRTC does not hand received RFC 4733
 * events to JavaScript, so the PBX relays them as INFO (Asterisk's `dtmf_mode=info`). Asterisk
 * sends `application/dtmf-relay` with `Signal=<digit>` and `Duration=<ms>` lines; some PBXs send
 * `application/dtmf` with the digit as the whole body.
 */

import { isDtmfDigit } from '../call/dtmf';

export const DTMF_RELAY = 'application/dtmf-relay';
export const DTMF = 'application/dtmf';

export type DtmfInfo =
  | { ok: true; digit: string }
  /** 415 for a content type that carries no digits, 400 for a body that is not one digit. */
  | { ok: false; statusCode: 400 | 415; reason: string };

export function parseDtmfInfo(contentType: string | undefined, body: string | undefined): DtmfInfo {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === DTMF_RELAY) return relayDigit(body ?? '');
  if (type === DTMF) return digit((body ?? '').trim());
  return { ok: false, statusCode: 415, reason: `INFO of type "${type}" carries no digits` };
}

function relayDigit(body: string): DtmfInfo {
  const fields = new Map<string, string>();
  for (const line of body.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const equals = line.indexOf('=');
    if (equals < 0) return malformed(`line "${line.trim()}" is not "name=value"`);
    const name = line.slice(0, equals).trim().toLowerCase();
    if (fields.has(name)) return malformed(`"${name}" appears twice`);
    fields.set(name, line.slice(equals + 1).trim());
  }
  const signal = fields.get('signal');
  if (signal === undefined) return malformed('there is no Signal line');
  const duration = fields.get('duration');
  if (duration !== undefined && !/^\d+$/.test(duration)) return malformed(`Duration "${duration}" is not a number`);
  return digit(signal);
}

function digit(value: string): DtmfInfo {
  const upper = value.toUpperCase();
  return isDtmfDigit(upper) ? { ok: true, digit: upper } : malformed(`"${value}" is not a DTMF digit`);
}

function malformed(reason: string): DtmfInfo {
  return { ok: false, statusCode: 400, reason };
}
