import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { checkConfig, loadConfig } from './app-config';
import { ConfigProblem } from './config-problem';

const deployed = {
  apiUrl: 'https://api.click-to-call.example/prod/',
  region: 'us-east-1',
  userPoolId: 'us-east-1_AbC',
  userPoolClientId: 'client',
  meetingLayer: 'chime',
};

describe('checkConfig', () => {
  it('accepts a deployment config and drops the trailing slash of the API URL', () => {
    expect(checkConfig(deployed)).toEqual({
      ok: true,
      config: { ...deployed, apiUrl: 'https://api.click-to-call.example/prod', selfSignUp: false, callerJoinTimeoutSeconds: 20 },
    });
  });

  it("waits the stack's join timeout for the meeting audio, 20 s when config.json names none", () => {
    expect(checkConfig({ ...deployed, callerJoinTimeoutSeconds: 35 })).toMatchObject({ ok: true, config: { callerJoinTimeoutSeconds: 35 } });
    expect(checkConfig({ ...deployed, callerJoinTimeoutSeconds: 5 })).toMatchObject({ ok: true, config: { callerJoinTimeoutSeconds: 5 } });
    expect(checkConfig({ ...deployed, callerJoinTimeoutSeconds: 60 })).toMatchObject({ ok: true, config: { callerJoinTimeoutSeconds: 60 } });
    expect(checkConfig(deployed)).toMatchObject({ ok: true, config: { callerJoinTimeoutSeconds: 20 } });
    expect(checkConfig({ ...deployed, callerJoinTimeoutSeconds: null })).toMatchObject({ ok: true, config: { callerJoinTimeoutSeconds: 20 } });
  });

  it('refuses a join timeout outside what the stack allows, or not a number', () => {
    const problem = (value: string) => ({
      ok: false,
      problems: [`"callerJoinTimeoutSeconds" must be a number of seconds from 5 to 60, got ${value}`],
    });
    expect(checkConfig({ ...deployed, callerJoinTimeoutSeconds: 4 })).toEqual(problem('4'));
    expect(checkConfig({ ...deployed, callerJoinTimeoutSeconds: 61 })).toEqual(problem('61'));
    expect(checkConfig({ ...deployed, callerJoinTimeoutSeconds: '20' })).toEqual(problem('"20"'));
    expect(checkConfig({ ...deployed, callerJoinTimeoutSeconds: Number.NaN })).toEqual(problem('null'));
  });

  it('offers sign-up only when config.json says so', () => {
    expect(checkConfig({ ...deployed, selfSignUp: true })).toMatchObject({ ok: true, config: { selfSignUp: true } });
    expect(checkConfig({ ...deployed, selfSignUp: false })).toMatchObject({ ok: true, config: { selfSignUp: false } });
    expect(checkConfig(deployed)).toMatchObject({ ok: true, config: { selfSignUp: false } });
    expect(checkConfig({ ...deployed, selfSignUp: 'true' })).toEqual({ ok: false, problems: ['"selfSignUp" must be true or false'] });
  });

  it('accepts the local stack config', () => {
    const local = {
      ...deployed,
      apiUrl: 'http://127.0.0.1:8081',
      userPoolId: 'local_abc',
      userPoolEndpoint: 'http://127.0.0.1:9229',
      meetingLayer: 'local',
      localEventsUrl: 'http://127.0.0.1:8080/local/events',
      defaultToNumber: '+12065550100',
    };
    expect(checkConfig({ ...local, selfSignUp: true })).toEqual({
      ok: true,
      config: { ...local, selfSignUp: true, callerJoinTimeoutSeconds: 20 },
    });
  });

  it("accepts the local stack's media relay, without a trailing slash", () => {
    const local = {
      ...deployed,
      meetingLayer: 'local',
      localEventsUrl: 'http://127.0.0.1:8080/local/events',
      localMediaUrl: 'http://127.0.0.1:8080/local/media/',
    };
    const check = checkConfig(local);
    expect(check.ok && check.config.localMediaUrl).toBe('http://127.0.0.1:8080/local/media');
  });

  it("accepts the local stack's join and leave URLs", () => {
    const local = {
      ...deployed,
      meetingLayer: 'local',
      localEventsUrl: 'http://127.0.0.1:8080/local/events',
      localJoinUrl: 'http://127.0.0.1:8080/local/join',
      localLeaveUrl: 'http://127.0.0.1:8080/local/leave',
      callerJoinTimeoutSeconds: 20,
    };
    expect(checkConfig(local)).toEqual({
      ok: true,
      config: { ...local, apiUrl: 'https://api.click-to-call.example/prod', selfSignUp: false },
    });
    expect(checkConfig({ ...local, localLeaveUrl: undefined })).toEqual({
      ok: false,
      problems: ['"localJoinUrl" and "localLeaveUrl" go together: give both or neither'],
    });
  });

  it('leaves the media relay out when config.json has none', () => {
    const check = checkConfig({ ...deployed, meetingLayer: 'local', localEventsUrl: 'http://127.0.0.1:8080/local/events' });
    expect(check.ok && 'localMediaUrl' in check.config).toBe(false);
  });

  it('refuses a media relay that is not an http(s) URL', () => {
    const check = checkConfig({
      ...deployed,
      meetingLayer: 'local',
      localEventsUrl: 'http://127.0.0.1:8080/local/events',
      localMediaUrl: 'ws://127.0.0.1:8080/local/media',
    });
    expect(check).toEqual({ ok: false, problems: ['"localMediaUrl" must be an http(s) URL, got "ws://127.0.0.1:8080/local/media"'] });
    expect(checkConfig({ ...deployed, localMediaUrl: 42 })).toEqual({ ok: false, problems: ['"localMediaUrl" must be a string'] });
  });

  it('names every missing key', () => {
    expect(checkConfig({ meetingLayer: 'local' })).toEqual({
      ok: false,
      problems: [
        '"apiUrl" is missing',
        '"region" is missing',
        '"userPoolId" is missing',
        '"userPoolClientId" is missing',
        '"localEventsUrl" is missing',
      ],
    });
  });

  it('names wrong values', () => {
    const check = checkConfig({ ...deployed, apiUrl: 'ftp://x', meetingLayer: 'webrtc', userPoolId: 'abc', region: 7 });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problems).toEqual([
      '"apiUrl" must be an http(s) URL, got "ftp://x"',
      '"region" must be a string',
      '"meetingLayer" must be one of "chime", "local", got "webrtc"',
      '"userPoolId" must look like "<region>_<id>", got "abc"',
    ]);
  });

  it('refuses anything but an object', () => {
    expect(checkConfig([])).toEqual({ ok: false, problems: ['config.json must hold a JSON object'] });
  });
});

describe('loadConfig', () => {
  it('says where config.json was looked for when it is missing', async () => {
    const check = await loadConfig('https://site/config.json', async () => new Response('not found', { status: 404 }));
    expect(check).toEqual({ ok: false, problems: ['config.json could not be loaded from https://site/config.json (HTTP 404)'] });
  });

  it('says when config.json is not JSON', async () => {
    const check = await loadConfig('https://site/config.json', async () => new Response('<html>', { status: 200 }));
    expect(check).toEqual({ ok: false, problems: ['config.json is not valid JSON'] });
  });
});

describe('ConfigProblem', () => {
  it('lists the problems in an alert', () => {
    render(<ConfigProblem problems={['"apiUrl" is missing']} />);
    expect(screen.getByRole('alert')).toHaveTextContent('This page is not configured');
    expect(screen.getByRole('listitem')).toHaveTextContent('"apiUrl" is missing');
  });
});
