import { describe, expect, it, vi } from 'vitest';
import { API_HEADERS, ApiError, createApiClient, DIAL_ATTEMPTS, PREVIOUS_CALL_POLL_MS } from './api-client';

const dialAnswer = {
  meeting: { Meeting: { MeetingId: 'm-1', MediaPlacement: { AudioHostUrl: 'wss://audio' } } },
  attendee: { Attendee: { AttendeeId: 'a-1', ExternalUserId: 'u-1', JoinToken: 'secret' } },
  transactionId: 'tx-1',
  toNumber: '+12065550100',
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function client(fetchStub: typeof fetch, idToken: () => Promise<string> = async () => 'id-token-1') {
  return createApiClient({ apiUrl: 'https://api.example.com/prod', idToken, fetch: fetchStub, sleep: async () => undefined });
}

describe('createApiClient', () => {
  it('posts /dial with the id token and returns the call', async () => {
    const fetchStub = vi.fn<typeof fetch>(async () => json(200, dialAnswer));

    await expect(client(fetchStub).dial('(206) 555-0100')).resolves.toEqual(dialAnswer);

    const [url, init] = fetchStub.mock.calls[0]!;
    expect(url).toBe('https://api.example.com/prod/dial');
    expect(init).toMatchObject({ method: 'POST', headers: { Authorization: 'id-token-1', 'Content-Type': 'application/json' } });
    expect(JSON.parse(init!.body as string)).toEqual({ toNumber: '(206) 555-0100' });
  });

  it('posts digits and hang-ups to /update', async () => {
    const fetchStub = vi.fn<typeof fetch>(async () => json(202, {}));
    const api = client(fetchStub);

    await api.update('tx-1', { update: 'digits', digits: '12#' });
    await api.update('tx-1', { update: 'end' });

    expect(fetchStub.mock.calls.map(([url, init]) => [url, JSON.parse(init!.body as string)])).toEqual([
      ['https://api.example.com/prod/update', { transactionId: 'tx-1', update: 'digits', digits: '12#' }],
      ['https://api.example.com/prod/update', { transactionId: 'tx-1', update: 'end' }],
    ]);
  });

  it('turns an API error body into an ApiError with its code and message', async () => {
    const fetchStub = vi.fn<typeof fetch>(async () =>
      json(400, { error: 'destination_blocked', message: '+19765550100 is in a blocked high-cost range (+1976).' }));

    const failure = await client(fetchStub).dial('1 976 555 0100').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 400,
      code: 'destination_blocked',
      message: '+19765550100 is in a blocked high-cost range (+1976).',
    });
  });

  it("explains API Gateway's bare 401", async () => {
    const fetchStub = vi.fn<typeof fetch>(async () => json(401, { message: 'Unauthorized' }));

    await expect(client(fetchStub).dial('2065550100')).rejects.toMatchObject({
      code: 'unauthenticated',
      message: 'Your sign-in has expired. Sign in again to make calls.',
    });
  });

  it('explains a Chime failure behind a 503 without a body', async () => {
    const fetchStub = vi.fn<typeof fetch>(async () => new Response('', { status: 503 }));

    await expect(client(fetchStub).dial('2065550100')).rejects.toMatchObject({ status: 503, code: 'service_unavailable' });
  });

  it("explains API Gateway's own throttling and time-out, which carry no error code", async () => {
    const throttled = vi.fn<typeof fetch>(async () => new Response(JSON.stringify({ message: 'Too Many Requests' }),
      { status: 429, headers: { 'Content-Type': 'application/json' } }));
    await expect(client(throttled).dial('2065550100')).rejects.toMatchObject({
      status: 429, code: 'throttled', message: 'The call service is busy right now. Wait a few seconds and try again.',
    });

    const timedOut = vi.fn<typeof fetch>(async () => new Response(JSON.stringify({ message: 'Endpoint request timed out' }),
      { status: 504, headers: { 'Content-Type': 'application/json' } }));
    await expect(client(timedOut).update('tx-1', { update: 'end' })).rejects.toMatchObject({ status: 504, code: 'gateway_timeout' });
  });

  it('fetches the token afresh for every request, so a refreshed token replaces an expired one', async () => {
    const tokens = ['expiring-token', 'refreshed-token'];
    const fetchStub = vi.fn<typeof fetch>(async () => new Response(null, { status: 202 }));
    const api = client(fetchStub, async () => tokens.shift() ?? 'none');

    await api.update('tx-1', { update: 'end' });
    await api.update('tx-1', { update: 'end' });
    api.endWhileLeaving('tx-1');

    expect(fetchStub.mock.calls.map(([, init]) => (init!.headers as Record<string, string>).Authorization))
      .toEqual(['expiring-token', 'refreshed-token', 'refreshed-token']);
  });

  it('reads a call record with GET /calls/{id}, the id encoded into the path', async () => {
    const record = { transactionId: 'tx-1', status: 'ringing', reason: null, toNumber: '+12065550100',
      dialledAt: '2026-12-03T10:00:00.000Z', answeredAt: null, endedAt: null };
    const fetchStub = vi.fn<typeof fetch>(async () => json(200, record));

    await expect(client(fetchStub).callStatus('tx-1')).resolves.toEqual(record);
    await client(fetchStub).callStatus('../dial?x=1#y').catch(() => undefined);

    const [url, init] = fetchStub.mock.calls[0]!;
    expect(url).toBe('https://api.example.com/prod/calls/tx-1');
    expect(init).toMatchObject({ method: 'GET', headers: { Authorization: 'id-token-1' } });
    expect(fetchStub.mock.calls[1]![0]).toBe('https://api.example.com/prod/calls/..%2Fdial%3Fx%3D1%23y');
  });

  it.each([
    ['no status', { transactionId: 'tx-1', reason: null, answeredAt: null, endedAt: null }],
    ['an unknown status', { transactionId: 'tx-1', status: 'exploded', reason: null, answeredAt: null, endedAt: null }],
    ['a reason that is not text', { transactionId: 'tx-1', status: 'ended', reason: 42, answeredAt: null, endedAt: null }],
    ['an array', [1, 2]],
    ['not JSON', 'oops'],
  ])('refuses a call record with %s', async (_what, body) => {
    const fetchStub = vi.fn<typeof fetch>(async () =>
      new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200 }));

    await expect(client(fetchStub).callStatus('tx-1')).rejects.toMatchObject({ code: 'unexpected_response' });
  });

  it("passes the server's 404 on for a call it does not know", async () => {
    const fetchStub = vi.fn<typeof fetch>(async () => json(404, { error: 'call_not_found', message: 'There is no such call.' }));

    await expect(client(fetchStub).callStatus('tx-1')).rejects.toMatchObject({ status: 404, code: 'call_not_found' });
  });

  it('says the service could not be reached when the request fails', async () => {
    const fetchStub = vi.fn<typeof fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });

    await expect(client(fetchStub).dial('2065550100')).rejects.toMatchObject({ code: 'network_error' });
  });

  it('refuses a dial answer without a meeting', async () => {
    const fetchStub = vi.fn<typeof fetch>(async () => json(200, { transactionId: 'tx-1', toNumber: '+1' }));

    await expect(client(fetchStub).dial('2065550100')).rejects.toMatchObject({ code: 'unexpected_response' });
  });

  it('sends nothing when nobody is signed in', async () => {
    const fetchStub = vi.fn<typeof fetch>();

    await expect(client(fetchStub, () => Promise.reject(new Error('no session'))).dial('2065550100'))
      .rejects.toMatchObject({ code: 'signed_out' });
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('ends a call with a keepalive request and the last token while the page closes', async () => {
    const fetchStub = vi.fn<typeof fetch>(async () => json(200, dialAnswer));
    const api = client(fetchStub);
    await api.dial('2065550100');

    api.endWhileLeaving('tx-1');

    const [url, init] = fetchStub.mock.calls[1]!;
    expect(url).toBe('https://api.example.com/prod/update');
    expect(init).toMatchObject({ keepalive: true, headers: { Authorization: 'id-token-1' } });
    expect(JSON.parse(init!.body as string)).toEqual({ transactionId: 'tx-1', update: 'end' });
  });

  describe('one press of Dial', () => {
    function pressClient(fetchStub: typeof fetch, waits: number[], keys = ['key-1', 'key-2']) {
      let clock = 0;
      return createApiClient({
        apiUrl: 'https://api.example.com/prod',
        idToken: async () => 'id-token-1',
        fetch: fetchStub,
        sleep: async (ms) => { waits.push(ms); clock += ms; },
        newIdempotencyKey: () => keys.shift()!,
        now: () => clock,
      });
    }
    const keysSent = (fetchStub: ReturnType<typeof vi.fn<typeof fetch>>) =>
      fetchStub.mock.calls.map(([, init]) => (init!.headers as Record<string, string>)[API_HEADERS.idempotencyKey]);

    it('sends an Idempotency-Key, a new one for each press', async () => {
      const fetchStub = vi.fn<typeof fetch>(async () => json(200, dialAnswer));
      const api = pressClient(fetchStub, []);

      await api.dial('+12065550100');
      await api.dial('+12065550100');

      expect(keysSent(fetchStub)).toEqual(['key-1', 'key-2']);
    });

    it('sends the same key again after a network error, and gets the same call', async () => {
      const fetchStub = vi.fn<typeof fetch>()
        .mockRejectedValueOnce(new TypeError('Failed to fetch'))
        .mockResolvedValueOnce(json(200, dialAnswer));
      const waits: number[] = [];

      await expect(pressClient(fetchStub, waits).dial('+12065550100')).resolves.toEqual(dialAnswer);

      expect(keysSent(fetchStub)).toEqual(['key-1', 'key-1']);
      expect(waits).toEqual([1000]);
    });

    it('waits as Retry-After says while the first request is still running', async () => {
      const inProgress = new Response(JSON.stringify({ error: 'dial_in_progress', message: 'Still dialling.' }),
        { status: 409, headers: { 'Content-Type': 'application/json', 'Retry-After': '2' } });
      const fetchStub = vi.fn<typeof fetch>()
        .mockResolvedValueOnce(inProgress)
        .mockResolvedValueOnce(json(200, dialAnswer));
      const waits: number[] = [];

      await expect(pressClient(fetchStub, waits).dial('+12065550100')).resolves.toEqual(dialAnswer);

      expect(keysSent(fetchStub)).toEqual(['key-1', 'key-1']);
      expect(waits).toEqual([2000]);
    });

    it('gives up after a few attempts, and never retries a refusal', async () => {
      const offline = vi.fn<typeof fetch>(async () => { throw new TypeError('Failed to fetch'); });
      await expect(pressClient(offline, []).dial('+12065550100')).rejects.toMatchObject({ code: 'network_error' });
      expect(offline).toHaveBeenCalledTimes(DIAL_ATTEMPTS);

      const limited = vi.fn<typeof fetch>(async () => new Response(
        JSON.stringify({ error: 'call_in_progress', message: 'You already have a call.' }),
        { status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '5' } }));
      await expect(pressClient(limited, []).dial('+12065550100'))
        .rejects.toMatchObject({ status: 429, code: 'call_in_progress', retryAfterSeconds: 5 });
      expect(limited).toHaveBeenCalledTimes(1);
    });

    const callInProgress = () => new Response(
      JSON.stringify({ error: 'call_in_progress', message: 'You already have a call.' }),
      { status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '5' } });

    it('asks again, with the same key, while the page\'s previous call is being released', async () => {
      const fetchStub = vi.fn<typeof fetch>()
        .mockResolvedValueOnce(callInProgress())
        .mockResolvedValueOnce(callInProgress())
        .mockResolvedValueOnce(callInProgress())
        .mockResolvedValueOnce(json(200, dialAnswer));
      const waits: number[] = [];

      await expect(pressClient(fetchStub, waits).dial('+12065550100', { previousCallReleasedBy: 10_000 }))
        .resolves.toEqual(dialAnswer);

      expect(keysSent(fetchStub)).toEqual(['key-1', 'key-1', 'key-1', 'key-1']);
      expect(waits).toEqual([PREVIOUS_CALL_POLL_MS, PREVIOUS_CALL_POLL_MS, PREVIOUS_CALL_POLL_MS]);
    });

    it('says another call is in progress once the previous call had time to be released', async () => {
      const fetchStub = vi.fn<typeof fetch>(async () => callInProgress());
      const waits: number[] = [];

      await expect(pressClient(fetchStub, waits).dial('+12065550100', { previousCallReleasedBy: 2_500 }))
        .rejects.toMatchObject({ status: 429, code: 'call_in_progress' });

      expect(waits).toEqual([PREVIOUS_CALL_POLL_MS, PREVIOUS_CALL_POLL_MS, PREVIOUS_CALL_POLL_MS]);
      expect(fetchStub).toHaveBeenCalledTimes(4);
    });
  });
});
