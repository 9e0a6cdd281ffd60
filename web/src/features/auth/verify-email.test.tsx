import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EmailVerifier } from './amplify-auth';
import { VerifyEmail } from './verify-email';

function fakeVerifier(overrides: Partial<EmailVerifier> = {}): EmailVerifier & { codes: string[] } {
  const codes: string[] = [];
  return {
    codes,
    sendCode: vi.fn(async () => 'p***@e***'),
    confirm: vi.fn(async (code: string) => {
      codes.push(code);
    }),
    ...overrides,
  };
}

describe('VerifyEmail', () => {
  it('sends a code, checks it, and tells the page the address is verified', async () => {
    const verifier = fakeVerifier();
    const onVerified = vi.fn();
    const user = userEvent.setup();
    render(<VerifyEmail verifier={verifier} onVerified={onVerified} />);

    await user.click(screen.getByRole('button', { name: 'Send a verification code' }));
    expect(await screen.findByText('We sent a code to p***@e***. Enter it here.')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Verification code' }), ' 123456 ');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(verifier.codes).toEqual([' 123456 ']);
    expect(onVerified).toHaveBeenCalledOnce();
  });

  it('shows a wrong code in words and lets the person try again', async () => {
    const verifier = fakeVerifier({
      confirm: vi.fn(async () => {
        throw new Error('That confirmation code is not right. Check the e-mail and try again.');
      }),
    });
    const onVerified = vi.fn();
    const user = userEvent.setup();
    render(<VerifyEmail verifier={verifier} onVerified={onVerified} />);

    await user.click(screen.getByRole('button', { name: 'Send a verification code' }));
    await user.type(await screen.findByRole('textbox', { name: 'Verification code' }), '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('That confirmation code is not right.');
    expect(screen.getByRole('textbox', { name: 'Verification code' })).toBeInTheDocument();
    expect(onVerified).not.toHaveBeenCalled();
  });

  it('explains a code that could not be sent and offers to send again', async () => {
    const verifier = fakeVerifier({
      sendCode: vi.fn(async () => {
        throw new Error('Too many attempts. Wait a few minutes and try again.');
      }),
    });
    const user = userEvent.setup();
    render(<VerifyEmail verifier={verifier} onVerified={vi.fn()} />);

    await user.click(screen.getByRole('button', { name: 'Send a verification code' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts.');
    expect(screen.getByRole('button', { name: 'Send a verification code' })).toBeEnabled();
  });
});
