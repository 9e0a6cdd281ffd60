/**
 * The browser's side of a call's meeting, behind one interface: the Amazon Chime SDK in a
 * deployment, the local stack's meeting events offline. `config.json`'s `meetingLayer` picks one.
 */
import type { DialResponse } from '../../../lib/api-client';

/** Why a call ended, where the meeting layer knows it. */
export type EndReason = 'hangup' | 'no-answer' | 'busy' | 'failed';

/**
 * What the meeting shows of the call. These are hints that arrive early; the call's state (answered,
 * and why it ended) is the server's, read from `GET /calls/{transactionId}` (call-progress.ts).
 */
export type MeetingEvent =
  /** The phone leg is placing the call: the far end is ringing. */
  | { type: 'ringing' }
  /** How well this page's audio reaches the meeting. */
  | { type: 'connection'; quality: ConnectionQuality }
  /** The call or its audio is over; `detail` says more for a person when there is more to say. */
  | { type: 'ended'; reason?: EndReason; detail?: string };

/** `reconnecting` and `poor` come from the meeting; `offline` from the browser. */
export type ConnectionQuality = 'good' | 'poor' | 'reconnecting' | 'offline';

export interface AudioDevice {
  deviceId: string;
  label: string;
}

export interface AudioDevices {
  microphones: AudioDevice[];
  speakers: AudioDevice[];
  /** Whether the browser lets the page pick the speaker (not every browser does). */
  canChooseSpeaker: boolean;
}

export interface MeetingLayer {
  /** Something the caller must know about this layer, shown during a call. */
  readonly notice?: string;
  /**
   * Gets ready before the call is dialled (the local stack's audio offer must be waiting when the
   * call reaches the PBX). Never fails and is bounded in time: what cannot be set up is left out and
   * said in `notice`. `leave` releases what it took.
   */
  prepare?(): Promise<void>;
  /**
   * Takes the caller's microphone (audio only), before anything is dialled: a call the caller cannot
   * speak into must ring nobody. `leave` gives it back.
   * @throws MicrophoneUnavailable when it is refused, missing or not allowed in time
   */
  takeMicrophone(): Promise<void>;
  /** Joins the meeting of a dialled call; events arrive on `onEvent` until `leave`. */
  join(call: DialResponse, onEvent: (event: MeetingEvent) => void): Promise<void>;
  setMuted(muted: boolean): void;
  listDevices(): Promise<AudioDevices>;
  chooseMicrophone(deviceId: string): Promise<void>;
  chooseSpeaker(deviceId: string): Promise<void>;
  /** Leaves the meeting; safe to call more than once. */
  leave(): Promise<void>;
}

/** Makes a fresh layer for each call. */
export type MeetingLayerFactory = () => Promise<MeetingLayer>;

/** Browser audio devices as plain records, labelled even before the browser reveals names. */
export function toAudioDevices(devices: ReadonlyArray<Pick<MediaDeviceInfo, 'deviceId' | 'label'>>, kind: string): AudioDevice[] {
  return devices.map((device, index) => ({
    deviceId: device.deviceId,
    label: device.label !== '' ? device.label : `${kind} ${index + 1}`,
  }));
}
