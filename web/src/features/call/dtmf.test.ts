import { describe, expect, it } from 'vitest';
import { digitsProblem, keypadDigitForKey, MAX_DIGITS } from './dtmf';

describe('digitsProblem', () => {
  it.each(['1', '0123456789', '*#', 'ABCD', 'abcd', '1,,2'])('accepts %j', (digits) => {
    expect(digitsProblem(digits)).toBeUndefined();
  });

  it('refuses nothing at all', () => {
    expect(digitsProblem('')).toBe('no digits given');
  });

  it('refuses more than the SendDigits limit', () => {
    expect(digitsProblem('1'.repeat(MAX_DIGITS))).toBeUndefined();
    expect(digitsProblem('1'.repeat(MAX_DIGITS + 1))).toBe('at most 50 digits at a time, got 51');
  });

  it.each(['E', '1 2', '+', '\n'])('refuses %j', (digits) => {
    expect(digitsProblem(digits)).toMatch(/only 0-9/);
  });
});

describe('keypadDigitForKey', () => {
  it('maps digit, star and pound keys', () => {
    expect(['0', '9', '*', '#'].map(keypadDigitForKey)).toEqual(['0', '9', '*', '#']);
  });

  it('ignores other keys', () => {
    expect(['a', 'Enter', ' ', '10'].map(keypadDigitForKey)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
