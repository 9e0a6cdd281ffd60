import { describe, expect, it } from 'vitest';
import { readableAuthMessage, SIGN_UP_CLOSED } from './auth-errors';

function cognitoError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('readableAuthMessage', () => {
  it("shows the domain guard's own reason for a refused sign-up", () => {
    const error = cognitoError('UserLambdaValidationException',
      'PreSignUp failed with error Sign-up is limited to example.com addresses.');
    expect(readableAuthMessage(error)).toBe('Sign-up is limited to example.com addresses.');
  });

  it('explains a sign-up refused because administrators create the accounts', () => {
    const error = cognitoError('NotAuthorizedException', 'SignUp is not permitted for this user pool');
    expect(readableAuthMessage(error, 'sign-up')).toBe(SIGN_UP_CLOSED);
    expect(readableAuthMessage(cognitoError('NotAuthorizedException', 'Incorrect username or password.'), 'sign-in'))
      .toBe('Incorrect e-mail address or password.');
  });

  it('explains an expired session while verifying the address', () => {
    expect(readableAuthMessage(cognitoError('NotAuthorizedException', 'Access Token has expired'), 'verify-email'))
      .toBe('Your sign-in has expired. Sign in again, then verify your address.');
  });

  it('reads the refusal as a user-pool emulator words it', () => {
    const error = cognitoError('UserLambdaValidationException',
      'pre-sign-up failed with error Sign-up is limited to e-mail addresses at example.com..');
    expect(readableAuthMessage(error)).toBe('Sign-up is limited to e-mail addresses at example.com.');
  });

  it('adds a full stop to a reason without one', () => {
    const error = cognitoError('UserLambdaValidationException', 'PreSignUp failed with error only example.com may sign up.');
    expect(readableAuthMessage(error)).toBe('only example.com may sign up.');
    expect(readableAuthMessage(cognitoError('UserLambdaValidationException', 'PreSignUp failed with error Not allowed')))
      .toBe('Not allowed.');
  });

  it('says the same for an unknown user and a wrong password', () => {
    expect(readableAuthMessage(cognitoError('UserNotFoundException', 'User does not exist.')))
      .toBe('Incorrect e-mail address or password.');
    expect(readableAuthMessage(cognitoError('NotAuthorizedException', 'Incorrect username or password.')))
      .toBe('Incorrect e-mail address or password.');
  });

  it('reads a refused password at sign-in as a wrong password, and at sign-up as a weak one', () => {
    const error = cognitoError('InvalidPasswordException', 'Password does not conform to policy: Password not long enough');
    expect(readableAuthMessage(error, 'sign-in')).toBe('Incorrect e-mail address or password.');
    expect(readableAuthMessage(error, 'sign-up')).toBe('The password is too weak: Password not long enough');
  });

  it('explains a wrong confirmation code', () => {
    expect(readableAuthMessage(cognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.')))
      .toBe('That confirmation code is not right. Check the e-mail and try again.');
  });

  it('keeps any other message as Cognito wrote it', () => {
    expect(readableAuthMessage(cognitoError('SomethingNew', 'A new problem.'))).toBe('A new problem.');
  });
});
