import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SipLineError } from '../sip/sip-line';
import { FakeIncomingCall, FakeRinger, FakeSipStack } from '../testing/fake-sip-line';
import { AgentPage } from './agent-page';

const softphone = { webSocketUrl: 'wss://pbx.click-to-call.example/ws', agentName: 'agent' };

describe('AgentPage', () => {
  let stack: FakeSipStack;
  let ringer: FakeRinger;

  beforeEach(() => {
    stack = new FakeSipStack();
    ringer = new FakeRinger();
    document.title = 'Agent softphone';
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  function renderPage() {
    return render(<AgentPage softphone={softphone} createLine={stack.createLine} ringer={ringer} />);
  }

  function status(): HTMLElement {
    return screen.getByRole('status');
  }

  async function goOnline() {
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByLabelText('Agent SIP password'), 's3cret-sip');
    await user.click(screen.getByRole('button', { name: 'Go online' }));
    await screen.findByRole('button', { name: 'Go offline' });
    expect(status()).toHaveTextContent('online');
    return user;
  }

  async function ring(call = new FakeIncomingCall()) {
    const user = await goOnline();
    act(() => stack.line.events.incomingCall(call));
    return { user, call };
  }

  async function answer(clock = { now: 1_000_000 }) {
    vi.spyOn(Date, 'now').mockImplementation(() => clock.now);
    const { user, call } = await ring();
    await user.click(screen.getByRole('button', { name: 'Answer' }));
    await vi.waitFor(() => expect(status()).toHaveTextContent('in a call'));
    return { user, call };
  }

  it('shows the agent address and asks for the SIP password while offline', () => {
    renderPage();

    expect(screen.getByText('sip:agent@pbx.click-to-call.example')).toBeInTheDocument();
    expect(status()).toHaveTextContent('Offline');
    expect(screen.getByLabelText('Agent SIP password')).toHaveAttribute('type', 'password');
    expect(screen.queryByRole('button', { name: 'Go offline' })).not.toBeInTheDocument();
  });

  it('goes online with the typed password, forgets it on the page, and goes offline', async () => {
    const user = await goOnline();

    expect(stack.line.options).toMatchObject({ aor: 'sip:agent@pbx.click-to-call.example', username: 'agent', password: 's3cret-sip' });
    expect(screen.queryByLabelText('Agent SIP password')).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain('s3cret-sip');

    await user.click(screen.getByRole('button', { name: 'Go offline' }));

    expect(status()).toHaveTextContent('Offline');
    expect(stack.line.stops).toBe(1);
    expect(screen.getByLabelText('Agent SIP password')).toHaveValue('');
  });

  it('says "wrong SIP password" when the PBX refuses the REGISTER', async () => {
    stack.prepare = (line) => {
      line.registerResult = () => Promise.reject(new SipLineError('refused', 'SIP 401 Unauthorized', 401));
    };
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByLabelText('Agent SIP password'), 'wrong');

    await user.click(screen.getByRole('button', { name: 'Go online' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong SIP password');
    expect(status()).toHaveTextContent('Offline');
    expect(screen.getByRole('button', { name: 'Go online' })).toBeEnabled();
  });

  it('says when the WebSocket cannot connect', async () => {
    stack.prepare = (line) => {
      line.connectResult = () => Promise.reject(new SipLineError('unreachable', 'closed'));
    };
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByLabelText('Agent SIP password'), 's3cret-sip');

    await user.click(screen.getByRole('button', { name: 'Go online' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The PBX could not be reached at wss://pbx.click-to-call.example/ws',
    );
  });

  it('rings: shows who calls, changes the title, focuses Answer', async () => {
    await ring(new FakeIncomingCall('alice@example.com', 'Alice', '+12065550100'));

    expect(status()).toHaveTextContent('ringing');
    expect(screen.getByLabelText('Caller')).toHaveTextContent('alice@example.com');
    expect(screen.getByLabelText('From')).toHaveTextContent('Alice (+12065550100)');
    expect(screen.getByRole('button', { name: 'Answer' })).toHaveFocus();
    expect(document.title).toBe('Ringing: alice@example.com | Agent softphone');
    expect(ringer.ringing).toBe(true);
  });

  it('shows a caller e-mail as text, never as markup', async () => {
    await ring(new FakeIncomingCall('<img src=x onerror=alert(1)>@example.com'));

    expect(screen.getByLabelText('Caller')).toHaveTextContent('<img src=x onerror=alert(1)>@example.com');
    expect(document.querySelector('img')).toBeNull();
  });

  it('answers: in a call, with a running duration, the digits the caller sends, mute and hang up', async () => {
    const clock = { now: 1_000_000 };
    const { user, call } = await answer(clock);

    expect(ringer.ringing).toBe(false);
    expect(document.title).toBe('Agent softphone');
    expect(screen.getByRole('button', { name: 'Hang up' })).toHaveFocus();
    const duration = screen.getByLabelText('Call duration');
    expect(duration.tagName).toBe('TIME');
    expect(duration).toHaveTextContent('00:00');

    clock.now += 65_000;
    await vi.waitFor(() => expect(screen.getByLabelText('Call duration')).toHaveTextContent('01:05'), { timeout: 2_000 });

    await act(async () => {
      await call.info('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n');
      await call.info('application/dtmf', '#');
      await call.info('text/plain', '9');
    });
    expect(screen.getByLabelText('Digits from the caller')).toHaveTextContent(/^5#$/);

    const mute = screen.getByRole('button', { name: 'Mute' });
    expect(mute).toHaveAttribute('aria-pressed', 'false');
    await user.click(mute);
    expect(mute).toHaveAttribute('aria-pressed', 'true');
    expect(call.muted).toBe(true);
    await user.click(mute);
    expect(call.muted).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Hang up' }));

    expect(call.hungUp).toBe(1);
    expect(status()).toHaveTextContent('call ended');
    expect(status()).toHaveTextContent('alice@example.com');
    expect(status()).toHaveTextContent('01:05');
    expect(status()).toHaveTextContent('online');
    expect(screen.getByLabelText('Caller')).toHaveTextContent('alice@example.com');
    expect(screen.getByLabelText('Digits from the caller')).toHaveTextContent('5#');
  });

  it('ends when the caller hangs up, and takes the next call', async () => {
    const { call } = await answer();

    act(() => call.end());
    expect(status()).toHaveTextContent('call ended');
    expect(screen.queryByRole('button', { name: 'Hang up' })).not.toBeInTheDocument();

    act(() => stack.line.events.incomingCall(new FakeIncomingCall('bob@example.com')));
    expect(status()).toHaveTextContent('ringing');
    expect(screen.getByLabelText('Caller')).toHaveTextContent('bob@example.com');
  });

  it('rejects a call', async () => {
    const { user, call } = await ring();

    await user.click(screen.getByRole('button', { name: 'Reject' }));

    expect(call.rejected).toBe(1);
    expect(ringer.ringing).toBe(false);
    expect(status()).toHaveTextContent('call ended');
    expect(document.title).toBe('Agent softphone');
  });

  it('says "missed call" when the caller hangs up first', async () => {
    const { call } = await ring();

    act(() => call.cancel());

    expect(status()).toHaveTextContent(/missed call from alice@example\.com/i);
    expect(screen.queryByRole('button', { name: 'Answer' })).not.toBeInTheDocument();
    expect(ringer.ringing).toBe(false);
  });

  it('has no WCAG A/AA violations axe-core can see while ringing', async () => {
    const { container } = await (async () => {
      const rendered = renderPage();
      const user = userEvent.setup();
      await user.type(screen.getByLabelText('Agent SIP password'), 's3cret-sip');
      await user.click(screen.getByRole('button', { name: 'Go online' }));
      await screen.findByRole('button', { name: 'Go offline' });
      act(() => stack.line.events.incomingCall(new FakeIncomingCall()));
      return rendered;
    })();

    const results = await axe.run(container, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // jsdom lays nothing out, so colours cannot be measured here; the browser tests check them.
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});
