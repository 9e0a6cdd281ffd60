import { describe, expect, it } from 'vitest';
import { checkConfig } from './app-config';
import { agentAddress, checkAgentPageConfig, checkSoftphoneConfig, loadAgentPageConfig } from './softphone-config';

const deployed = {
  apiUrl: 'https://api.click-to-call.example/prod',
  region: 'us-east-1',
  userPoolId: 'us-east-1_AbC',
  userPoolClientId: 'client',
  meetingLayer: 'chime',
};
const softphone = { webSocketUrl: 'wss://d111.cloudfront.example/ws', agentName: 'agent' };

describe('checkSoftphoneConfig', () => {
  it('accepts the cloud and the local WebSocket URLs', () => {
    expect(checkSoftphoneConfig({ softphone })).toEqual({ ok: true, softphone });
    const local = { webSocketUrl: ' ws://127.0.0.1:8088/ws ', agentName: 'agent' };
    expect(checkSoftphoneConfig({ softphone: local })).toEqual({
      ok: true,
      softphone: { webSocketUrl: 'ws://127.0.0.1:8088/ws', agentName: 'agent' },
    });
  });

  it('says what the agent page needs when the object is missing', () => {
    expect(checkSoftphoneConfig(deployed)).toEqual({
      ok: false,
      problems: ['"softphone" is missing: the agent page needs "softphone.webSocketUrl" and "softphone.agentName"'],
    });
    expect(checkSoftphoneConfig({ softphone: 'wss://x' })).toEqual({
      ok: false,
      problems: ['"softphone" must be an object with "webSocketUrl" and "agentName"'],
    });
  });

  it('names missing and malformed keys', () => {
    expect(checkSoftphoneConfig({ softphone: {} })).toEqual({
      ok: false,
      problems: ['"softphone.webSocketUrl" is missing', '"softphone.agentName" is missing'],
    });
    expect(checkSoftphoneConfig({ softphone: { webSocketUrl: 'https://pbx.example/ws', agentName: 'an agent' } })).toEqual({
      ok: false,
      problems: [
        '"softphone.webSocketUrl" must be a ws:// or wss:// URL, got "https://pbx.example/ws"',
        '"softphone.agentName" must be a SIP user name (letters, digits, - _ . and the like), got "an agent"',
      ],
    });
    expect(checkSoftphoneConfig({ softphone: { webSocketUrl: 8088, agentName: 'agent' } })).toEqual({
      ok: false,
      problems: ['"softphone.webSocketUrl" must be a string'],
    });
  });

  it('refuses other keys, and a password above all', () => {
    expect(checkSoftphoneConfig({ softphone: { ...softphone, sipPassword: 'x', stun: 'y' } })).toEqual({
      ok: false,
      problems: [
        '"softphone.sipPassword" must not be in config.json: the SIP password is typed on the agent page',
        '"softphone.stun" is not a known key (only "webSocketUrl" and "agentName")',
      ],
    });
  });
});

describe('checkAgentPageConfig', () => {
  it('joins the caller page keys and the softphone', () => {
    expect(checkAgentPageConfig({ ...deployed, softphone })).toEqual({
      ok: true,
      config: { ...deployed, selfSignUp: false, callerJoinTimeoutSeconds: 20, softphone },
    });
  });

  it('lists the problems of both', () => {
    expect(checkAgentPageConfig({ ...deployed, region: undefined })).toEqual({
      ok: false,
      problems: ['"region" is missing', '"softphone" is missing: the agent page needs "softphone.webSocketUrl" and "softphone.agentName"'],
    });
  });

  it('leaves the caller page working without a softphone, or with a broken one', () => {
    expect(checkConfig(deployed).ok).toBe(true);
    expect(checkConfig({ ...deployed, softphone: { webSocketUrl: 'nope' } }).ok).toBe(true);
  });

  it('loads config.json', async () => {
    const check = await loadAgentPageConfig('https://site/config.json', async () => Response.json({ ...deployed, softphone }));
    expect(check).toEqual({ ok: true, config: { ...deployed, selfSignUp: false, callerJoinTimeoutSeconds: 20, softphone } });
  });
});

describe('agentAddress', () => {
  it('is the agent name at the host of the WebSocket URL, without its port', () => {
    expect(agentAddress(softphone)).toBe('sip:agent@d111.cloudfront.example');
    expect(agentAddress({ webSocketUrl: 'ws://127.0.0.1:8088/ws', agentName: 'agent' })).toBe('sip:agent@127.0.0.1');
  });
});
