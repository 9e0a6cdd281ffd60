/**
 * DTMF digits as `SendDigits` takes them (call-model `DtmfDigits`): 1–50 of `0-9 * # A-D`, and `,`
 * for a half-second pause.
 */
export const MAX_DIGITS = 50;

const DTMF = /^[0-9*#A-Da-d,]+$/;
const DTMF_DIGIT = /^[0-9*#A-D]$/;

/** Whether `value` is one DTMF digit (an RFC 4733 event 0-15): `0-9 * # A-D`. */
export function isDtmfDigit(value: string): boolean {
  return DTMF_DIGIT.test(value);
}

/** The twelve keys of a telephone keypad, with the letters printed on them. */
export const KEYPAD_KEYS: ReadonlyArray<{ digit: string; letters: string }> = [
  { digit: '1', letters: '' },
  { digit: '2', letters: 'ABC' },
  { digit: '3', letters: 'DEF' },
  { digit: '4', letters: 'GHI' },
  { digit: '5', letters: 'JKL' },
  { digit: '6', letters: 'MNO' },
  { digit: '7', letters: 'PQRS' },
  { digit: '8', letters: 'TUV' },
  { digit: '9', letters: 'WXYZ' },
  { digit: '*', letters: '' },
  { digit: '0', letters: '+' },
  { digit: '#', letters: '' },
];

/** Why `digits` cannot be sent, or `undefined` when it can. */
export function digitsProblem(digits: string): string | undefined {
  if (digits.length === 0) return 'no digits given';
  if (digits.length > MAX_DIGITS) return `at most ${MAX_DIGITS} digits at a time, got ${digits.length}`;
  if (!DTMF.test(digits)) return 'only 0-9, *, #, A-D and , (pause) can be sent';
  return undefined;
}

/** The key a keyboard press stands for on the keypad, if any. */
export function keypadDigitForKey(key: string): string | undefined {
  return /^[0-9*#]$/.test(key) ? key : undefined;
}
