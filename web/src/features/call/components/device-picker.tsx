import { useEffect, useId, useState } from 'react';
import type { AudioDevices, MeetingLayer } from '../meeting/meeting-layer';

type DeviceEvents = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

interface DevicePickerProps {
  layer: MeetingLayer;
  /** Fires `devicechange` when a device is plugged in or out; the browser's `navigator.mediaDevices` by default. */
  deviceEvents?: DeviceEvents | undefined;
}

/** Microphone and speaker choice for the call's meeting; the lists follow devices plugged in or out. */
export function DevicePicker({ layer, deviceEvents = browserDeviceEvents() }: DevicePickerProps) {
  const [devices, setDevices] = useState<AudioDevices | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const microphoneId = useId();
  const speakerId = useId();

  useEffect(() => {
    let current = true;
    const list = () => {
      layer.listDevices().then(
        (found) => current && setDevices(found),
        () => current && setProblem('The audio devices could not be listed.'),
      );
    };
    list();
    deviceEvents?.addEventListener('devicechange', list);
    return () => {
      current = false;
      deviceEvents?.removeEventListener('devicechange', list);
    };
  }, [layer, deviceEvents]);

  const choose = (action: Promise<void>) => {
    action.then(() => setProblem(undefined), () => setProblem('That device could not be used.'));
  };

  return (
    <fieldset className="devices">
      <legend className="devices__legend">Audio devices</legend>
      <div className="devices__field">
        <label htmlFor={microphoneId}>Microphone</label>
        <select
          id={microphoneId}
          disabled={devices === undefined || devices.microphones.length === 0}
          onChange={(event) => choose(layer.chooseMicrophone(event.target.value))}
        >
          {devices === undefined && <option>Looking for microphones…</option>}
          {devices?.microphones.length === 0 && <option>No microphone found</option>}
          {devices?.microphones.map((device) => (
            <option key={device.deviceId} value={device.deviceId}>{device.label}</option>
          ))}
        </select>
      </div>
      <div className="devices__field">
        <label htmlFor={speakerId}>Speaker</label>
        <select
          id={speakerId}
          disabled={devices === undefined || !devices.canChooseSpeaker || devices.speakers.length === 0}
          onChange={(event) => choose(layer.chooseSpeaker(event.target.value))}
        >
          {devices === undefined && <option>Looking for speakers…</option>}
          {devices !== undefined && !devices.canChooseSpeaker && <option>Browser default</option>}
          {devices?.canChooseSpeaker && devices.speakers.length === 0 && <option>System default</option>}
          {devices?.speakers.map((device) => (
            <option key={device.deviceId} value={device.deviceId}>{device.label}</option>
          ))}
        </select>
      </div>
      {problem !== undefined && <p className="hint hint--problem" role="alert">{problem}</p>}
    </fieldset>
  );
}

function browserDeviceEvents(): DeviceEvents | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
}
