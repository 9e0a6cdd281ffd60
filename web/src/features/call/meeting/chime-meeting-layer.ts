/**
 * The meeting layer of a deployment: the browser joins the call's Chime SDK meeting with WebRTC.
 *
 * The SDK does not report the phone call's progress, so it is read from the meeting:
 * - the SMA's phone leg joins the meeting as a second attendee once the meeting answers it and then
 *   bridges to the number: its presence means the far end is ringing;
 * - the first sound from that attendee means the far end answered (CallAndBridge plays no
 *   ringback into the meeting, so nothing is heard before the answer);
 * - the phone attendee leaving, or the meeting ending (`audioVideoDidStop` with
 *   `MeetingSessionStatusCode.MeetingEnded`, since the SMA deletes the meeting when a leg hangs
 *   up), ends the call; any other terminal status code is a failure.
 */
import {
  ConsoleLogger,
  DefaultBrowserBehavior,
  DefaultDeviceController,
  DefaultMeetingSession,
  LogLevel,
  MeetingSessionConfiguration,
  MeetingSessionStatusCode,
  type AudioVideoObserver,
  type MeetingSession,
  type MeetingSessionStatus,
} from 'amazon-chime-sdk-js';
import type { DialResponse } from '../../../lib/api-client';
import { toAudioDevices, type AudioDevices, type MeetingEvent, type MeetingLayer } from './meeting-layer';

/** Volume (0–1) above which the phone attendee is taken to be heard. */
const HEARD_VOLUME = 0.02;

export class ChimeMeetingLayer implements MeetingLayer {
  private session: MeetingSession | undefined;
  private audioElement: HTMLAudioElement | undefined;
  private ended = false;
  private leaving = false;

  async join(call: DialResponse, onEvent: (event: MeetingEvent) => void): Promise<void> {
    const logger = new ConsoleLogger('clicktocall', LogLevel.WARN);
    const deviceController = new DefaultDeviceController(logger, { enableWebAudio: false });
    const session = new DefaultMeetingSession(
      new MeetingSessionConfiguration(call.meeting, call.attendee),
      logger,
      deviceController,
    );
    this.session = session;
    const audioVideo = session.audioVideo;
    const ownAttendeeId = call.attendee.Attendee.AttendeeId;
    let phoneAttendeeId: string | undefined;
    let connected = false;

    const end = (event: MeetingEvent & { type: 'ended' }) => {
      if (this.ended) return;
      this.ended = true;
      onEvent(event);
    };

    const heard = (_attendeeId: string, volume: number | null) => {
      if (!connected && volume !== null && volume > HEARD_VOLUME) {
        connected = true;
        onEvent({ type: 'connected' });
      }
    };

    audioVideo.realtimeSubscribeToAttendeeIdPresence((attendeeId, present, _externalUserId, dropped) => {
      // Content shares join as "<attendee>#content"; only the phone leg matters.
      if (attendeeId === ownAttendeeId || attendeeId.includes('#')) return;
      if (present && phoneAttendeeId === undefined) {
        phoneAttendeeId = attendeeId;
        onEvent({ type: 'ringing' });
        audioVideo.realtimeSubscribeToVolumeIndicator(attendeeId, heard);
      } else if (!present && attendeeId === phoneAttendeeId) {
        if (dropped) end({ type: 'ended', reason: 'failed', detail: 'The phone line dropped.' });
        else end(connected ? { type: 'ended', reason: 'hangup' } : { type: 'ended' });
      }
    });

    const started = new Promise<void>((resolve, reject) => {
      const observer: AudioVideoObserver = {
        audioVideoDidStart: () => resolve(),
        audioVideoDidStop: (status: MeetingSessionStatus) => {
          const code = status.statusCode();
          reject(new Error(`the meeting's audio stopped (${MeetingSessionStatusCode[code]})`));
          if (this.leaving || code === MeetingSessionStatusCode.Left) return;
          if (code === MeetingSessionStatusCode.MeetingEnded || code === MeetingSessionStatusCode.AudioAttendeeRemoved) {
            end(connected ? { type: 'ended', reason: 'hangup' } : { type: 'ended' });
          } else {
            end({
              type: 'ended',
              reason: 'failed',
              detail: `The audio connection failed (${MeetingSessionStatusCode[code]}).`,
            });
          }
        },
      };
      audioVideo.addObserver(observer);
    });

    const microphones = await audioVideo.listAudioInputDevices();
    await audioVideo.startAudioInput(microphones[0]?.deviceId ?? 'default');
    this.audioElement = document.createElement('audio');
    this.audioElement.hidden = true;
    document.body.append(this.audioElement);
    await audioVideo.bindAudioElement(this.audioElement);
    audioVideo.start();
    await started;
  }

  setMuted(muted: boolean): void {
    const audioVideo = this.session?.audioVideo;
    if (muted) audioVideo?.realtimeMuteLocalAudio();
    else audioVideo?.realtimeUnmuteLocalAudio();
  }

  async listDevices(): Promise<AudioDevices> {
    const audioVideo = this.session?.audioVideo;
    if (audioVideo === undefined) return { microphones: [], speakers: [], canChooseSpeaker: false };
    const canChooseSpeaker = new DefaultBrowserBehavior().supportsSetSinkId();
    return {
      microphones: toAudioDevices(await audioVideo.listAudioInputDevices(), 'Microphone'),
      speakers: canChooseSpeaker ? toAudioDevices(await audioVideo.listAudioOutputDevices(), 'Speaker') : [],
      canChooseSpeaker,
    };
  }

  async chooseMicrophone(deviceId: string): Promise<void> {
    await this.session?.audioVideo.startAudioInput(deviceId);
  }

  async chooseSpeaker(deviceId: string): Promise<void> {
    await this.session?.audioVideo.chooseAudioOutput(deviceId);
  }

  async leave(): Promise<void> {
    if (this.leaving) return;
    this.leaving = true;
    const audioVideo = this.session?.audioVideo;
    if (audioVideo !== undefined) {
      audioVideo.stop();
      audioVideo.unbindAudioElement();
      await audioVideo.stopAudioInput();
    }
    this.audioElement?.remove();
  }
}
