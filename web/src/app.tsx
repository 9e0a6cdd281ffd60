import { useMemo } from 'react';
import type { AppConfig } from './config/app-config';
import { currentIdToken } from './features/auth/amplify-auth';
import { SignInGate, type SignedInUser } from './features/auth/sign-in-gate';
import { CallPage } from './features/call/components/call-page';
import { meetingLayerFactory } from './features/call/meeting/create-meeting-layer';
import { createApiClient } from './lib/api-client';

export function App({ config }: { config: AppConfig }) {
  return (
    <SignInGate>{(user) => <SignedInApp config={config} user={user} />}</SignInGate>
  );
}

function SignedInApp({ config, user }: { config: AppConfig; user: SignedInUser }) {
  const api = useMemo(() => createApiClient({ apiUrl: config.apiUrl, idToken: currentIdToken }), [config.apiUrl]);
  const createMeetingLayer = useMemo(() => meetingLayerFactory(config, currentIdToken), [config]);
  return (
    <>
      <header className="top-bar">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true">☎</span> Click to call
        </p>
        <div className="top-bar__user">
          <span className="top-bar__email" aria-label={`Signed in as ${user.email}`}>{user.email}</span>
          <button type="button" className="button button--quiet" onClick={user.signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="page">
        <CallPage
          api={api}
          createMeetingLayer={createMeetingLayer}
          {...(config.defaultToNumber !== undefined && { defaultToNumber: config.defaultToNumber })}
        />
      </main>
    </>
  );
}
