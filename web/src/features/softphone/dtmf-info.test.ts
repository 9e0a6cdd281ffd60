import { describe, expect, it } from 'vitest';
import { parseDtmfInfo } from './dtmf-info';

describe('parseDtmfInfo', () => {
  it("reads Asterisk's application/dtmf-relay body", () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toEqual({ ok: true, digit: '5' });
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=#\nDuration=250')).toEqual({ ok: true, digit: '#' });
    expect(parseDtmfInfo('Application/DTMF-Relay; charset=utf-8', 'signal = * \r\n')).toEqual({ ok: true, digit: '*' });
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=d\r\nDuration=160\r\n')).toEqual({ ok: true, digit: 'D' });
  });

  it('reads application/dtmf, whose body is the digit', () => {
    expect(parseDtmfInfo('application/dtmf', '7')).toEqual({ ok: true, digit: '7' });
    expect(parseDtmfInfo('application/dtmf', ' A\r\n')).toEqual({ ok: true, digit: 'A' });
  });

  it('refuses with 400 what is not one digit', () => {
    for (const [type, body] of [
      ['application/dtmf-relay', 'Signal=E\r\nDuration=160'],
      ['application/dtmf-relay', 'Signal=12\r\nDuration=160'],
      ['application/dtmf-relay', 'Signal=<b>1</b>'],
      ['application/dtmf-relay', 'Duration=160'],
      ['application/dtmf-relay', 'Signal=5\r\nDuration=long'],
      ['application/dtmf-relay', 'Signal=5\r\nSignal=6'],
      ['application/dtmf-relay', '5'],
      ['application/dtmf-relay', ''],
      ['application/dtmf', ''],
      ['application/dtmf', '55'],
      ['application/dtmf', '%'],
    ] as const) {
      const parsed = parseDtmfInfo(type, body);
      expect(parsed.ok, `${type} ${JSON.stringify(body)}`).toBe(false);
      expect(!parsed.ok && parsed.statusCode).toBe(400);
    }
  });

  it('refuses with 415 any other content type, or none', () => {
    expect(parseDtmfInfo('application/media_control+xml', '<media_control/>')).toMatchObject({ ok: false, statusCode: 415 });
    expect(parseDtmfInfo('text/plain', '5')).toMatchObject({ ok: false, statusCode: 415 });
    expect(parseDtmfInfo(undefined, 'Signal=5')).toMatchObject({ ok: false, statusCode: 415 });
  });
});
