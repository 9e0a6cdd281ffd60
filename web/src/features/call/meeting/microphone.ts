/**
 * The caller's microphone, taken before anything is dialled: a call nobody can speak into rings
 * nobody. Audio only: no layer ever asks for the camera.
 */

/** How long a person has to answer the browser's microphone prompt. */
export const MICROPHONE_WAIT_MS = 10_000;

/** The default microphone, or the one asked for. */
export type GetMicrophone = (deviceId?: string) => Promise<MediaStream>;

export const getBrowserMicrophone: GetMicrophone = (deviceId) => {
  if (navigator.mediaDevices?.getUserMedia === undefined) {
    return Promise.reject(new DOMException('no media devices', 'NotSupportedError'));
  }
  const audio = deviceId === undefined ? true : { deviceId: { exact: deviceId } };
  return navigator.mediaDevices.getUserMedia({ audio, video: false });
};

/** The microphone could not be taken; `message` says why, for a person. */
export class MicrophoneUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MicrophoneUnavailable';
  }
}

/**
 * Asks for the microphone and waits at most `waitMs` for the person to allow it. A microphone
 * granted after that, or once `abandoned()` says the call is gone, is given back at once.
 * @throws MicrophoneUnavailable when it is refused, missing, busy or not allowed in time
 */
export async function takeMicrophone(
  get: GetMicrophone,
  waitMs = MICROPHONE_WAIT_MS,
  abandoned: () => boolean = () => false,
): Promise<MediaStream> {
  let late = false;
  const request = get().then((stream) => {
    if (late || abandoned()) stopTracks(stream);
    return stream;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late = true;
      reject(new MicrophoneUnavailable(`the microphone was not allowed within ${Math.round(waitMs / 1000)} seconds`));
    }, waitMs);
  });
  try {
    return await Promise.race([request, timeout]);
  } catch (error) {
    throw error instanceof MicrophoneUnavailable ? error : new MicrophoneUnavailable(microphoneProblem(error));
  } finally {
    clearTimeout(timer);
  }
}

/** What getUserMedia's failure means for a person. */
export function microphoneProblem(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'microphone access was refused';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'no microphone was found';
    case 'NotReadableError':
    case 'AbortError':
      return 'the microphone could not be opened (another application may be using it)';
    case 'NotSupportedError':
      return 'this browser gives the page no microphone';
    default:
      return `the microphone could not be opened (${error instanceof Error ? error.message : String(error)})`;
  }
}

export function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
