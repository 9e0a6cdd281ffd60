import { beforeEach, describe, expect, it } from 'vitest';
import { dialResponse } from '../testing/fakes';
import { FakeEventSource } from '../testing/fake-event-source';
import { FakeMediaBrowser, jsonResponse } from '../testing/fake-media';
import { FakeSignalling } from '../testing/fake-signalling';
import { LocalMeetingLayer, RELAYED_NOTICE, SIMULATED_NOTICE } from './local-meeting-layer';
import type { MeetingEvent } from './meeting-layer';
import { RelayedAudio } from './relayed-audio';

async function joined(audio?: RelayedAudio, signalling: FakeSignalling | null = new FakeSignalling()) {
  let source: FakeEventSource | undefined;
  const layer = new LocalMeetingLayer(
    'http://127.0.0.1:8080/local/events',
    (url) => {
      source = new FakeEventSource(url);
      queueMicrotask(() => source?.open());
      return source as unknown as EventSource;
    },
    audio,
    undefined,
    signalling ?? undefined,
  );
  await layer.prepare();
  const events: MeetingEvent[] = [];
  await layer.join(dialResponse(), (event) => events.push(event));
  return { layer, source: source!, events, signalling };
}

describe('LocalMeetingLayer', () => {
  it("joins with the attendee's join token, then holds the meeting's events open with the session", async () => {
    const { source, signalling } = await joined();

    expect(signalling!.joins).toEqual([{ meetingId: 'meeting-1', joinToken: 'token' }]);
    expect(source.url).toBe('http://127.0.0.1:8080/local/events?meetingId=meeting-1&session=session-1');
  });

  it('only watches the events without the signalling', async () => {
    const { source } = await joined(undefined, null);

    expect(source.url).toBe('http://127.0.0.1:8080/local/events?meetingId=meeting-1');
  });

  it('leaves the meeting once when the page leaves the call', async () => {
    const { layer, source, signalling } = await joined();

    await layer.leave();
    await layer.leave();

    expect(signalling!.leaves).toEqual(['session-1']);
    expect(source.closed).toBe(true);
    expect(signalling!.listeningForPageHide).toBe(0);
  });

  it('leaves the meeting when the call ends', async () => {
    const { source, signalling } = await joined();

    source.send('call-status', { transactionId: 'tx-1', status: 'ended', reason: 'hangup' });

    expect(signalling!.leaves).toEqual(['session-1']);
  });

  it('sends the leave as a beacon and closes the stream when the tab goes away', async () => {
    const { source, signalling } = await joined();

    signalling!.hidePage();

    expect(signalling!.beacons).toEqual(['session-1']);
    expect(source.closed).toBe(true);
  });

  it('opens no stream when the stack refuses the join', async () => {
    const signalling = new FakeSignalling();
    signalling.joinResult = async () => {
      throw new Error('the meeting has already ended');
    };
    const opened: string[] = [];
    const layer = new LocalMeetingLayer('http://x/local/events', (url) => {
      opened.push(url);
      return new FakeEventSource(url) as unknown as EventSource;
    }, undefined, undefined, signalling);

    await expect(layer.join(dialResponse(), () => undefined)).rejects.toThrow('the meeting has already ended');
    expect(opened).toEqual([]);
  });

  it('leaves at once a meeting joined after the page already left', async () => {
    const signalling = new FakeSignalling();
    let release: (session: string) => void = () => undefined;
    signalling.joinResult = () => new Promise((resolve) => (release = resolve));
    const layer = new LocalMeetingLayer('http://x/local/events', (url) => new FakeEventSource(url) as unknown as EventSource,
      undefined, undefined, signalling);

    const joining = layer.join(dialResponse(), () => undefined);
    await layer.leave();
    release('late-session');
    await joining;

    expect(signalling.leaves).toEqual(['late-session']);
  });

  it('turns call-status events into hints of the call progress, leaving the answer to the server', async () => {
    const { source, events } = await joined();

    source.send('attendee-joined', { attendeeId: 'phone', externalUserId: 'sma' });
    source.send('call-status', { transactionId: 'tx-1', status: 'ringing' });
    source.send('call-status', { transactionId: 'tx-1', status: 'connected' });
    source.send('call-status', { transactionId: 'tx-1', status: 'ended', reason: 'busy' });

    expect(events).toEqual([{ type: 'ringing' }, { type: 'ended', reason: 'busy' }]);
    expect(source.closed).toBe(true);
  });

  it('ignores other calls and unknown reasons', async () => {
    const { source, events } = await joined();

    source.send('call-status', { transactionId: 'tx-other', status: 'connected' });
    source.send('call-status', { transactionId: 'tx-1', status: 'ended', reason: 'cosmic-rays' });

    expect(events).toEqual([{ type: 'ended' }]);
  });

  it('ends the call once when the meeting ends', async () => {
    const { source, events } = await joined();

    source.send('meeting-ended', { meetingId: 'meeting-1' });
    source.send('call-status', { transactionId: 'tx-1', status: 'ended', reason: 'hangup' });

    expect(events).toEqual([{ type: 'ended' }]);
  });

  it('fails to join when the events cannot be reached, and leaves the meeting', async () => {
    let source: FakeEventSource | undefined;
    const signalling = new FakeSignalling();
    const layer = new LocalMeetingLayer('http://127.0.0.1:8080/local/events', (url) => {
      source = new FakeEventSource(url);
      queueMicrotask(() => source?.onerror?.());
      return source as unknown as EventSource;
    }, undefined, undefined, signalling);
    await expect(layer.join(dialResponse(), () => undefined)).rejects.toThrow("meeting events could not be reached");
    expect(signalling.leaves).toEqual(['session-1']);
  });

  it('says that the call carries no audio', () => {
    expect(new LocalMeetingLayer('http://x').notice).toContain('Audio needs the Amazon Chime SDK media service');
  });

  describe('with the audio relayed to the softphone', () => {
    const ANSWER = 'v=0\r\nm=audio 40000 UDP/TLS/RTP/SAVPF 111\r\n';
    let browser: FakeMediaBrowser;
    let audio: RelayedAudio;

    beforeEach(() => {
      browser = new FakeMediaBrowser();
      audio = new RelayedAudio({ mediaUrl: 'http://127.0.0.1:8080/local/media', idToken: async () => 'id-token', browser });
    });

    it('offers the audio while preparing, and says when it will be heard', async () => {
      const { layer } = await joined(audio);

      expect(browser.fetch).toHaveBeenCalledTimes(1);
      expect(layer.notice).toBe(RELAYED_NOTICE);
    });

    it("applies the softphone's answer from the meeting events", async () => {
      const { source } = await joined(audio);

      source.send('media-answer', { sdp: ANSWER });
      await Promise.resolve();

      expect(browser.connection?.remoteDescriptions).toEqual([{ type: 'answer', sdp: ANSWER }]);
    });

    it('ignores a media answer without SDP', async () => {
      const { source } = await joined(audio);

      source.send('media-answer', { sdp: 42 });
      source.dispatchEvent(new MessageEvent('media-answer', { data: 'not json' }));

      expect(browser.connection?.remoteDescriptions).toEqual([]);
    });

    it('ignores a media answer that comes after the call ended, and has released the audio', async () => {
      const { source } = await joined(audio);

      source.send('call-status', { transactionId: 'tx-1', status: 'ended', reason: 'hangup' });
      source.send('media-answer', { sdp: ANSWER });

      expect(browser.connection?.remoteDescriptions).toEqual([]);
      expect(browser.connection?.closed).toBe(true);
      expect(browser.microphone.tracks[0]!.stopped).toBe(true);
    });

    it('releases the audio when the meeting ends and when the page leaves', async () => {
      const ended = await joined(audio);
      ended.source.send('meeting-ended', { meetingId: 'meeting-1' });
      expect(browser.connection?.closed).toBe(true);

      const otherBrowser = new FakeMediaBrowser();
      const left = await joined(new RelayedAudio({ mediaUrl: 'http://x/local/media', idToken: async () => 't', browser: otherBrowser }));
      await left.layer.leave();
      expect(otherBrowser.connection?.closed).toBe(true);
      expect(otherBrowser.microphone.tracks[0]!.stopped).toBe(true);
    });

    it('mutes the microphone', async () => {
      const { layer } = await joined(audio);

      layer.setMuted(true);

      expect(browser.microphone.tracks[0]!.enabled).toBe(false);
    });

    it('hands the chosen microphone to the relayed audio', async () => {
      const { layer } = await joined(audio);

      await layer.chooseMicrophone('mic-2');

      expect(browser.getMicrophone).toHaveBeenLastCalledWith('mic-2');
    });

    it('says discreetly why there is no audio', async () => {
      browser.fetch.mockResolvedValueOnce(jsonResponse(400, { code: 'invalid_offer', message: 'not an SDP offer' }));

      const { layer } = await joined(audio);

      expect(layer.notice).toBe(
        'No audio: the local stack refused the audio offer (HTTP 400: not an SDP offer). The call goes ahead without it.',
      );
    });
  });

  it('prepares nothing without the relay, and says the call is simulated', async () => {
    const { layer } = await joined();

    expect(layer.notice).toBe(SIMULATED_NOTICE);
  });
});
