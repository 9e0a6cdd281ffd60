/**
 * How the local stack's page joins its meeting: with the attendee's join token, as a Chime client
 * does (`POST {localJoinUrl}` → a session), then holds the meeting's event stream open with that
 * session; the attendee is present while the stream is open. Leaving is `POST {localLeaveUrl}`, and
 * `navigator.sendBeacon` on `pagehide`, when the tab goes away.
 */

/** What the layer needs of the stack's signalling (tests pass a fake). */
export interface LocalSignalling {
  /** Joins with the attendee's join token; resolves with the session the event stream opens with. */
  join(meetingId: string, joinToken: string): Promise<string>;
  /** Leaves at once (the page stays). */
  leave(session: string): void;
  /**
   * Leaves when the page is hidden for good (tab closed, navigated away), and runs `alsoOnHide`
   * then (the layer closes its stream); returns the undo.
   */
  leaveOnPageHide(session: string, alsoOnHide: () => void): () => void;
}

export interface SignallingBrowser {
  fetch: typeof fetch;
  sendBeacon: (url: string, data: string) => boolean;
  /** Where `pagehide` is heard: the window. */
  page: EventTarget;
}

const defaultBrowser = (): SignallingBrowser => ({
  fetch: (input, init) => fetch(input, init),
  sendBeacon: (url, data) => navigator.sendBeacon(url, data),
  page: window,
});

export class StackSignalling implements LocalSignalling {
  constructor(
    private readonly joinUrl: string,
    private readonly leaveUrl: string,
    private readonly browser: SignallingBrowser = defaultBrowser(),
  ) {}

  async join(meetingId: string, joinToken: string): Promise<string> {
    let response: Response;
    try {
      response = await this.browser.fetch(this.joinUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ meetingId, joinToken }),
      });
    } catch {
      throw new Error("the local stack's meeting could not be reached");
    }
    const body = (await response.json().catch(() => undefined)) as { session?: unknown; code?: unknown } | undefined;
    if (response.ok && typeof body?.session === 'string') return body.session;
    if (response.status === 404) throw new Error('the meeting has already ended');
    if (response.status === 403) throw new Error('the local stack refused to let this page into the meeting');
    throw new Error(`the local stack did not let this page join the meeting (HTTP ${response.status})`);
  }

  leave(session: string): void {
    // keepalive: the request outlives a page that is being closed
    void this.browser
      .fetch(this.leaveUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ session }),
        keepalive: true,
      })
      .catch(() => undefined);
  }

  leaveOnPageHide(session: string, alsoOnHide: () => void): () => void {
    const onPageHide = () => {
      // A string is sent as text/plain: no preflight, which a closing page would not wait for.
      this.browser.sendBeacon(this.leaveUrl, JSON.stringify({ session }));
      alsoOnHide();
    };
    this.browser.page.addEventListener('pagehide', onPageHide);
    return () => this.browser.page.removeEventListener('pagehide', onPageHide);
  }
}
