import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeStream, mediaError } from '../testing/fake-media';
import { MicrophoneUnavailable, MICROPHONE_WAIT_MS, microphoneProblem, takeMicrophone } from './microphone';

describe('takeMicrophone', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the stream the browser grants', async () => {
    const stream = new FakeStream();
    await expect(takeMicrophone(async () => stream as unknown as MediaStream)).resolves.toBe(stream);
  });

  it('says why in words when the browser refuses', async () => {
    const refused = takeMicrophone(() => Promise.reject(mediaError('NotAllowedError')));
    await expect(refused).rejects.toBeInstanceOf(MicrophoneUnavailable);
    await expect(refused).rejects.toThrow('microphone access was refused');
  });

  it('gives up on an unanswered prompt, and gives back a microphone granted too late', async () => {
    vi.useFakeTimers();
    const stream = new FakeStream();
    let grant!: (stream: MediaStream) => void;
    const taking = takeMicrophone(() => new Promise((resolve) => { grant = resolve; }));
    const outcome = expect(taking).rejects.toThrow('the microphone was not allowed within 10 seconds');

    await vi.advanceTimersByTimeAsync(MICROPHONE_WAIT_MS);
    await outcome;
    grant(stream as unknown as MediaStream);
    await vi.runAllTimersAsync();

    expect(stream.tracks.every((track) => track.stopped)).toBe(true);
  });
});

describe('microphoneProblem', () => {
  it.each([
    ['NotAllowedError', 'microphone access was refused'],
    ['NotFoundError', 'no microphone was found'],
    ['NotReadableError', 'the microphone could not be opened (another application may be using it)'],
    ['NotSupportedError', 'this browser gives the page no microphone'],
  ])('words %s for a person', (name, words) => {
    expect(microphoneProblem(mediaError(name))).toBe(words);
  });

  it('keeps the message of anything else', () => {
    expect(microphoneProblem(new Error('odd'))).toBe('the microphone could not be opened (odd)');
  });
});

