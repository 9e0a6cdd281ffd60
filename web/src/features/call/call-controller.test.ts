import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CALLER_JOIN_TIMEOUT_SECONDS } from '../../config/app-config';
import { ApiError } from '../../lib/api-client';
import { CallController, HANG_UP_RETRY_DELAYS_MS, JOIN_TIMEOUT_MS, MICROPHONE_UNAVAILABLE, PREVIOUS_CALL_RELEASE_MS } from './call-controller';
import { callReducer, initialCallState, type CallAction, type CallState } from './call-state';
import { LocalMeetingLayer } from './meeting/local-meeting-layer';
import { MicrophoneUnavailable } from './meeting/microphone';
import { RelayedAudio } from './meeting/relayed-audio';
import { FakeEventSource } from './testing/fake-event-source';
import { FakeMediaBrowser, jsonResponse, mediaError } from './testing/fake-media';
import { callRecord, deferred, dialResponse, FakeApi, FakeMeetingLayer, ManualTimers } from './testing/fakes';

describe('CallController', () => {
  let api: FakeApi;
  let layer: FakeMeetingLayer;
  let actions: CallAction[];
  let state: CallState;
  let controller: CallController;
  let clock: number;
  let timers: ManualTimers;
  let sleeps: number[];

  /** The server records the answer at `at`, and the page's next read of the call finds it. */
  async function answer(at = clock): Promise<void> {
    api.callStatusResult = async () => callRecord({ status: 'connected', answeredAt: new Date(at).toISOString() });
    await timers.fire();
  }

  beforeEach(() => {
    timers = new ManualTimers();
    sleeps = [];
    api = new FakeApi();
    layer = new FakeMeetingLayer();
    actions = [];
    state = initialCallState;
    clock = 1_000;
    controller = new CallController({
      api,
      createMeetingLayer: async () => layer,
      dispatch: (action) => {
        actions.push(action);
        state = callReducer(state, action);
      },
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      progressTimers: timers,
    });
  });

  it('dials, joins the meeting with the dial answer and follows the call to connected', async () => {
    await controller.dial(' (206) 555-0100 ');

    expect(api.dialled).toEqual(['(206) 555-0100']);
    expect(layer.joinedWith).toEqual(dialResponse());
    expect(state).toMatchObject({ phase: 'connecting', inMeeting: true, transactionId: 'tx-1' });

    layer.emit({ type: 'ringing' });
    expect(state.phase).toBe('ringing');
    clock = 4_200;
    await answer(4_000);
    expect(state).toMatchObject({ phase: 'connected', connectedAt: 4_000 });
  });

  it('takes the microphone before the dial, and dials nothing without it', async () => {
    layer.microphoneResult = () => Promise.reject(new MicrophoneUnavailable('no microphone was found'));

    await controller.dial('2065550100');

    expect(api.dialled).toEqual([]);
    expect(layer.left).toBe(1);
    expect(state).toMatchObject({ phase: 'idle', error: { code: MICROPHONE_UNAVAILABLE } });
    expect(state.error?.message).toContain('No call was placed: no microphone was found.');

    layer.microphoneResult = async () => undefined;
    await controller.dial('2065550100');
    expect(api.dialled).toEqual(['2065550100']);
  });

  it('shows the server refusal and joins nothing', async () => {
    api.dialResult = () => Promise.reject(new ApiError(400, 'destination_blocked', '+18765550123 is in a blocked high-cost range (+1876).'));

    await controller.dial('+1 876 555 0123');

    expect(state).toMatchObject({
      phase: 'idle',
      error: { code: 'destination_blocked', message: '+18765550123 is in a blocked high-cost range (+1876).' },
    });
    expect(layer.joinedWith).toBeUndefined();
  });

  it('ends the call on the server when the meeting cannot be joined', async () => {
    layer.joinResult = () => Promise.reject(new Error('no microphone'));

    await controller.dial('2065550100');

    expect(api.updates).toEqual([{ transactionId: 'tx-1', update: 'end' }]);
    expect(state).toMatchObject({ phase: 'ended', endReason: 'failed' });
    expect(state.endDetail).toContain('no microphone');
    expect(layer.left).toBe(1);
  });

  it('gives up on a meeting that does not connect in time, and ends the call', async () => {
    vi.useFakeTimers();
    try {
      layer.joinResult = () => new Promise(() => undefined);
      const dialling = controller.dial('2065550100');

      await vi.advanceTimersByTimeAsync(JOIN_TIMEOUT_MS);
      await dialling;

      expect(api.updates).toEqual([{ transactionId: 'tx-1', update: 'end' }]);
      expect(state).toMatchObject({ phase: 'ended', endReason: 'failed' });
      expect(state.endDetail).toBe('The page could not join the call: its audio did not connect within 20 seconds.');
      expect(layer.left).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("waits for the meeting as long as the server waits for the caller, by default the stack's 20 s", () => {
    expect(JOIN_TIMEOUT_MS).toBe(DEFAULT_CALLER_JOIN_TIMEOUT_SECONDS * 1000);
  });

  it('gives up on the meeting after the join timeout it was given, not before', async () => {
    vi.useFakeTimers();
    try {
      controller = new CallController({
        api,
        createMeetingLayer: async () => layer,
        dispatch: (action) => {
          state = callReducer(state, action);
        },
        progressTimers: timers,
        joinTimeoutMs: 45_000,
      });
      layer.joinResult = () => new Promise(() => undefined);
      const dialling = controller.dial('2065550100');

      await vi.advanceTimersByTimeAsync(44_000);
      expect(api.updates).toEqual([]);
      expect(state.phase).not.toBe('ended');

      await vi.advanceTimersByTimeAsync(1_000);
      await dialling;
      expect(api.updates).toEqual([{ transactionId: 'tx-1', update: 'end' }]);
      expect(state.endDetail).toBe('The page could not join the call: its audio did not connect within 45 seconds.');
    } finally {
      vi.useRealTimers();
    }
  });

  it('hangs up through /update and leaves the meeting', async () => {
    await controller.dial('2065550100');
    await answer();

    await controller.hangUp();

    expect(api.updates).toEqual([{ transactionId: 'tx-1', update: 'end' }]);
    expect(layer.left).toBe(1);
    expect(state).toMatchObject({ phase: 'ended', endReason: 'hangup', endedByCaller: true });
  });

  it('lets the next dial wait for the server to release the call this page just ended', async () => {
    await controller.dial('2065550100');
    await answer();
    clock = 7_000;
    await controller.hangUp();

    await controller.dial('2065550101');

    expect(api.dialOptions).toEqual([{}, { previousCallReleasedBy: 7_000 + PREVIOUS_CALL_RELEASE_MS }]);
  });

  it('tries the hang-up again through a short network outage, each time with a fresh request', async () => {
    await controller.dial('2065550100');
    await answer();
    const offline = new ApiError(0, 'network_error', 'The call service could not be reached.');
    let attempts = 0;
    api.updateResult = async () => {
      if (++attempts < 3) throw offline;
    };

    await controller.hangUp();

    expect(api.updates).toHaveLength(3);
    expect(sleeps).toEqual(HANG_UP_RETRY_DELAYS_MS.slice(0, 2));
    expect(state).toMatchObject({ phase: 'ended', endReason: 'hangup', endedByCaller: true });
    expect(state.error).toBeUndefined();
  });

  it('says so when the hang-up never reaches the server, and lets the caller try again', async () => {
    await controller.dial('2065550100');
    await answer();
    api.updateResult = () => Promise.reject(new ApiError(0, 'network_error', 'The call service could not be reached.'));

    await controller.hangUp();

    expect(api.updates).toHaveLength(HANG_UP_RETRY_DELAYS_MS.length + 1);
    expect(state).toMatchObject({ phase: 'connected', endedByCaller: false, error: { code: 'network_error' } });
    expect(layer.left).toBe(0);

    api.updateResult = async () => undefined;
    await controller.hangUp();
    expect(state).toMatchObject({ phase: 'ended', endReason: 'hangup' });
  });

  it('does not retry a hang-up the server refused for good', async () => {
    await controller.dial('2065550100');
    api.updateResult = () => Promise.reject(new ApiError(401, 'unauthenticated', 'Your sign-in has expired.'));

    await controller.hangUp();

    expect(api.updates).toHaveLength(1);
    expect(state.error?.code).toBe('unauthenticated');
  });

  it('takes a call the server no longer knows as ended without an error', async () => {
    await controller.dial('2065550100');
    api.updateResult = () => Promise.reject(new ApiError(404, 'call_not_found', 'That call has ended.'));

    await controller.hangUp();

    expect(state.phase).toBe('ended');
    expect(state.error).toBeUndefined();
  });

  it('ends when the meeting says the far end hung up, and leaves the meeting', async () => {
    await controller.dial('2065550100');
    await answer();

    layer.emit({ type: 'ended', reason: 'hangup' });
    await vi.waitFor(() => expect(state.phase).toBe('ended'));

    expect(state).toMatchObject({ phase: 'ended', endReason: 'hangup', endedByCaller: false });
    expect(layer.left).toBe(1);
    expect(api.updates).toEqual([]);
  });

  it('takes the reason of an end from the server when the meeting ends without one', async () => {
    await controller.dial('2065550100');
    api.callStatusResult = async () => callRecord({ status: 'ended', reason: 'busy', endedAt: '2026-12-03T10:00:09.000Z' });

    layer.emit({ type: 'ended' });
    await vi.waitFor(() => expect(state.phase).toBe('ended'));

    expect(state).toMatchObject({ endReason: 'busy', endedByCaller: false });
    expect(api.callStatusReads).toEqual(['tx-1']);
  });

  it('ends when the server records the end, with its reason, and stops reading', async () => {
    await controller.dial('2065550100');
    api.callStatusResult = async () => callRecord({ status: 'ended', reason: 'no-answer', endedAt: '2026-12-03T10:00:31.000Z' });

    await timers.fire();

    expect(state).toMatchObject({ phase: 'ended', endReason: 'no-answer' });
    expect(layer.left).toBe(1);
    expect(timers.waiting).toBe(0);
  });

  it('says the call ended in neutral words for a reason it does not know', async () => {
    await controller.dial('2065550100');
    await answer();
    api.callStatusResult = async () => callRecord({ status: 'ended', reason: 'solar-flare', answeredAt: new Date(clock).toISOString() });

    await timers.fire();

    expect(state.phase).toBe('ended');
    expect(state.endReason).toBeUndefined();
  });

  it('keeps reading through failures, and shows the ringing the server records', async () => {
    await controller.dial('2065550100');
    await timers.fire();
    expect(state.phase).toBe('connecting');

    api.callStatusResult = async () => callRecord({ status: 'ringing' });
    await timers.fire();

    expect(state.phase).toBe('ringing');
    expect(api.callStatusReads).toEqual(['tx-1', 'tx-1']);
  });

  it('ends the phone leg too when the meeting layer fails', async () => {
    await controller.dial('2065550100');
    await answer();

    layer.emit({ type: 'ended', reason: 'failed', detail: 'The audio connection failed (AudioServiceUnavailable).' });
    await vi.waitFor(() => expect(state.phase).toBe('ended'));

    expect(api.updates).toEqual([{ transactionId: 'tx-1', update: 'end' }]);
    expect(state.endDetail).toBe('The audio connection failed (AudioServiceUnavailable).');
  });

  it('sends digits in order, batching those typed while a send is on its way', async () => {
    await controller.dial('2065550100');
    await answer();
    const first = deferred<void>();
    api.updateResult = () => first.promise;

    controller.sendDigits('1');
    controller.sendDigits('2');
    controller.sendDigits('#');
    expect(api.updates).toEqual([{ transactionId: 'tx-1', update: 'digits', digits: '1' }]);

    api.updateResult = async () => undefined;
    first.resolve();
    await vi.waitFor(() => expect(state.digitsSent).toBe('12#'));

    expect(api.updates.map((u) => (u.update === 'digits' ? u.digits : u.update))).toEqual(['1', '2#']);
  });

  it('reports digits the service refused', async () => {
    await controller.dial('2065550100');
    await answer();
    api.updateResult = () => Promise.reject(new ApiError(400, 'malformed_body', 'The digits are not valid.'));

    controller.sendDigits('5');
    await vi.waitFor(() => expect(state.error).toBeDefined());

    expect(state.error).toEqual({ code: 'malformed_body', message: 'The digits are not valid.' });
    expect(state.digitsSent).toBe('');
  });

  it('refuses digits that are not DTMF without asking the server', async () => {
    await controller.dial('2065550100');

    controller.sendDigits('9x');

    expect(api.updates).toEqual([]);
    expect(state.error?.code).toBe('digits_invalid');
  });

  it('mutes through the meeting layer', async () => {
    await controller.dial('2065550100');

    controller.setMuted(true);

    expect(layer.muted).toBe(true);
    expect(state.muted).toBe(true);
  });

  it('ends the call without waiting when the page closes', async () => {
    await controller.dial('2065550100');

    controller.leaveWhilePageCloses();
    controller.leaveWhilePageCloses();

    expect(api.endedWhileLeaving).toEqual(['tx-1']);
    expect(layer.left).toBe(1);
  });

  it('shows the call it ended as left, when the page comes back from the back/forward cache', async () => {
    await controller.dial('2065550100');
    await answer();
    controller.leaveWhilePageCloses();
    expect(state.phase).toBe('connected');

    controller.restoredFromCache();
    controller.restoredFromCache();

    expect(state).toMatchObject({ phase: 'ended', endReason: 'caller-left' });
    expect(actions.filter((action) => action.type === 'ended')).toHaveLength(1);
    expect(timers.waiting).toBe(0);
  });

  it('says when the browser goes offline during a call, and when the meeting reconnects', async () => {
    await controller.dial('2065550100');
    await answer();

    controller.networkChanged(false);
    expect(state.connection).toBe('offline');
    layer.emit({ type: 'connection', quality: 'reconnecting' });
    expect(state.connection).toBe('reconnecting');
    layer.emit({ type: 'connection', quality: 'good' });
    expect(state.connection).toBe('good');

    controller.networkChanged(false);
    await controller.hangUp();
    expect(state.connection).toBe('good');
  });

  it('does nothing on page close when no call is live', () => {
    controller.leaveWhilePageCloses();

    expect(api.endedWhileLeaving).toEqual([]);
  });

  describe('before the dial', () => {
    it('prepares the meeting layer first: the audio offer must be waiting when the call arrives', async () => {
      const preparing = deferred<void>();
      layer.prepareResult = () => preparing.promise;

      const dialling = controller.dial('2065550100');
      await vi.waitFor(() => expect(layer.prepare).toHaveBeenCalledTimes(1));
      expect(layer.takeMicrophone).toHaveBeenCalledTimes(1);
      expect(api.dialled).toEqual([]);
      expect(state.phase).toBe('dialling');

      preparing.resolve();
      await dialling;
      expect(api.dialled).toEqual(['2065550100']);
      expect(state).toMatchObject({ phase: 'connecting', inMeeting: true });
    });

    it('releases what the layer prepared when the dial is refused', async () => {
      api.dialResult = () => Promise.reject(new ApiError(400, 'destination_blocked', 'blocked'));

      await controller.dial('+1 876 555 0123');

      expect(layer.left).toBe(1);
      expect(state.phase).toBe('idle');
    });

    it('dials nothing when the page goes away while the layer prepares', async () => {
      const preparing = deferred<void>();
      layer.prepareResult = () => preparing.promise;

      const dialling = controller.dial('2065550100');
      await Promise.resolve();
      await controller.hangUp();
      preparing.resolve();
      await dialling;

      expect(layer.left).toBe(1);
      expect(api.dialled).toEqual([]);
      expect(layer.joinedWith).toBeUndefined();
    });

    it('ends a call the page gave up while it was being placed', async () => {
      const answer = deferred<ReturnType<typeof dialResponse>>();
      api.dialResult = () => answer.promise;

      const dialling = controller.dial('2065550100');
      await vi.waitFor(() => expect(api.dialled).toHaveLength(1));
      controller.leaveWhilePageCloses();
      answer.resolve(dialResponse());
      await dialling;

      expect(layer.left).toBe(1);
      expect(api.updates).toEqual([{ transactionId: 'tx-1', update: 'end' }]);
      expect(layer.joinedWith).toBeUndefined();
    });

    it('reports a meeting layer that cannot be loaded as a refused dial', async () => {
      controller = new CallController({
        api,
        createMeetingLayer: () => Promise.reject(new Error('Failed to fetch dynamically imported module')),
        dispatch: (action) => {
          state = callReducer(state, action);
        },
        sleep: async () => undefined,
        progressTimers: timers,
      });

      await controller.dial('2065550100');

      expect(api.dialled).toEqual([]);
      expect(state).toMatchObject({ phase: 'idle', error: { code: 'unexpected' } });
      expect(state.error?.message).toContain('Failed to fetch dynamically imported module');
    });
  });

  describe('with the audio relayed by the local stack', () => {
    const ANSWER = 'v=0\r\nm=audio 40000 UDP/TLS/RTP/SAVPF 111\r\n';
    let browser: FakeMediaBrowser;
    let source: FakeEventSource | undefined;
    let requests: string[];

    beforeEach(() => {
      browser = new FakeMediaBrowser();
      requests = [];
      browser.fetch.mockImplementation(async () => {
        requests.push('media offer');
        return jsonResponse(202, { expiresInSeconds: 30 });
      });
      api.dialResult = async () => {
        requests.push('dial');
        return dialResponse();
      };
      controller = new CallController({
        api,
        createMeetingLayer: async () => new LocalMeetingLayer(
          'http://127.0.0.1:8080/local/events',
          (url) => {
            source = new FakeEventSource(url);
            queueMicrotask(() => source?.open());
            return source as unknown as EventSource;
          },
          new RelayedAudio({ mediaUrl: 'http://127.0.0.1:8080/local/media', idToken: async () => 'id-token', browser }),
        ),
        dispatch: (action) => {
          state = callReducer(state, action);
        },
        sleep: async () => undefined,
        progressTimers: timers,
      });
    });

    it('posts the offer before the dial, plays the answer and releases everything on hang-up', async () => {
      await controller.dial('2065550100');
      expect(requests).toEqual(['media offer', 'dial']);
      expect(browser.fetch.mock.calls[0]![1]).toMatchObject({ headers: { Authorization: 'Bearer id-token' } });

      source!.send('media-answer', { sdp: ANSWER });
      await Promise.resolve();
      expect(browser.connection?.remoteDescriptions).toEqual([{ type: 'answer', sdp: ANSWER }]);
      expect(document.querySelectorAll('audio')).toHaveLength(1);

      await controller.hangUp();
      expect(browser.connection?.closed).toBe(true);
      expect(browser.microphone.tracks[0]!.stopped).toBe(true);
      expect(document.querySelectorAll('audio')).toHaveLength(0);
    });

    it('places no call when the microphone is refused, and says how to fix it', async () => {
      browser.microphoneResult = () => Promise.reject(mediaError('NotAllowedError'));

      await controller.dial('2065550100');

      expect(requests).toEqual([]);
      expect(state).toMatchObject({ phase: 'idle', error: { code: MICROPHONE_UNAVAILABLE } });
      expect(state.error?.message).toMatch(/^No call was placed: microphone access was refused\. Let this site use your microphone/);
    });

    it('places the call without audio when the stack refuses the offer', async () => {
      browser.fetch.mockImplementation(async () => {
        requests.push('media offer');
        return jsonResponse(401, { code: 'unauthorized', message: 'invalid token' });
      });

      await controller.dial('2065550100');

      expect(requests).toEqual(['media offer', 'dial']);
      expect(state.phase).toBe('connecting');
      expect(browser.microphone.tracks[0]!.stopped).toBe(true);
    });

    it('releases the audio when the far end hangs up, and ignores a late answer', async () => {
      await controller.dial('2065550100');

      source!.send('call-status', { transactionId: 'tx-1', status: 'ended', reason: 'hangup' });
      source!.send('media-answer', { sdp: ANSWER });
      await vi.waitFor(() => expect(state.phase).toBe('ended'));

      expect(browser.connection?.closed).toBe(true);
      expect(browser.connection?.remoteDescriptions).toEqual([]);
      expect(browser.microphone.tracks[0]!.stopped).toBe(true);
    });

    it('releases the audio when the page closes', async () => {
      await controller.dial('2065550100');

      controller.leaveWhilePageCloses();

      expect(browser.connection?.closed).toBe(true);
      expect(browser.microphone.tracks[0]!.stopped).toBe(true);
    });

    it('mutes the microphone track', async () => {
      await controller.dial('2065550100');

      controller.setMuted(true);

      expect(browser.microphone.tracks[0]!.enabled).toBe(false);
    });
  });
});
