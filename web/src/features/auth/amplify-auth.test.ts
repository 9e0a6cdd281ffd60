import type { SignInInput, SignInOutput } from 'aws-amplify/auth';
import { describe, expect, it, vi } from 'vitest';
import { signInWithPassword } from './amplify-auth';

const done: SignInOutput = { isSignedIn: true, nextStep: { signInStep: 'DONE' } };
const input: SignInInput = { username: 'alice@example.com', password: 'Correct-Horse-42!' };

describe('signInWithPassword', () => {
  it('signs in with USER_PASSWORD_AUTH', async () => {
    const signIn = vi.fn(async (_input: SignInInput) => done);

    await expect(signInWithPassword(input, signIn)).resolves.toBe(done);

    expect(signIn).toHaveBeenCalledTimes(1);
    expect(signIn.mock.calls[0]![0].options?.authFlowType).toBe('USER_PASSWORD_AUTH');
  });

  it('falls back to SRP when the app client does not allow USER_PASSWORD_AUTH', async () => {
    const notEnabled = Object.assign(new Error('USER_PASSWORD_AUTH flow not enabled for this client'), {
      name: 'InvalidParameterException',
    });
    const signIn = vi.fn(async (attempt: SignInInput) => {
      if (attempt.options?.authFlowType === 'USER_PASSWORD_AUTH') throw notEnabled;
      return done;
    });

    await expect(signInWithPassword(input, signIn)).resolves.toBe(done);

    expect(signIn.mock.calls.map(([attempt]) => attempt.options?.authFlowType)).toEqual(['USER_PASSWORD_AUTH', 'USER_SRP_AUTH']);
  });

  it('does not retry a wrong password', async () => {
    const wrong = Object.assign(new Error('Incorrect username or password.'), { name: 'NotAuthorizedException' });
    const signIn = vi.fn(async (_input: SignInInput) => {
      throw wrong;
    });

    await expect(signInWithPassword(input, signIn)).rejects.toBe(wrong);
    expect(signIn).toHaveBeenCalledTimes(1);
  });
});
