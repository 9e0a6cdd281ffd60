import { useMemo } from 'react';
import type { AppConfig } from './config/app-config';
import { amplifyEmailVerifier, currentIdToken } from './features/auth/amplify-auth';
import { TopBar } from './components/top-bar';
import { SignInGate, type SignedInUser } from './features/auth/sign-in-gate';
import { CallPage } from './features/call/components/call-page';
import { meetingLayerFactory } from './features/call/meeting/create-meeting-layer';
import { createApiClient } from './lib/api-client';

export function App({ config }: { config: AppConfig }) {
  return (
    <SignInGate selfSignUp={config.selfSignUp}>{(user) => <SignedInApp config={config} user={user} />}</SignInGate>
  );
}

function SignedInApp({ config, user }: { config: AppConfig; user: SignedInUser }) {
  const api = useMemo(() => createApiClient({ apiUrl: config.apiUrl, idToken: currentIdToken }), [config.apiUrl]);
  const createMeetingLayer = useMemo(() => meetingLayerFactory(config, currentIdToken), [config]);
  return (
    <>
      <TopBar title="Click to call" user={user} />
      <main className="page">
        <CallPage
          api={api}
          createMeetingLayer={createMeetingLayer}
          emailVerifier={amplifyEmailVerifier}
          joinTimeoutMs={config.callerJoinTimeoutSeconds * 1000}
          {...(config.defaultToNumber !== undefined && { defaultToNumber: config.defaultToNumber })}
        />
      </main>
    </>
  );
}
