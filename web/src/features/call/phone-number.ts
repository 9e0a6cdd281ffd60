/**
 * The client's copy of the server's default dial rules (call-control's reading of typed numbers and
 * call-model's `DialPolicy`: allowed regions, refused number types, block-list), so a caller sees
 * what the server will probably say while typing. The server stays authoritative: it may allow other
 * regions, and its numbering-plan table may be newer or older than libphonenumber-js's metadata, so a
 * number this module merely refuses on policy is still sent, and only text that cannot be a phone
 * number at all is stopped here.
 */
import {
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type NumberType,
  type PhoneNumber,
} from 'libphonenumber-js/max';

/** Numbers without a country code are read as North American. */
export const DEFAULT_COUNTRY = 'US';
/** Longer input is refused before any parsing, as on the server. */
export const MAX_INPUT_LENGTH = 40;
/** The server's default regions (`DialPolicy.DEFAULT_ALLOWED_REGIONS`): the United States and Canada. */
export const DEFAULT_ALLOWED_REGIONS: readonly string[] = ['US', 'CA'];
/** The server's default block-list (`DialPolicy.DEFAULT_BLOCK_LIST`): NANP premium ranges. */
export const DEFAULT_BLOCK_LIST: readonly string[] = ['+1900', '+1976', '+1XXX976'];
/** Types the server refuses whatever the region (`DialPolicy.REFUSED_TYPES`). */
const REFUSED_TYPES: ReadonlyMap<NumberType, { code: RefusalCode; kind: string }> = new Map<
  NumberType,
  { code: RefusalCode; kind: string }
>([
  ['PREMIUM_RATE', { code: 'premium_rate_number', kind: 'premium-rate' }],
  ['SHARED_COST', { code: 'premium_rate_number', kind: 'shared-cost' }],
  ['PERSONAL_NUMBER', { code: 'number_type_not_allowed', kind: 'personal (follow-me)' }],
  ['UAN', { code: 'number_type_not_allowed', kind: 'universal access' }],
  ['VOICEMAIL', { code: 'number_type_not_allowed', kind: 'voicemail access' }],
]);

const SEPARATORS = /[\s\u00A0\-./()]/g;
const DIALLABLE = /^\+?[0-9]{1,20}$/;

/** The API's stable refusal codes for numbers (call-model `RefusalReason`). */
export type RefusalCode =
  | 'number_missing'
  | 'number_invalid'
  | 'destination_not_allowed'
  | 'destination_blocked'
  | 'premium_rate_number'
  | 'number_type_not_allowed';

export type NumberCheck =
  /** Nothing typed yet. */
  | { status: 'empty' }
  /** Cannot be dialled as typed: not a phone number, or too short or long to be one. */
  | { status: 'unusable'; message: string }
  /** The server is expected to refuse it; it still decides. */
  | { status: 'refused'; code: RefusalCode; e164: string; display: string; message: string }
  | { status: 'allowed'; e164: string; display: string };

export interface DialRules {
  /** ISO 3166 region codes, e.g. `US`, `CA`, `PR`. */
  allowedRegions: readonly string[];
  blockList: readonly string[];
}

const DEFAULT_RULES: DialRules = { allowedRegions: DEFAULT_ALLOWED_REGIONS, blockList: DEFAULT_BLOCK_LIST };

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
export function checkNumber(typed: string, rules: DialRules = DEFAULT_RULES): NumberCheck {
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
  const refusedType = type === undefined ? undefined : REFUSED_TYPES.get(type);
  if (refusedType !== undefined) {
    return refuse(refusedType.code, `${e164} is a ${refusedType.kind} number and cannot be called.`);
  }
  if (number.country === undefined || !rules.allowedRegions.includes(number.country)) {
    const regions = [...rules.allowedRegions].sort().join(', ');
    return refuse('destination_not_allowed', `${e164} is outside the countries this service calls (${regions}).`);
  }
  const blockedBy = rules.blockList.find((prefix) => matchesPrefix(prefix, e164));
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
