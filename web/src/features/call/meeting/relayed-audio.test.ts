import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred } from '../testing/fakes';
import {
  CANDIDATE_LINE,
  FakeMediaBrowser,
  FakeStream,
  OFFER_WITHOUT_CANDIDATES,
  jsonResponse,
  mediaError,
} from '../testing/fake-media';
import { MICROPHONE_WAIT_MS } from './microphone';
import { ICE_GATHERING_WAIT_MS, RelayedAudio, browserMedia } from './relayed-audio';

const MEDIA_URL = 'http://127.0.0.1:8080/local/media';
const ANSWER = 'v=0\r\no=- 9 9 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 40000 UDP/TLS/RTP/SAVPF 111\r\n';

describe('RelayedAudio', () => {
  let browser: FakeMediaBrowser;
  let audio: RelayedAudio;

  beforeEach(() => {
    browser = new FakeMediaBrowser();
    audio = new RelayedAudio({ mediaUrl: MEDIA_URL, idToken: async () => 'id-token-1', browser });
  });

  afterEach(() => {
    audio.close();
    vi.useRealTimers();
  });

  const speakers = () => document.querySelectorAll('audio');

  it('offers the microphone and posts the complete offer with the Bearer id token', async () => {
    await audio.offer();

    expect(browser.getMicrophone).toHaveBeenCalledTimes(1);
    expect(browser.connection?.added).toEqual([{ track: browser.microphone.tracks[0], stream: browser.microphone }]);
    expect(browser.fetch).toHaveBeenCalledTimes(1);
    const [url, init] = browser.fetch.mock.calls[0]!;
    expect(url).toBe(MEDIA_URL);
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer id-token-1' },
    });
    expect(browser.postedBody()).toEqual({ sdp: OFFER_WITHOUT_CANDIDATES + CANDIDATE_LINE });
    expect(audio.offered).toBe(true);
    expect(audio.problem).toBeUndefined();
  });

  it('posts what ICE gathered once the bounded wait is over', async () => {
    vi.useFakeTimers();
    browser.onConnection = (connection) => {
      connection.gathersAtOnce = false;
    };

    const offering = audio.offer();
    await vi.advanceTimersByTimeAsync(ICE_GATHERING_WAIT_MS - 1);
    expect(browser.fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await offering;

    expect(browser.postedBody()).toEqual({ sdp: OFFER_WITHOUT_CANDIDATES });
    expect(audio.offered).toBe(true);
  });

  it('goes without audio when the microphone is refused, and asks nothing more', async () => {
    browser.microphoneResult = () => Promise.reject(mediaError('NotAllowedError'));

    await audio.offer();

    expect(audio.problem).toBe('microphone access was refused');
    expect(audio.offered).toBe(false);
    expect(browser.connections).toHaveLength(0);
    expect(browser.fetch).not.toHaveBeenCalled();
  });

  it('gives up on an unanswered microphone prompt and gives a late microphone back', async () => {
    vi.useFakeTimers();
    const prompt = deferred<FakeStream>();
    browser.microphoneResult = () => prompt.promise;

    const offering = audio.offer();
    await vi.advanceTimersByTimeAsync(MICROPHONE_WAIT_MS);
    await offering;
    expect(audio.problem).toBe('the microphone was not allowed within 10 seconds');
    expect(browser.fetch).not.toHaveBeenCalled();

    const late = new FakeStream();
    prompt.resolve(late);
    await vi.advanceTimersByTimeAsync(0);
    expect(late.tracks[0]!.stopped).toBe(true);
  });

  it('says why the local stack refused the offer, and releases the microphone and connection', async () => {
    browser.fetch.mockResolvedValueOnce(jsonResponse(401, { code: 'unauthorized', message: 'the token has expired' }));

    await audio.offer();

    expect(audio.problem).toBe('the local stack refused the audio offer (HTTP 401: the token has expired)');
    expect(audio.offered).toBe(false);
    expect(browser.microphone.tracks[0]!.stopped).toBe(true);
    expect(browser.connection?.closed).toBe(true);
  });

  it('goes without audio when the media relay cannot be reached', async () => {
    browser.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));

    await audio.offer();

    expect(audio.problem).toBe("the local stack's media relay could not be reached");
    expect(browser.microphone.tracks[0]!.stopped).toBe(true);
  });

  it('posts nothing when nobody is signed in', async () => {
    audio = new RelayedAudio({ mediaUrl: MEDIA_URL, idToken: () => Promise.reject(new Error('nobody')), browser });

    await audio.offer();

    expect(audio.problem).toBe('you are signed out');
    expect(browser.fetch).not.toHaveBeenCalled();
  });

  it("applies the softphone's answer and plays the far end through a hidden autoplay element", async () => {
    await audio.offer();

    await audio.answer(ANSWER);

    expect(browser.connection?.remoteDescriptions).toEqual([{ type: 'answer', sdp: ANSWER }]);
    expect(speakers()).toHaveLength(1);
    const speaker = speakers()[0]!;
    expect(speaker.autoplay).toBe(true);
    expect(speaker.hidden).toBe(true);
    expect(speaker.srcObject).toBe(browser.connection?.remoteStream);
  });

  it('applies one answer only', async () => {
    await audio.offer();

    await audio.answer(ANSWER);
    await audio.answer(ANSWER);

    expect(browser.connection?.remoteDescriptions).toHaveLength(1);
  });

  it('says so when the answer cannot be used, and releases everything', async () => {
    browser.onConnection = (connection) => {
      connection.remoteDescriptionResult = () => Promise.reject(new Error('Failed to parse SessionDescription'));
    };
    await audio.offer();

    await audio.answer('v=0 nonsense');

    expect(audio.problem).toBe("the softphone's answer could not be used (Failed to parse SessionDescription)");
    expect(browser.connection?.closed).toBe(true);
    expect(browser.microphone.tracks[0]!.stopped).toBe(true);
  });

  it('closes the connection, stops the microphone and drops the speaker, once', async () => {
    await audio.offer();
    await audio.answer(ANSWER);
    const speaker = speakers()[0]!;

    audio.close();
    audio.close();

    expect(browser.connection?.closed).toBe(true);
    expect(browser.microphone.tracks[0]!.stopped).toBe(true);
    expect(speaker.srcObject).toBeNull();
    expect(speakers()).toHaveLength(0);
  });

  it('ignores an answer that comes after the end', async () => {
    await audio.offer();
    audio.close();

    await audio.answer(ANSWER);

    expect(browser.connection?.remoteDescriptions).toEqual([]);
    expect(speakers()).toHaveLength(0);
  });

  it('ignores an answer when there was no offer', async () => {
    browser.microphoneResult = () => Promise.reject(mediaError('NotFoundError'));
    await audio.offer();

    await audio.answer(ANSWER);

    expect(audio.problem).toBe('no microphone was found');
    expect(speakers()).toHaveLength(0);
  });

  it('gives the microphone back when the call ends while the prompt is open', async () => {
    const prompt = deferred<FakeStream>();
    browser.microphoneResult = () => prompt.promise;

    const offering = audio.offer();
    audio.close();
    prompt.resolve(browser.microphone);
    await offering;

    expect(browser.microphone.tracks[0]!.stopped).toBe(true);
    expect(browser.connections).toHaveLength(0);
    expect(browser.fetch).not.toHaveBeenCalled();
    expect(audio.problem).toBeUndefined();
  });

  it('sends another microphone in place of the first, and gives the first back', async () => {
    await audio.offer();
    audio.setMuted(true);
    const headset = new FakeStream();
    browser.microphoneResult = async () => headset;

    await audio.chooseMicrophone('mic-2');

    expect(browser.getMicrophone).toHaveBeenLastCalledWith('mic-2');
    expect(browser.connection?.senders[0]?.track).toBe(headset.tracks[0]);
    expect(headset.tracks[0]!.enabled).toBe(false);
    expect(browser.microphone.tracks[0]!.stopped).toBe(true);
    audio.close();
    expect(headset.tracks[0]!.stopped).toBe(true);
  });

  it('takes no microphone by choice while no offer is out', async () => {
    await audio.chooseMicrophone('mic-2');

    expect(browser.getMicrophone).not.toHaveBeenCalled();
  });

  it('plays the far end through the chosen speaker', async () => {
    await audio.offer();
    await audio.answer(ANSWER);
    const setSinkId = vi.fn(async (_id: string) => undefined);
    Object.assign(speakers()[0]!, { setSinkId });

    await audio.chooseSpeaker('spk-2');

    expect(setSinkId).toHaveBeenCalledWith('spk-2');
  });

  it('mutes by disabling the microphone track, also before it is taken', async () => {
    audio.setMuted(true);
    await audio.offer();
    expect(browser.microphone.tracks[0]!.enabled).toBe(false);

    audio.setMuted(false);
    expect(browser.microphone.tracks[0]!.enabled).toBe(true);
  });
});

describe('browserMedia', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(navigator, 'mediaDevices');
  });

  it('asks for audio only, and makes a connection without STUN or TURN', async () => {
    const getUserMedia = vi.fn(async () => new FakeStream() as unknown as MediaStream);
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    const made: unknown[] = [];
    vi.stubGlobal('RTCPeerConnection', function RTCPeerConnection(configuration: unknown) {
      made.push(configuration);
    });

    await browserMedia.getMicrophone();
    browserMedia.createPeerConnection();

    expect(getUserMedia).toHaveBeenCalledWith({ audio: true, video: false });
    expect(made).toEqual([{ iceServers: [] }]);

    await browserMedia.getMicrophone('mic-2');
    expect(getUserMedia).toHaveBeenLastCalledWith({ audio: { deviceId: { exact: 'mic-2' } }, video: false });
  });

  it('says that the browser has no microphone for the page', async () => {
    await expect(browserMedia.getMicrophone()).rejects.toMatchObject({ name: 'NotSupportedError' });
  });
});
