/**
 * The client's copy of the server's dial rules (call-model `PhoneNumbers` and `DialPolicy`), so a
 * caller sees what the server will say while typing. The server stays authoritative: it may be
 * configured with other lists, so a number this module merely refuses on policy is still sent,
 * and only text that cannot be a phone number at all is stopped here.
 */
import { parsePhoneNumberFromString, validatePhoneNumberLength, type PhoneNumber } from 'libphonenumber-js/max';

/** Numbers without a country code are read as North American. */
export const DEFAULT_COUNTRY = 'US';
/** Longer input is refused before any parsing, as on the server. */
export const MAX_INPUT_LENGTH = 40;
/** The server's default allow-list: North America only. */
export const DEFAULT_ALLOW_LIST: readonly string[] = ['+1'];
/** The server's default block-list: NANP premium ranges and high-fraud Caribbean area codes. */
export const DEFAULT_BLOCK_LIST: readonly string[] = [
  '+1900', '+1976', '+1XXX976',
  '+1268', '+1284', '+1473', '+1649', '+1664', '+1767', '+1809', '+1829', '+1849', '+1876',
];

const SEPARATORS = /[\s\u00A0\-./()]/g;
const DIALLABLE = /^\+?[0-9]{1,20}$/;

/** The API's stable refusal codes for numbers (call-model `RefusalReason`). */
export type RefusalCode =
  | 'number_missing'
  | 'number_invalid'
  | 'destination_not_allowed'
  | 'destination_blocked'
  | 'premium_rate_number';

export type NumberCheck =
  /** Nothing typed yet. */
  | { status: 'empty' }
  /** Cannot be dialled as typed: not a phone number, or too short or long to be one. */
  | { status: 'unusable'; message: string }
  /** The server is expected to refuse it; it still decides. */
  | { status: 'refused'; code: RefusalCode; e164: string; display: string; message: string }
  | { status: 'allowed'; e164: string; display: string };

export interface DialLists {
  allowList: readonly string[];
  blockList: readonly string[];
}

const DEFAULT_LISTS: DialLists = { allowList: DEFAULT_ALLOW_LIST, blockList: DEFAULT_BLOCK_LIST };

/**
 * Separators removed and a leading `00` read as `+`; `undefined` when the text holds anything
 * else than digits and one leading `+`.
 */
export function diallableDigits(typed: string): string | undefined {
  if (typed.length > MAX_INPUT_LENGTH) return undefined;
  const digits = typed.replace(SEPARATORS, '');
  if (!DIALLABLE.test(digits)) return undefined;
  return digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
}

export function parseNumber(typed: string): PhoneNumber | undefined {
  const digits = diallableDigits(typed);
  if (digits === undefined) return undefined;
  return parsePhoneNumberFromString(digits, DEFAULT_COUNTRY);
}

/** `+12065550100` as people read it, `+1 206 555 0100`; unchanged when it is not a number. */
export function displayNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** What the page says about the number while it is typed. */
export function checkNumber(typed: string, lists: DialLists = DEFAULT_LISTS): NumberCheck {
  if (typed.trim() === '') return { status: 'empty' };
  const digits = diallableDigits(typed);
  if (digits === undefined) {
    return { status: 'unusable', message: 'That is not a phone number: use digits, with + or 00 before a country code.' };
  }
  const number = parsePhoneNumberFromString(digits, DEFAULT_COUNTRY);
  if (number === undefined) {
    return { status: 'unusable', message: 'That is not a phone number yet.' };
  }
  const length = validatePhoneNumberLength(digits, DEFAULT_COUNTRY);
  if (length === 'TOO_SHORT' || length === 'NOT_A_NUMBER') {
    return { status: 'unusable', message: 'Keep typing: the number is too short.' };
  }
  if (length === 'TOO_LONG') {
    return { status: 'unusable', message: 'The number is too long.' };
  }
  const e164 = number.number;
  const display = number.formatInternational();
  const refuse = (code: RefusalCode, message: string): NumberCheck => ({ status: 'refused', code, e164, display, message });

  if (!number.isValid()) {
    return refuse('number_invalid', `${e164} is not a valid phone number.`);
  }
  const type = number.getType();
  if (type === 'PREMIUM_RATE' || type === 'SHARED_COST') {
    const kind = type === 'PREMIUM_RATE' ? 'premium-rate' : 'shared-cost';
    return refuse('premium_rate_number', `${e164} is a ${kind} number and cannot be called.`);
  }
  if (!lists.allowList.some((prefix) => matchesPrefix(prefix, e164))) {
    return refuse(
      'destination_not_allowed',
      `${e164} is outside the destinations this service calls (${lists.allowList.join(', ')}).`,
    );
  }
  const blockedBy = lists.blockList.find((prefix) => matchesPrefix(prefix, e164));
  if (blockedBy !== undefined) {
    return refuse('destination_blocked', `${e164} is in a blocked high-cost range (${blockedBy}).`);
  }
  return { status: 'allowed', e164, display };
}

/** Whether `e164` starts with `prefix`, `X` in the prefix matching any digit. */
export function matchesPrefix(prefix: string, e164: string): boolean {
  if (e164.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const p = prefix[i];
    if (p !== 'X' && p !== e164[i]) return false;
  }
  return true;
}
