import { Authenticator } from '@aws-amplify/ui-react';
import { useMemo, type ReactNode } from 'react';
import { authenticatorServices } from './amplify-auth';
import { SIGN_UP_CLOSED } from './auth-errors';

export interface SignedInUser {
  /** The e-mail address the person signed in with. */
  email: string;
  signOut: () => void;
}

interface SignInGateProps {
  children: (user: SignedInUser) => ReactNode;
  /** What signing in is for, under the brand. */
  heading?: string;
  /** Whether people may create their own account (config.json `selfSignUp`); otherwise sign-in only. */
  selfSignUp?: boolean;
}

/**
 * Sign-in, and sign-up (e-mail and confirmation code) where the deployment allows it; renders
 * `children` once signed in.
 */
export function SignInGate({ children, heading = 'Sign in to make calls', selfSignUp = false }: SignInGateProps) {
  const components = useMemo(
    () => ({
      Header: () => <AuthHeader heading={heading} />,
      ...(!selfSignUp && { Footer: () => <p className="auth-footer">{SIGN_UP_CLOSED}</p> }),
    }),
    [heading, selfSignUp],
  );
  return (
    <Authenticator
      hideSignUp={!selfSignUp}
      services={authenticatorServices}
      loginMechanisms={['email']}
      signUpAttributes={['email']}
      components={components}
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

function AuthHeader({ heading }: { heading: string }) {
  return (
    <header className="auth-header">
      <p className="brand brand--large" aria-hidden="true">
        <span className="brand__mark">☎</span> Click to call
      </p>
      <h1 className="auth-header__title">{heading}</h1>
    </header>
  );
}
