/**
 * Cognito's sign-up and sign-in failures in words a caller understands. Cognito wraps a refusal by
 * the pre-sign-up function (the e-mail domain guard) as "PreSignUp failed with error <message>."
 * (cognito-local names the function instead of the trigger); the function's own message is the
 * readable part.
 */
const PRE_SIGN_UP = /^[\w-]+ failed with error\s*(.*?)\.?$/s;

/** What the person was doing: the same Cognito error means different things in each. */
export type AuthStep = 'sign-in' | 'sign-up' | 'confirm-sign-up' | 'verify-email';

export function readableAuthMessage(error: unknown, step: AuthStep = 'sign-up'): string {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const preSignUp = PRE_SIGN_UP.exec(message.trim());
  if (preSignUp !== null) {
    const reason = preSignUp[1]?.trim() ?? '';
    return reason === '' ? 'This e-mail address may not sign up here.' : withFullStop(reason);
  }
  switch (name) {
    case 'UserNotFoundException':
    case 'NotAuthorizedException':
      if (step === 'verify-email') return 'Your sign-in has expired. Sign in again, then verify your address.';
      if (step === 'sign-up' && /sign ?up is not permitted|SignUp is not permitted/i.test(message)) return SIGN_UP_CLOSED;
      return 'Incorrect e-mail address or password.';
    case 'UsernameExistsException':
      return 'An account with this e-mail address already exists. Sign in instead.';
    case 'CodeMismatchException':
      return 'That confirmation code is not right. Check the e-mail and try again.';
    case 'ExpiredCodeException':
      return 'That confirmation code has expired. Ask for a new one.';
    case 'InvalidPasswordException':
      // A user-pool emulator answers a wrong password at sign-in with this rather than NotAuthorized.
      if (step === 'sign-in') return 'Incorrect e-mail address or password.';
      return message !== '' ? message.replace(/^Password does not conform to policy:\s*/, 'The password is too weak: ') : 'The password is too weak.';
    case 'LimitExceededException':
    case 'TooManyRequestsException':
      return 'Too many attempts. Wait a few minutes and try again.';
    case 'NetworkError':
      return 'The sign-in service could not be reached. Check your connection and try again.';
  }
  return message !== '' ? message : 'Something went wrong. Try again.';
}

/** An error carrying the readable message, which the Authenticator shows as it is. */
export function readableAuthError(error: unknown, step: AuthStep): Error {
  const readable = new Error(readableAuthMessage(error, step));
  readable.name = error instanceof Error ? error.name : 'AuthError';
  return readable;
}

/** Cognito's answer when the pool allows administrators only to create users. */
export const SIGN_UP_CLOSED = 'Accounts here are created by an administrator. Ask yours to invite you.';

function withFullStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
