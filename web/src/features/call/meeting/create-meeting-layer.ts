import type { AppConfig } from '../../../config/app-config';
import type { MeetingLayerFactory } from './meeting-layer';

/**
 * The meeting layer `config.json` asks for. The Chime SDK (over a megabyte) is loaded only when
 * the first call starts, and never on the local stack.
 */
export function meetingLayerFactory(config: AppConfig): MeetingLayerFactory {
  if (config.meetingLayer === 'local') {
    const eventsUrl = config.localEventsUrl;
    if (eventsUrl === undefined) throw new Error('"localEventsUrl" is required when "meetingLayer" is "local"');
    return async () => {
      const { LocalMeetingLayer } = await import('./local-meeting-layer');
      return new LocalMeetingLayer(eventsUrl);
    };
  }
  return async () => {
    const { ChimeMeetingLayer } = await import('./chime-meeting-layer');
    return new ChimeMeetingLayer();
  };
}
