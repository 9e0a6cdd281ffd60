import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { callRecord, deferred, dialResponse, FakeApi, FakeMeetingLayer } from '../testing/fakes';
import { CallPage } from './call-page';

describe('CallPage', () => {
  let api: FakeApi;
  let layer: FakeMeetingLayer;

  beforeEach(() => {
    api = new FakeApi();
    layer = new FakeMeetingLayer();
  });

  function renderPage(defaultToNumber?: string) {
    return render(
      <CallPage api={api} createMeetingLayer={async () => layer} {...(defaultToNumber !== undefined && { defaultToNumber })} />,
    );
  }

  async function dialAndConnect() {
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '206 555 0100');
    await user.click(screen.getByRole('button', { name: 'Dial' }));
    await screen.findByRole('button', { name: 'Hang up' });
    answer();
    // The page's first read of the call, a second after the dial.
    await screen.findByText('Connected', {}, { timeout: 3_000 });
    return user;
  }

  /** The server records the answer now. */
  function answer() {
    api.callStatusResult = async () => callRecord({ status: 'connected', answeredAt: new Date().toISOString() });
  }

  it('follows a call from connecting through ringing to connected, with a timer', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '206 555 0100');
    await user.click(screen.getByRole('button', { name: 'Dial' }));

    expect(await screen.findByRole('status', { name: 'Call status' })).toHaveTextContent('Connecting…');
    expect(screen.getByRole('button', { name: 'Hang up' })).toHaveFocus();
    expect(screen.getByText('Simulated call.')).toBeInTheDocument();

    act(() => layer.emit({ type: 'ringing' }));
    expect(screen.getByRole('status', { name: 'Call status' })).toHaveTextContent('Ringing…Calling +1 206 555 0100.');

    answer();
    await waitFor(() => expect(screen.getByRole('status', { name: 'Call status' })).toHaveTextContent('Connected'), { timeout: 3_000 });
    expect(screen.getByRole('timer', { name: 'Call duration' })).toHaveTextContent('0:00');
  });

  it('offers to verify the e-mail address when the dial is refused for it, and dials again afterwards', async () => {
    api.dialResult = () => Promise.reject(new ApiError(403, 'email_not_verified', 'Verify your e-mail address before placing calls.'));
    const verifier = { sendCode: async () => 'p***@e***', confirm: async () => undefined };
    const user = userEvent.setup();
    render(<CallPage api={api} createMeetingLayer={async () => layer} emailVerifier={verifier} />);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '206 555 0100');
    await user.click(screen.getByRole('button', { name: 'Dial' }));

    expect(await screen.findByText('Verify your e-mail address before placing calls.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send a verification code' }));
    await user.type(await screen.findByRole('textbox', { name: 'Verification code' }), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(screen.queryByRole('region', { name: 'Verify your e-mail address' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Dial' })).toBeEnabled();
  });

  it('offers no verification for other refusals', async () => {
    api.dialResult = () => Promise.reject(new ApiError(403, 'email_domain_not_allowed', 'Only e-mail addresses at example.com may use this service.'));
    const verifier = { sendCode: async () => undefined, confirm: async () => undefined };
    const user = userEvent.setup();
    render(<CallPage api={api} createMeetingLayer={async () => layer} emailVerifier={verifier} />);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '206 555 0100');
    await user.click(screen.getByRole('button', { name: 'Dial' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Only e-mail addresses at example.com may use this service.');
    expect(screen.queryByRole('button', { name: 'Send a verification code' })).not.toBeInTheDocument();
  });

  it("gives up on a meeting whose audio does not connect within the page's join timeout, and ends the call", async () => {
    layer.joinResult = () => new Promise(() => undefined);
    const user = userEvent.setup();
    render(<CallPage api={api} createMeetingLayer={async () => layer} joinTimeoutMs={1_500} />);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '206 555 0100');
    await user.click(screen.getByRole('button', { name: 'Dial' }));

    expect(await screen.findByText(/its audio did not connect within 2 seconds/, {}, { timeout: 4_000 })).toBeInTheDocument();
    expect(api.updates).toEqual([{ transactionId: 'tx-1', update: 'end' }]);
  });

  it('shows the server refusal in words and keeps the number', async () => {
    api.dialResult = () => Promise.reject(new ApiError(400, 'destination_blocked', '+18765550123 is in a blocked high-cost range (+1876).'));
    const user = userEvent.setup();
    renderPage();
    const number = screen.getByRole('textbox', { name: 'Phone number' });
    await user.type(number, '+1 876 555 0123');

    await user.click(screen.getByRole('button', { name: 'Dial' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('+18765550123 is in a blocked high-cost range (+1876).');
    expect(number).toHaveValue('+1 876 555 0123');
    expect(screen.getByRole('status', { name: 'Call status' })).toHaveTextContent('Ready');

    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.getByRole('alert')).toBeEmptyDOMElement();
  });

  it('says it is dialling while /dial is on its way', async () => {
    const answer = deferred<never>();
    api.dialResult = () => answer.promise;
    const user = userEvent.setup();
    renderPage('2065550100');

    await user.click(screen.getByRole('button', { name: 'Dial' }));

    expect(screen.getByRole('button', { name: 'Dialling…' })).toBeDisabled();
    expect(screen.getByRole('status', { name: 'Call status' })).toHaveTextContent('Dialling…');
    expect(api.dialled).toEqual(['2065550100']);
  });

  it('cancels a call still being placed: the page is ready again and the call, once placed, is ended', async () => {
    const answer = deferred<ReturnType<typeof dialResponse>>();
    api.dialResult = () => answer.promise;
    const user = userEvent.setup();
    renderPage('2065550100');
    await user.click(screen.getByRole('button', { name: 'Dial' }));

    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.getByRole('status', { name: 'Call status' })).toHaveTextContent('Ready');
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Dial' })).toBeEnabled();
    answer.resolve(dialResponse({ transactionId: 'tx-cancelled' }));
    await waitFor(() => expect(api.updates).toEqual([{ transactionId: 'tx-cancelled', update: 'end' }]));
    expect(screen.getByRole('status', { name: 'Call status' })).toHaveTextContent('Ready');
  });

  it('does not dial text that is not a phone number', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), 'abc');

    await user.click(screen.getByRole('button', { name: 'Dial' }));

    expect(api.dialled).toEqual([]);
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('sends keypad digits by click and by keyboard and shows them', async () => {
    const user = await dialAndConnect();
    const keypad = screen.getByRole('group', { name: 'Send tones' });

    await user.click(within(keypad).getByRole('button', { name: '1' }));
    await user.keyboard('2#');
    await user.click(within(keypad).getByRole('button', { name: '*' }));

    expect(await screen.findByRole('status', { name: 'Digits sent' })).toHaveTextContent('12#*');
    expect(api.updates.filter((u) => u.update === 'digits').map((u) => (u.update === 'digits' ? u.digits : '')).join('')).toBe('12#*');
  });

  it('keeps the keypad off until the call is answered', async () => {
    const user = userEvent.setup();
    renderPage('2065550100');
    await user.click(screen.getByRole('button', { name: 'Dial' }));
    await screen.findByRole('button', { name: 'Hang up' });

    expect(screen.getByRole('button', { name: '5 JKL' })).toBeDisabled();
    await user.keyboard('5');
    expect(api.updates).toEqual([]);
  });

  it('mutes, then hangs up and says so', async () => {
    const user = await dialAndConnect();

    const mute = screen.getByRole('button', { name: 'Mute' });
    await user.click(mute);
    expect(mute).toHaveAttribute('aria-pressed', 'true');
    expect(layer.muted).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Hang up' }));

    expect(await screen.findByText(/^You hung up\. It lasted \d:\d\d\.$/)).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Call status' })).toHaveTextContent('Call ended');
    expect(api.updates).toContainEqual({ transactionId: 'tx-1', update: 'end' });
    expect(layer.left).toBe(1);
    expect(screen.queryByRole('button', { name: 'Hang up' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveFocus();
  });

  it.each([
    ['busy', 'The line was busy.'],
    ['no-answer', 'Nobody answered.'],
    ['failed', 'The call failed.'],
    ['callee-hung-up', 'They hung up.'],
    ['caller-hung-up', 'You hung up.'],
    ['time-limit', 'The call reached its time limit.'],
    ['caller-left', 'You left the page, so the call ended.'],
    ['caller-never-joined', 'Your browser never joined the call, so nobody was called.'],
    ['stuck', 'The call stopped making progress and was ended.'],
    ['a-reason-added-later', 'The call ended.'],
  ] as const)('says why the server ended the call: %s', async (reason, text) => {
    await dialAndConnect();
    api.callStatusResult = async () => callRecord({ status: 'ended', reason, answeredAt: new Date().toISOString() });

    act(() => layer.emit({ type: 'ended' }));

    expect(await screen.findByText((content) => content.startsWith(text))).toBeInTheDocument();
  });

  it('lets the caller choose microphone and speaker', async () => {
    const user = await dialAndConnect();

    const microphone = await screen.findByRole('combobox', { name: 'Microphone' });
    await screen.findByRole('option', { name: 'Headset microphone' });
    await user.selectOptions(microphone, 'Headset microphone');

    expect(layer.chooseMicrophone).toHaveBeenCalledWith('mic-2');
    expect(screen.getByRole('combobox', { name: 'Speaker' })).toHaveValue('spk-1');
  });

  it('ends the call when the page is closed', async () => {
    await dialAndConnect();

    window.dispatchEvent(new Event('pagehide'));

    expect(api.endedWhileLeaving).toEqual(['tx-1']);
  });

  it('no longer shows a live call when the page comes back from the back/forward cache', async () => {
    await dialAndConnect();

    window.dispatchEvent(new Event('pagehide'));
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));

    expect(await screen.findByText(/^You left the page, so the call ended\./)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Hang up' })).not.toBeInTheDocument();
  });

  it('says so while the browser is offline during a call', async () => {
    await dialAndConnect();

    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(screen.getByRole('status', { name: 'Connection' })).toHaveTextContent('You are offline.');

    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(screen.queryByRole('status', { name: 'Connection' })).not.toBeInTheDocument();
  });

  it('ends the call when the page is left, e.g. by signing out', async () => {
    const { unmount } = renderPage('2065550100');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Dial' }));
    await screen.findByRole('button', { name: 'Hang up' });

    unmount();

    await settle();
    expect(api.updates).toContainEqual({ transactionId: 'tx-1', update: 'end' });
  });
});

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
