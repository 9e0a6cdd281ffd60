import type { AppConfig } from '../../../config/app-config';
import type { MeetingLayerFactory } from './meeting-layer';

/**
 * The meeting layer `config.json` asks for. The Chime SDK (over a megabyte) is loaded only when
 * the first call starts, and never on the local stack. `idToken` is the signed-in person's Cognito
 * id token, which the local stack's media relay asks for.
 */
export function meetingLayerFactory(config: AppConfig, idToken: () => Promise<string>): MeetingLayerFactory {
  if (config.meetingLayer === 'local') {
    const eventsUrl = config.localEventsUrl;
    if (eventsUrl === undefined) throw new Error('"localEventsUrl" is required when "meetingLayer" is "local"');
    const mediaUrl = config.localMediaUrl;
    const { localJoinUrl, localLeaveUrl } = config;
    return async () => {
      const { LocalMeetingLayer } = await import('./local-meeting-layer');
      const { StackSignalling } = await import('./local-signalling');
      const signalling =
        localJoinUrl !== undefined && localLeaveUrl !== undefined ? new StackSignalling(localJoinUrl, localLeaveUrl) : undefined;
      if (mediaUrl === undefined) return new LocalMeetingLayer(eventsUrl, undefined, undefined, undefined, signalling);
      const { RelayedAudio } = await import('./relayed-audio');
      return new LocalMeetingLayer(eventsUrl, undefined, new RelayedAudio({ mediaUrl, idToken }), undefined, signalling);
    };
  }
  return async () => {
    const { ChimeMeetingLayer } = await import('./chime-meeting-layer');
    return new ChimeMeetingLayer();
  };
}
