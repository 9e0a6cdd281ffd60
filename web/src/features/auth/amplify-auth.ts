/**
 * Everything the page asks of Amplify Auth. Sign-in uses `USER_PASSWORD_AUTH`, the flow both a real
 * user pool client (with `ALLOW_USER_PASSWORD_AUTH`) and the local stack's `cognito-local` (which
 * has no SRP) support; an app client that allows only SRP gets SRP.
 */
import { Amplify } from 'aws-amplify';
import {
  confirmSignUp,
  confirmUserAttribute,
  fetchAuthSession,
  sendUserAttributeVerificationCode,
  signIn,
  signUp,
  type ConfirmSignUpInput,
  type SignInInput,
  type SignInOutput,
  type SignUpInput,
} from 'aws-amplify/auth';
import type { AppConfig } from '../../config/app-config';
import { readableAuthError, type AuthStep } from './auth-errors';

export function configureAuth(config: AppConfig): void {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.userPoolId,
        userPoolClientId: config.userPoolClientId,
        ...(config.userPoolEndpoint !== undefined && { userPoolEndpoint: config.userPoolEndpoint }),
        loginWith: { email: true },
        signUpVerificationMethod: 'code',
        userAttributes: { email: { required: true } },
      },
    },
  });
}

/** The signed-in person's Cognito id token, refreshed by Amplify when it is about to expire. */
export async function currentIdToken(): Promise<string> {
  const session = await fetchAuthSession();
  const token = session.tokens?.idToken?.toString();
  if (token === undefined) throw new Error('nobody is signed in');
  return token;
}

/**
 * Proving the signed-in person controls their e-mail address, for a user whose address is not
 * verified (call-control refuses them with `email_not_verified`): Cognito's
 * GetUserAttributeVerificationCode and VerifyUserAttribute, then a fresh id token that carries
 * `email_verified=true`.
 */
export interface EmailVerifier {
  /** Sends a code to the address; resolves with where it went (masked), when Cognito says. */
  sendCode(): Promise<string | undefined>;
  /** Checks the code and refreshes the session. */
  confirm(code: string): Promise<void>;
}

export const amplifyEmailVerifier: EmailVerifier = {
  sendCode: async () => {
    try {
      const sent = await sendUserAttributeVerificationCode({ userAttributeKey: 'email' });
      return sent.destination;
    } catch (error) {
      throw readableAuthError(error, 'verify-email');
    }
  },
  confirm: async (code) => {
    try {
      await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: code.trim() });
    } catch (error) {
      throw readableAuthError(error, 'verify-email');
    }
    await fetchAuthSession({ forceRefresh: true });
  },
};

/** Makes a Cognito call fail with a readable message, which the Authenticator shows as it is. */
function readable<I, O>(step: AuthStep, call: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return async (input) => {
    try {
      return await call(input);
    } catch (error) {
      throw readableAuthError(error, step);
    }
  };
}

const FLOW_NOT_ENABLED = /USER_PASSWORD_AUTH flow not enabled/i;

/** Signs in with `USER_PASSWORD_AUTH`, or SRP when the app client does not allow the former. */
export async function signInWithPassword(
  input: SignInInput,
  signInWith: (input: SignInInput) => Promise<SignInOutput> = signIn,
): Promise<SignInOutput> {
  try {
    return await signInWith({ ...input, options: { ...input.options, authFlowType: 'USER_PASSWORD_AUTH' } });
  } catch (error) {
    if (!(error instanceof Error && FLOW_NOT_ENABLED.test(error.message))) throw error;
    return signInWith({ ...input, options: { ...input.options, authFlowType: 'USER_SRP_AUTH' } });
  }
}

/** The Authenticator's calls to Cognito, with the flow above and readable errors. */
export const authenticatorServices = {
  // Amplify types these as overloads that also take a server-side context; the page never passes one.
  handleSignIn: readable('sign-in', (input: SignInInput) => signInWithPassword(input)) as typeof signIn,
  // The sign-in that follows a confirmed sign-up must use the same flow.
  handleSignUp: readable('sign-up', (input: SignUpInput) => signUp(
    input.options?.autoSignIn === undefined || input.options.autoSignIn === false
      ? input
      : { ...input, options: { ...input.options, autoSignIn: { authFlowType: 'USER_PASSWORD_AUTH' } } },
  )) as typeof signUp,
  handleConfirmSignUp: readable('confirm-sign-up', (input: ConfirmSignUpInput) => confirmSignUp(input)) as typeof confirmSignUp,
};
