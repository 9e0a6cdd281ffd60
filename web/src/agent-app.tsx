import { useState } from 'react';
import type { AgentPageConfig } from './config/softphone-config';
import { TopBar } from './components/top-bar';
import { SignInGate, type SignedInUser } from './features/auth/sign-in-gate';
import { AgentPage } from './features/softphone/components/agent-page';
import { WebAudioRinger } from './features/softphone/ringer';
import type { SipLineFactory } from './features/softphone/sip/sip-line';

/** sip.js is loaded when the agent first goes online, not with the sign-in form. */
const createSipJsLine: SipLineFactory = async (options, events) => {
  const { createSipJsLine: create } = await import('./features/softphone/sip/sip-js-line');
  return create(options, events);
};

export function AgentApp({ config }: { config: AgentPageConfig }) {
  return (
    <SignInGate heading="Sign in to answer calls" selfSignUp={config.selfSignUp}>{(user) => <SignedInAgentApp config={config} user={user} />}</SignInGate>
  );
}

function SignedInAgentApp({ config, user }: { config: AgentPageConfig; user: SignedInUser }) {
  const [ringer] = useState(() => new WebAudioRinger());
  return (
    <>
      <TopBar title="Click to call: agent" user={user} />
      <main className="page">
        <AgentPage softphone={config.softphone} createLine={createSipJsLine} ringer={ringer} />
      </main>
    </>
  );
}
