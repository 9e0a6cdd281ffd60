import { describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../testing/fake-media';
import { StackSignalling, type SignallingBrowser } from './local-signalling';

function browser(response: Response | Error = jsonResponse(200, { session: 's-1', attendeeId: 'a-1' })) {
  const page = new EventTarget();
  const fake = {
    fetch: vi.fn(async () => {
      if (response instanceof Error) throw response;
      return response;
    }),
    sendBeacon: vi.fn(() => true),
    page,
  };
  return fake as typeof fake & SignallingBrowser;
}

describe('StackSignalling', () => {
  it("posts the meeting and the attendee's join token, and gives the session", async () => {
    const b = browser();
    const signalling = new StackSignalling('http://127.0.0.1:8080/local/join', 'http://127.0.0.1:8080/local/leave', b);

    await expect(signalling.join('meeting-1', 'token-1')).resolves.toBe('s-1');

    expect(b.fetch).toHaveBeenCalledWith('http://127.0.0.1:8080/local/join', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ meetingId: 'meeting-1', joinToken: 'token-1' }),
    });
  });

  it.each([
    [404, 'meeting_not_found', 'the meeting has already ended'],
    [403, 'invalid_join_token', 'refused to let this page into the meeting'],
    [500, 'oops', 'HTTP 500'],
  ])('says why a join is refused (%i)', async (status, code, words) => {
    const signalling = new StackSignalling('http://x/join', 'http://x/leave', browser(jsonResponse(status, { code })));

    await expect(signalling.join('m', 't')).rejects.toThrow(words);
  });

  it('says when the stack cannot be reached', async () => {
    const signalling = new StackSignalling('http://x/join', 'http://x/leave', browser(new TypeError('Failed to fetch')));

    await expect(signalling.join('m', 't')).rejects.toThrow('could not be reached');
  });

  it('leaves with a request that outlives the page', () => {
    const b = browser(new Response(null, { status: 204 }));
    new StackSignalling('http://x/join', 'http://x/leave', b).leave('s-1');

    expect(b.fetch).toHaveBeenCalledWith('http://x/leave', expect.objectContaining({
      method: 'POST',
      body: JSON.stringify({ session: 's-1' }),
      keepalive: true,
    }));
  });

  it('sends a beacon on pagehide until undone', () => {
    const b = browser();
    const alsoOnHide = vi.fn();
    const undo = new StackSignalling('http://x/join', 'http://x/leave', b).leaveOnPageHide('s-1', alsoOnHide);

    b.page.dispatchEvent(new Event('pagehide'));
    undo();
    b.page.dispatchEvent(new Event('pagehide'));

    expect(b.sendBeacon).toHaveBeenCalledTimes(1);
    expect(b.sendBeacon).toHaveBeenCalledWith('http://x/leave', JSON.stringify({ session: 's-1' }));
    expect(alsoOnHide).toHaveBeenCalledTimes(1);
  });
});
