import { useEffect, useReducer, useState } from 'react';
import { agentAddress, type SoftphoneConfig } from '../../config/softphone-config';
import { AgentController } from './agent-controller';
import { agentReducer, initialAgentState, type AgentState } from './agent-state';
import type { Ringer } from './ringer';
import type { SipLineFactory } from './sip/sip-line';

export interface AgentHandle {
  state: AgentState;
  controller: AgentController;
}

export interface UseAgentOptions {
  softphone: SoftphoneConfig;
  createLine: SipLineFactory;
  ringer: Ringer;
  remoteAudio: () => HTMLAudioElement | null;
}

/** Binds an {@link AgentController} to React state; goes offline when the page or component goes away. */
export function useAgent({ softphone, createLine, ringer, remoteAudio }: UseAgentOptions): AgentHandle {
  const [state, dispatch] = useReducer(agentReducer, initialAgentState);
  const [controller] = useState(() => new AgentController({
    createLine,
    webSocketUrl: softphone.webSocketUrl,
    aor: agentAddress(softphone),
    agentName: softphone.agentName,
    remoteAudio,
    ringer,
    dispatch,
  }));

  useEffect(() => {
    const leave = () => controller.leaveWhilePageCloses();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      // Signing out ends the call and the registration too.
      void controller.goOffline();
    };
  }, [controller]);

  return { state, controller };
}
