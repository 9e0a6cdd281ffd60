import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AudioDevices } from '../meeting/meeting-layer';
import { FakeMeetingLayer } from '../testing/fakes';
import { DevicePicker } from './device-picker';

/** A layer whose device list can change, as when a headset is plugged in. */
class PluggableLayer extends FakeMeetingLayer {
  microphones = [{ deviceId: 'mic-1', label: 'Built-in microphone' }];

  override async listDevices(): Promise<AudioDevices> {
    return { microphones: [...this.microphones], speakers: [], canChooseSpeaker: false };
  }
}

const microphoneNames = () =>
  within(screen.getByRole('combobox', { name: 'Microphone' })).getAllByRole('option').map((option) => option.textContent);

describe('DevicePicker', () => {
  it('lists the microphones again when a device is plugged in', async () => {
    const layer = new PluggableLayer();
    const deviceEvents = new EventTarget();
    render(<DevicePicker layer={layer} deviceEvents={deviceEvents} />);
    expect(await screen.findByRole('option', { name: 'Built-in microphone' })).toBeInTheDocument();

    layer.microphones.push({ deviceId: 'mic-2', label: 'USB headset' });
    await act(async () => {
      deviceEvents.dispatchEvent(new Event('devicechange'));
    });

    expect(microphoneNames()).toEqual(['Built-in microphone', 'USB headset']);
  });

  it('stops listening once it is gone', async () => {
    const layer = new PluggableLayer();
    const deviceEvents = new EventTarget();
    const { unmount } = render(<DevicePicker layer={layer} deviceEvents={deviceEvents} />);
    await screen.findByRole('option', { name: 'Built-in microphone' });
    let listed = 0;
    layer.listDevices = async () => {
      listed++;
      return { microphones: [], speakers: [], canChooseSpeaker: false };
    };

    unmount();
    deviceEvents.dispatchEvent(new Event('devicechange'));

    expect(listed).toBe(0);
  });
});
