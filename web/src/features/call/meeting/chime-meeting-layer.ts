/**
 * The meeting layer of a deployment: the browser joins the call's Chime SDK meeting with WebRTC;
 * {@link ChimeCallProgress} reads the call's progress from the meeting.
 */
import {
  ConsoleLogger,
  DefaultBrowserBehavior,
  DefaultDeviceController,
  DefaultMeetingSession,
  LogLevel,
  MeetingSessionConfiguration,
  MeetingSessionStatusCode,
  type MeetingSession,
  type MeetingSessionStatus,
} from 'amazon-chime-sdk-js';
import type { DialResponse } from '../../../lib/api-client';
import { ChimeCallProgress, type SessionStop } from './chime-call-progress';
import { toAudioDevices, type AudioDevices, type MeetingEvent, type MeetingLayer } from './meeting-layer';
import { getBrowserMicrophone, stopTracks, takeMicrophone } from './microphone';

export class ChimeMeetingLayer implements MeetingLayer {
  private session: MeetingSession | undefined;
  private audioElement: HTMLAudioElement | undefined;
  private leaving = false;
  /** Taken before the dial; the meeting sends it. */
  private microphone: MediaStream | undefined;

  async takeMicrophone(): Promise<void> {
    this.microphone ??= await takeMicrophone(getBrowserMicrophone, undefined, () => this.leaving);
  }

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
    // Device labels come from the microphone alone: the SDK's default trigger would ask for the camera too.
    audioVideo.setDeviceLabelTrigger(() => getBrowserMicrophone());
    const progress = new ChimeCallProgress(call.attendee.Attendee.AttendeeId, onEvent);

    audioVideo.realtimeSubscribeToAttendeeIdPresence((attendeeId, present, _externalUserId, dropped) => {
      progress.attendeePresence(attendeeId, present, dropped ?? false);
    });

    const started = new Promise<void>((resolve, reject) => {
      audioVideo.addObserver({
        audioVideoDidStart: () => {
          onEvent({ type: 'connection', quality: 'good' });
          resolve();
        },
        audioVideoDidStartConnecting: (reconnecting: boolean) => {
          if (reconnecting) onEvent({ type: 'connection', quality: 'reconnecting' });
        },
        connectionDidBecomePoor: () => onEvent({ type: 'connection', quality: 'poor' }),
        connectionDidBecomeGood: () => onEvent({ type: 'connection', quality: 'good' }),
        audioVideoDidStop: (status: MeetingSessionStatus) => {
          const stop = sessionStop(status.statusCode(), this.leaving);
          reject(new Error(`the meeting's audio stopped (${MeetingSessionStatusCode[status.statusCode()]})`));
          progress.sessionStopped(stop);
        },
      });
    });

    await this.takeMicrophone();
    await audioVideo.startAudioInput(this.microphone ?? 'default');
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
    if (this.microphone !== undefined) stopTracks(this.microphone);
  }
}

function sessionStop(code: MeetingSessionStatusCode, leaving: boolean): SessionStop {
  if (leaving || code === MeetingSessionStatusCode.Left) return { kind: 'left' };
  if (code === MeetingSessionStatusCode.MeetingEnded || code === MeetingSessionStatusCode.AudioAttendeeRemoved) {
    return { kind: 'meeting-ended' };
  }
  return { kind: 'failed', status: MeetingSessionStatusCode[code] };
}
