import { useEffect, useReducer, useRef, useState } from 'react';
import type { ApiClient } from '../../lib/api-client';
import { CallController } from './call-controller';
import { callReducer, initialCallState, type CallState } from './call-state';
import type { MeetingLayerFactory } from './meeting/meeting-layer';

export interface CallHandle {
  state: CallState;
  controller: CallController;
}

/** Binds a {@link CallController} to React state; ends any call when the page or component goes away. */
export function useCall(api: ApiClient, createMeetingLayer: MeetingLayerFactory): CallHandle {
  const [state, dispatch] = useReducer(callReducer, initialCallState);
  const [controller] = useState(() => new CallController({ api, createMeetingLayer, dispatch }));
  const controllerRef = useRef(controller);

  useEffect(() => {
    const current = controllerRef.current;
    const leave = () => current.leaveWhilePageCloses();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      // Signing out or leaving the call page ends the call too.
      void current.hangUp();
    };
  }, []);

  return { state, controller };
}
