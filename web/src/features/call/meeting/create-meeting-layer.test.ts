import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../../config/app-config';
import { FakePeerConnection, FakeStream, jsonResponse } from '../testing/fake-media';
import { meetingLayerFactory } from './create-meeting-layer';
import { RELAYED_NOTICE, SIMULATED_NOTICE } from './local-meeting-layer';

const localConfig: AppConfig = {
  apiUrl: 'http://127.0.0.1:8081',
  region: 'us-east-1',
  userPoolId: 'local_abc',
  userPoolClientId: 'client',
  meetingLayer: 'local',
  localEventsUrl: 'http://127.0.0.1:8080/local/events',
  selfSignUp: true,
  callerJoinTimeoutSeconds: 20,
};

describe('meetingLayerFactory on the local stack', () => {
  let getUserMedia: ReturnType<typeof vi.fn>;
  let connections: FakePeerConnection[];
  let fetchSpy: ReturnType<typeof vi.fn>;
  const idToken = vi.fn(async () => 'id-token');

  beforeEach(() => {
    getUserMedia = vi.fn(async () => new FakeStream());
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    connections = [];
    vi.stubGlobal('RTCPeerConnection', function RTCPeerConnection() {
      const connection = new FakePeerConnection();
      connections.push(connection);
      return connection;
    });
    fetchSpy = vi.fn(async () => jsonResponse(202, { expiresInSeconds: 30 }));
    vi.stubGlobal('fetch', fetchSpy);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(navigator, 'mediaDevices');
  });

  it('touches no microphone, connection or relay without localMediaUrl', async () => {
    const layer = await meetingLayerFactory(localConfig, idToken)();

    await layer.prepare?.();
    await layer.leave();

    expect(getUserMedia).not.toHaveBeenCalled();
    expect(connections).toHaveLength(0);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(idToken).not.toHaveBeenCalled();
    expect(layer.notice).toBe(SIMULATED_NOTICE);
  });

  it('offers the audio to localMediaUrl when config.json has it', async () => {
    const layer = await meetingLayerFactory({ ...localConfig, localMediaUrl: 'http://127.0.0.1:8080/local/media' }, idToken)();

    await layer.prepare?.();

    expect(getUserMedia).toHaveBeenCalledWith({ audio: true, video: false });
    expect(connections).toHaveLength(1);
    expect(fetchSpy).toHaveBeenCalledWith('http://127.0.0.1:8080/local/media', expect.objectContaining({ method: 'POST' }));
    expect(layer.notice).toBe(RELAYED_NOTICE);
    await layer.leave();
    expect(connections[0]!.closed).toBe(true);
  });
});
