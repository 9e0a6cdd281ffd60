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

  it('refuses destinations outside the allowed regions', () => {
    expect(checkNumber('+44 20 7946 0958')).toMatchObject({
      status: 'refused',
      code: 'destination_not_allowed',
      message: '+442079460958 is outside the countries this service calls (CA, US).',
    });
  });

  it.each([
    ['+1 264 497 2000', 'AI'],
    ['+1 246 412 2345', 'BB'],
    ['+1 441 234 5678', 'BM'],
    ['+1 242 345 6789', 'BS'],
    ['+1 658 234 5678', 'JM'],
    ['+1 876 234 5678', 'JM'],
    ['+1 869 236 1234', 'KN'],
    ['+1 345 323 1234', 'KY'],
    ['+1 758 234 5678', 'LC'],
    ['+1 721 542 0000', 'SX'],
    ['+1 868 221 2345', 'TT'],
    ['+1 784 266 1234', 'VC'],
    ['+1 809 234 5678', 'DO'],
    ['+1 787 234 5678', 'PR'],
    ['+1 671 300 1234', 'GU'],
  ])('refuses %j (%s): other NANP countries and the US territories are not allowed by default', (typed) => {
    expect(checkNumber(typed)).toMatchObject({ status: 'refused', code: 'destination_not_allowed' });
  });

  it('allows Canada and US toll-free numbers', () => {
    expect(checkNumber('+1 416 555 0199')).toMatchObject({ status: 'allowed', e164: '+14165550199' });
    expect(checkNumber('1 800 234 5678')).toMatchObject({ status: 'allowed', e164: '+18002345678' });
  });

  it('refuses NANP personal numbers whatever the regions', () => {
    expect(checkNumber('+1 500 234 5678')).toMatchObject({ status: 'refused', code: 'number_type_not_allowed' });
  });

  it.each([
    ['(206) 976-0123', '+1XXX976'],
    ['(416) 976-0123', '+1XXX976'],
  ])('refuses %j, blocked by %s', (typed, prefix) => {
    expect(checkNumber(typed)).toMatchObject({
      status: 'refused',
      code: 'destination_blocked',
      message: expect.stringContaining(`blocked high-cost range (${prefix})`),
    });
  });

  it('applies the regions and block-list it is given', () => {
    const rules = { allowedRegions: ['US', 'JM', 'PR'], blockList: ['+1206555'] };
    expect(checkNumber('+1 876 234 5678', rules)).toMatchObject({ status: 'allowed' });
    expect(checkNumber('+1 787 234 5678', rules)).toMatchObject({ status: 'allowed' });
    expect(checkNumber('+1 206 555 0100', rules)).toMatchObject({ status: 'refused', code: 'destination_blocked' });
    expect(checkNumber('+1 416 555 0199', rules)).toMatchObject({ status: 'refused', code: 'destination_not_allowed' });
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
