import { describe, expect, it } from 'vitest';
import { checkNumber, diallableDigits, matchesPrefix } from './phone-number';

describe('diallableDigits', () => {
  it.each([
    ['(206) 555-0100', '2065550100'],
    ['206.555.0100', '2065550100'],
    ['206/555 0100', '2065550100'],
    ['+1 206-555-0100', '+12065550100'],
    ['0044 20 7946 0958', '+442079460958'],
    ['\u00A0206 555 0100', '2065550100'],
  ])('reads %j as %j', (typed, expected) => {
    expect(diallableDigits(typed)).toBe(expected);
  });

  it.each(['206-555-CALL', '+1+2065550100', '206_555_0100', '1'.repeat(41)])('refuses %j', (typed) => {
    expect(diallableDigits(typed)).toBeUndefined();
  });
});

describe('checkNumber', () => {
  it('reads a number without a country code as North American', () => {
    expect(checkNumber('(206) 555-0100')).toEqual({ status: 'allowed', e164: '+12065550100', display: '+1 206 555 0100' });
  });

  it('reads a leading 00 as +', () => {
    expect(checkNumber('001 206 555 0100')).toMatchObject({ status: 'allowed', e164: '+12065550100' });
  });

  it('says nothing about an empty field', () => {
    expect(checkNumber('  ')).toEqual({ status: 'empty' });
  });

  it('stops text that is not a phone number', () => {
    expect(checkNumber('call me')).toMatchObject({ status: 'unusable' });
  });

  it('stops a number that is still too short', () => {
    expect(checkNumber('206 555')).toMatchObject({ status: 'unusable', message: expect.stringContaining('too short') });
  });

  it('refuses a number that does not exist in its plan', () => {
    expect(checkNumber('+1 206 055 0100')).toMatchObject({
      status: 'refused',
      code: 'number_invalid',
      message: '+12060550100 is not a valid phone number.',
    });
  });

  it('refuses NANP premium-rate numbers whatever the lists say', () => {
    expect(checkNumber('1-900-555-0199')).toMatchObject({
      status: 'refused',
      code: 'premium_rate_number',
      message: '+19005550199 is a premium-rate number and cannot be called.',
    });
  });

  it('refuses destinations outside the allow-list', () => {
    expect(checkNumber('+44 20 7946 0958')).toMatchObject({
      status: 'refused',
      code: 'destination_not_allowed',
      message: '+442079460958 is outside the destinations this service calls (+1).',
    });
  });

  it.each([
    ['+1 876 555 0123', '+1876'],
    ['+1 809 555 0123', '+1809'],
    ['(206) 976-0123', '+1XXX976'],
  ])('refuses %j, blocked by %s', (typed, prefix) => {
    expect(checkNumber(typed)).toMatchObject({
      status: 'refused',
      code: 'destination_blocked',
      message: expect.stringContaining(`blocked high-cost range (${prefix})`),
    });
  });

  it('applies the lists it is given', () => {
    expect(checkNumber('+44 20 7946 0958', { allowList: ['+1', '+44'], blockList: [] })).toMatchObject({ status: 'allowed' });
  });
});

describe('matchesPrefix', () => {
  it('matches X against any digit', () => {
    expect(matchesPrefix('+1XXX976', '+12069760123')).toBe(true);
    expect(matchesPrefix('+1XXX976', '+12065550123')).toBe(false);
  });

  it('does not match a number shorter than the prefix', () => {
    expect(matchesPrefix('+1XXX976', '+1206')).toBe(false);
  });
});
