import { useEffect, useReducer, useState } from 'react';
import type { ApiClient } from '../../lib/api-client';
import { CallController } from './call-controller';
import { callReducer, initialCallState, type CallState } from './call-state';
import type { MeetingLayerFactory } from './meeting/meeting-layer';

export interface CallHandle {
  state: CallState;
  controller: CallController;
}

export interface UseCallOptions {
  /** How long the meeting's audio may take to connect: `config.json` `callerJoinTimeoutSeconds` × 1000. */
  joinTimeoutMs?: number;
}

/** Binds a {@link CallController} to React state; ends any call when the page or component goes away. */
export function useCall(api: ApiClient, createMeetingLayer: MeetingLayerFactory, options: UseCallOptions = {}): CallHandle {
  const [state, dispatch] = useReducer(callReducer, initialCallState);
  const [controller] = useState(
    () =>
      new CallController({
        api,
        createMeetingLayer,
        dispatch,
        ...(options.joinTimeoutMs !== undefined && { joinTimeoutMs: options.joinTimeoutMs }),
      }),
  );

  useEffect(() => {
    const leave = () => controller.leaveWhilePageCloses();
    const show = (event: PageTransitionEvent) => {
      if (event.persisted) controller.restoredFromCache();
    };
    const online = () => controller.networkChanged(true);
    const offline = () => controller.networkChanged(false);
    window.addEventListener('pagehide', leave);
    window.addEventListener('pageshow', show);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', show);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      // Signing out or leaving the call page ends the call too.
      void controller.hangUp();
    };
  }, [controller]);

  return { state, controller };
}
