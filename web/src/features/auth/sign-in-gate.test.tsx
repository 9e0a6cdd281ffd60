import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SIGN_UP_CLOSED } from './auth-errors';
import { SignInGate } from './sign-in-gate';

describe('SignInGate', () => {
  it('offers sign-in only, and says why, when the deployment does not allow sign-up', async () => {
    render(<SignInGate>{() => <p>signed in</p>}</SignInGate>);

    expect(await screen.findByRole('button', { name: /sign in/i })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: /create account/i })).not.toBeInTheDocument();
    expect(screen.getByText(SIGN_UP_CLOSED)).toBeInTheDocument();
  });

  it('offers sign-up when config.json says people may create accounts', async () => {
    render(<SignInGate selfSignUp>{() => <p>signed in</p>}</SignInGate>);

    expect(await screen.findByRole('tab', { name: /create account/i })).toBeInTheDocument();
    expect(screen.queryByText(SIGN_UP_CLOSED)).not.toBeInTheDocument();
  });
});
