/**
 * Everything the page asks of Amplify Auth. Sign-in uses `USER_PASSWORD_AUTH`, a flow both the
 * real user pool client and the local stack's `cognito-local` support (it has no SRP).
 */
import { Amplify } from 'aws-amplify';
import {
  confirmSignUp,
  fetchAuthSession,
  signIn,
  signUp,
  type ConfirmSignUpInput,
  type SignInInput,
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

/** The Authenticator's calls to Cognito, with the flow above and readable errors. */
export const authenticatorServices = {
  // Amplify types these as overloads that also take a server-side context; the page never passes one.
  handleSignIn: readable('sign-in', (input: SignInInput) =>
    signIn({ ...input, options: { ...input.options, authFlowType: 'USER_PASSWORD_AUTH' } })) as typeof signIn,
  // The sign-in that follows a confirmed sign-up must use the same flow.
  handleSignUp: readable('sign-up', (input: SignUpInput) => signUp(
    input.options?.autoSignIn === undefined || input.options.autoSignIn === false
      ? input
      : { ...input, options: { ...input.options, autoSignIn: { authFlowType: 'USER_PASSWORD_AUTH' } } },
  )) as typeof signUp,
  handleConfirmSignUp: readable('confirm-sign-up', (input: ConfirmSignUpInput) => confirmSignUp(input)) as typeof confirmSignUp,
};
