import { Authenticator } from '@aws-amplify/ui-react';
import type { ReactNode } from 'react';
import { authenticatorServices } from './amplify-auth';

export interface SignedInUser {
  /** The e-mail address the person signed in with. */
  email: string;
  signOut: () => void;
}

interface SignInGateProps {
  children: (user: SignedInUser) => ReactNode;
}

/** Sign-up (e-mail and confirmation code) and sign-in; renders `children` once signed in. */
export function SignInGate({ children }: SignInGateProps) {
  return (
    <Authenticator
      services={authenticatorServices}
      loginMechanisms={['email']}
      signUpAttributes={['email']}
      components={{ Header: AuthHeader }}
      formFields={{
        signIn: { username: { label: 'E-mail address', placeholder: 'you@example.com' } },
        signUp: { email: { label: 'E-mail address', placeholder: 'you@example.com', order: 1 } },
      }}
    >
      {({ user, signOut }) =>
        user === undefined ? (
          <></>
        ) : (
          <>
            {children({
              email: user.signInDetails?.loginId ?? user.username,
              signOut: () => signOut?.(),
            })}
          </>
        )
      }
    </Authenticator>
  );
}

function AuthHeader() {
  return (
    <header className="auth-header">
      <p className="brand brand--large" aria-hidden="true">
        <span className="brand__mark">☎</span> Click to call
      </p>
      <h1 className="auth-header__title">Sign in to make calls</h1>
    </header>
  );
}
