/**
 * The agent's side, in two real browsers against the local stack: an agent goes online on the
 * softphone page (registered over SIP/WebSocket to the stack's Kamailio), a caller on the
 * click-to-call page dials the agent's number, and the agent sees who is calling, answers (the
 * stack relays the caller page's WebRTC offer in the INVITE and the agent page's answer back, so
 * the two pages talk to each other), sees the caller's digits (SIP INFO), and hangs up. Without the
 * caller page's offer, the PBX's own plain RTP reaches the agent page through rtpengine (ICE,
 * DTLS-SRTP, as with Asterisk in the cloud), with a comfort tone in place of the caller's voice.
 * Also: a wrong SIP password, a rejected call, a missed call, and going offline. Screenshots go to test-results/e2e/agent-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './accessibility';
import { createAccount, newEmail } from './accounts';
import { COLD_START_MS, openBrowser, screenshot, type Browser } from './browser';
import { callIds, callTimeline, eventually, softphoneCredentials, stackConfig, STACK_URL, type SoftphoneCredentials } from './local-stack';

/** The agent's PBX number on the local stack: calls to it go through the Voice Connector to the PBX. */
const AGENT_NUMBER = '+1 206 555 0199';
const CALLER_EMAIL = newEmail('caller-for-agent');
const AGENT_EMAIL = newEmail('agent');

/**
 * Keeps every RTCPeerConnection the page makes in `window.peerConnections`, so that the test can
 * read its state and statistics as chrome://webrtc-internals would.
 */
const RECORD_PEER_CONNECTIONS = `(() => {
  const Original = window.RTCPeerConnection;
  window.peerConnections = [];
  window.RTCPeerConnection = class extends Original {
    constructor(...args) { super(...args); window.peerConnections.push(this); }
  };
})();`;

interface MediaState {
  connection: string;
  packetsSent: number;
  packetsReceived: number;
  microphoneEnabled: boolean | null;
}

describe('the agent softphone on the local stack', () => {
  let agent: Browser;
  let caller: Browser;
  let agentPage: Page;
  let callerPage: Page;
  let credentials: SoftphoneCredentials;

  beforeAll(async () => {
    const config = await stackConfig();
    if (config.softphone === undefined) {
      throw new Error(
        `${STACK_URL}/config.json has no softphone: the stack runs without its softphone registrar ` +
          '(install kamailio, kamailio-websocket-modules and rtpengine-daemon: scripts/install-test-deps.sh).',
      );
    }
    credentials = await softphoneCredentials();
    agent = await openBrowser();
    caller = await openBrowser();
    agentPage = agent.page;
    callerPage = caller.page;
    for (const page of [agentPage, callerPage]) page.on('pageerror', (error) => console.error('page error:', error.message));
    await agentPage.addInitScript(RECORD_PEER_CONNECTIONS);
    await callerPage.addInitScript(RECORD_PEER_CONNECTIONS);
    await agentPage.goto(`${STACK_URL}/agent.html`);
    await callerPage.goto(STACK_URL);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const name = task.name.replace(/[^a-z0-9]+/gi, '-');
      await screenshot(agentPage, `agent-failed-${name}`);
      await screenshot(callerPage, `agent-failed-${name}-caller`);
    }
  });

  afterAll(async () => {
    await agent?.close();
    await caller?.close();
  });

  const agentStatus = () => agentPage.getByRole('status', { name: 'Softphone status' });
  const callStatus = () => callerPage.getByRole('status', { name: 'Call status' });
  const sipPassword = () => agentPage.getByLabel('Agent SIP password');

  /** The state of the newest peer connection of `page` (the agent's by default). */
  async function mediaState(page: Page = agentPage): Promise<MediaState> {
    return page.evaluate(async () => {
      const connections = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections;
      const pc = connections[connections.length - 1];
      if (pc === undefined) return { connection: 'none', packetsSent: 0, packetsReceived: 0, microphoneEnabled: null };
      let packetsSent = 0;
      let packetsReceived = 0;
      (await pc.getStats()).forEach((report: { type: string; kind?: string; packetsSent?: number; packetsReceived?: number }) => {
        if (report.type === 'outbound-rtp' && report.kind === 'audio') packetsSent += report.packetsSent ?? 0;
        if (report.type === 'inbound-rtp' && report.kind === 'audio') packetsReceived += report.packetsReceived ?? 0;
      });
      const track = pc.getSenders().find((sender) => sender.track?.kind === 'audio')?.track;
      return { connection: pc.connectionState, packetsSent, packetsReceived, microphoneEnabled: track ? track.enabled : null };
    });
  }

  async function dialAgent(): Promise<string> {
    const before = new Set(await callIds());
    await callerPage.getByRole('textbox', { name: 'Phone number' }).fill(AGENT_NUMBER);
    await callerPage.getByRole('button', { name: 'Dial' }).click();
    return eventually('the new call', async () => (await callIds()).find((id) => !before.has(id)), COLD_START_MS);
  }

  async function pbxSaid(call: string, pattern: RegExp): Promise<boolean> {
    return (await callTimeline(call)).entries.some((entry) => entry.kind === 'pbx' && pattern.test(entry.summary));
  }

  it('signs the agent in with the same user pool as callers', async () => {
    await agentPage.getByRole('tab', { name: 'Create Account' }).waitFor();
    await createAccount(agentPage, AGENT_EMAIL, sipPassword());
    await screenshot(agentPage, 'agent-01-signed-in');
    expect(await accessibilityViolations(agentPage)).toEqual([]);
  });

  it('refuses a wrong SIP password in words', async () => {
    await sipPassword().fill('not-the-agent-secret');
    await agentPage.getByRole('button', { name: 'Go online' }).click();

    await agentPage.getByText(/wrong SIP password/i).first().waitFor();
    await screenshot(agentPage, 'agent-02-wrong-password');
  });

  it('goes online: registered to the PBX over WebSocket', async () => {
    await sipPassword().fill(credentials.password);
    await agentPage.getByRole('button', { name: 'Go online' }).click();

    await expect.poll(() => agentStatus().textContent(), { timeout: 15_000 }).toMatch(/online/i);
    await agentPage.getByRole('button', { name: 'Go offline' }).waitFor();
    await screenshot(agentPage, 'agent-03-online');
    expect(await accessibilityViolations(agentPage)).toEqual([]);
  });

  let call: string;

  it("rings for the caller's call and shows the caller's e-mail", async () => {
    await callerPage.getByRole('tab', { name: 'Create Account' }).waitFor();
    await createAccount(callerPage, CALLER_EMAIL, callerPage.getByRole('textbox', { name: 'Phone number' }));
    call = await dialAgent();

    await expect.poll(() => agentStatus().textContent(), { timeout: COLD_START_MS }).toMatch(/ringing/i);
    expect(await agentPage.getByLabel('Caller', { exact: true }).textContent()).toContain(CALLER_EMAIL);
    await expect.poll(() => callStatus().textContent()).toContain('Ringing');
    await screenshot(agentPage, 'agent-04-ringing');
    expect(await accessibilityViolations(agentPage)).toEqual([]);
  });

  it('answers: the caller is connected and the two pages talk to each other', async () => {
    await agentPage.getByRole('button', { name: 'Answer' }).click();

    await expect.poll(() => agentStatus().textContent(), { timeout: 15_000 }).toMatch(/in a call/i);
    await expect.poll(() => callStatus().textContent(), { timeout: 15_000 }).toContain('Connected');
    await expect.poll(() => pbxSaid(call, /^call ANSWERED by softphone$/)).toBe(true);
    // The stack relayed the caller page's offer in the INVITE and the agent page's answer back.
    expect(await pbxSaid(call, /^softphone: the caller's WebRTC offer relayed to the softphone$/)).toBe(true);
    await expect.poll(() => pbxSaid(call, /^softphone: the softphone's answer relayed to the caller's page$/)).toBe(true);
    for (const page of [agentPage, callerPage]) {
      await expect.poll(async () => (await mediaState(page)).connection, { timeout: 15_000 }).toBe('connected');
      await expect.poll(async () => (await mediaState(page)).packetsSent, { timeout: 15_000 }).toBeGreaterThan(10);
      await expect.poll(async () => (await mediaState(page)).packetsReceived, { timeout: 15_000 }).toBeGreaterThan(10);
    }
    await agentPage.getByRole('timer', { name: 'Call duration' }).or(agentPage.getByLabel('Call duration')).first().waitFor();
    await screenshot(agentPage, 'agent-05-in-a-call');
    expect(await accessibilityViolations(agentPage)).toEqual([]);
  });

  it("shows the caller's digits", async () => {
    const keypad = callerPage.getByRole('group', { name: 'Send tones' });
    await keypad.getByRole('button', { name: '1', exact: true }).click();
    await keypad.getByRole('button', { name: '2 ABC' }).click();
    await callerPage.keyboard.press('#');

    await expect.poll(() => agentPage.getByLabel('Digits from the caller').textContent(), { timeout: 15_000 }).toContain('12#');
    await screenshot(agentPage, 'agent-06-digits');
  });

  it('mutes and unmutes the microphone', async () => {
    const mute = agentPage.getByRole('button', { name: 'Mute' });
    await mute.click();
    expect(await mute.getAttribute('aria-pressed')).toBe('true');
    expect((await mediaState()).microphoneEnabled).toBe(false);

    await mute.click();
    expect(await mute.getAttribute('aria-pressed')).toBe('false');
    expect((await mediaState()).microphoneEnabled).toBe(true);
  });

  it('hangs up: the call ends on both pages', async () => {
    await agentPage.getByRole('button', { name: 'Hang up' }).click();

    await expect.poll(() => agentStatus().textContent(), { timeout: 15_000 }).toMatch(/call ended/i);
    await expect.poll(() => callStatus().textContent(), { timeout: COLD_START_MS }).toContain('Call ended');
    await expect.poll(async () => (await callTimeline(call)).endedAt !== null, { timeout: COLD_START_MS }).toBe(true);
    await expect.poll(async () => (await mediaState(callerPage)).connection).toBe('closed');
    await screenshot(agentPage, 'agent-07-call-ended');
    await expect.poll(() => agentStatus().textContent(), { timeout: 30_000 }).toMatch(/online/i);
  });

  it("without the caller page's audio, the PBX's own media reaches the agent page through rtpengine", async () => {
    // A caller page without localMediaUrl sends no offer: the PBX offers plain RTP, which rtpengine
    // turns into WebRTC, and plays its comfort tone in place of the caller's voice.
    await callerPage.route('**/config.json', async (route) => {
      const response = await route.fetch();
      const { localMediaUrl: _ignored, ...config } = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: config });
    });
    try {
      await callerPage.reload();
      const pbxMedia = await dialAgent();
      await expect.poll(() => agentStatus().textContent(), { timeout: COLD_START_MS }).toMatch(/ringing/i);
      await agentPage.getByRole('button', { name: 'Answer' }).click();
      await expect.poll(() => callStatus().textContent(), { timeout: 15_000 }).toContain('Connected');
      expect(await pbxSaid(pbxMedia, /relayed/)).toBe(false);
      await expect.poll(async () => (await mediaState()).connection, { timeout: 15_000 }).toBe('connected');
      await expect.poll(async () => (await mediaState()).packetsReceived, { timeout: 15_000 }).toBeGreaterThan(10);

      await callerPage.getByRole('button', { name: 'Hang up' }).click();
      await expect.poll(() => agentStatus().textContent(), { timeout: 15_000 }).toMatch(/call ended/i);
      // The PBX's own count of the page's audio packets that rtpengine relayed to it, decrypted.
      const media = await eventually('the softphone media report', async () =>
        (await callTimeline(pbxMedia)).entries
          .map((entry) => /^softphone: media: (\d+) RTP packets sent to the softphone, (\d+) received from it$/.exec(entry.summary))
          .find((match) => match !== null) ?? undefined,
      );
      expect(Number(media[1])).toBeGreaterThan(10);
      expect(Number(media[2])).toBeGreaterThan(10);
    } finally {
      await callerPage.unroute('**/config.json');
      await callerPage.reload();
    }
  });

  it('says which call was missed when the caller hangs up before the answer', async () => {
    await dialAgent();
    await expect.poll(() => agentStatus().textContent(), { timeout: COLD_START_MS }).toMatch(/ringing/i);

    await callerPage.getByRole('button', { name: 'Hang up' }).click();

    await agentPage.getByText(/missed call/i).first().waitFor({ timeout: 15_000 });
    expect(await agentPage.getByText(/missed call/i).first().textContent()).toContain(CALLER_EMAIL);
    await screenshot(agentPage, 'agent-08-missed');
    await expect.poll(() => callStatus().textContent(), { timeout: COLD_START_MS }).toContain('Call ended');
  });

  it('rejects a call, which the PBX then answers itself as the dial plan does', async () => {
    const rejected = await dialAgent();
    await expect.poll(() => agentStatus().textContent(), { timeout: COLD_START_MS }).toMatch(/ringing/i);

    await agentPage.getByRole('button', { name: 'Reject' }).click();

    await expect.poll(() => callStatus().textContent(), { timeout: 15_000 }).toContain('Connected');
    await expect.poll(() => agentStatus().textContent(), { timeout: 15_000 }).toMatch(/online/i);
    expect(await pbxSaid(rejected, /^softphone: .*did not answer \(486/)).toBe(true);
    expect(await pbxSaid(rejected, /^call ANSWERED by agent$/)).toBe(true);
    await callerPage.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => callStatus().textContent(), { timeout: COLD_START_MS }).toContain('Call ended');
  });

  it('goes offline: calls no longer ring the page', async () => {
    await agentPage.getByRole('button', { name: 'Go offline' }).click();
    await expect.poll(() => agentStatus().textContent(), { timeout: 15_000 }).toMatch(/offline/i);
    await sipPassword().waitFor();

    await dialAgent();
    await expect.poll(() => callStatus().textContent(), { timeout: COLD_START_MS }).toContain('Connected');
    expect(await agentStatus().textContent()).toMatch(/offline/i);
    await callerPage.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => callStatus().textContent(), { timeout: COLD_START_MS }).toContain('Call ended');
  });
});
