import { useState } from 'react';
import type { AgentPageConfig } from './config/softphone-config';
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
    <SignInGate heading="Sign in to answer calls">{(user) => <SignedInAgentApp config={config} user={user} />}</SignInGate>
  );
}

function SignedInAgentApp({ config, user }: { config: AgentPageConfig; user: SignedInUser }) {
  const [ringer] = useState(() => new WebAudioRinger());
  return (
    <>
      <header className="top-bar">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true">☎</span> Click to call: agent
        </p>
        <div className="top-bar__user">
          <span className="top-bar__email" aria-label={`Signed in as ${user.email}`}>{user.email}</span>
          <button type="button" className="button button--quiet" onClick={user.signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="page">
        <AgentPage softphone={config.softphone} createLine={createSipJsLine} ringer={ringer} />
      </main>
    </>
  );
}
