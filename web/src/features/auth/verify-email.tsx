import { useId, useState, type FormEvent } from 'react';
import type { EmailVerifier } from './amplify-auth';

interface VerifyEmailProps {
  verifier: EmailVerifier;
  /** Called once the address is verified and the session carries it: the person can dial again. */
  onVerified: () => void;
}

type Step =
  | { kind: 'offer' }
  | { kind: 'sending' }
  | { kind: 'code'; destination: string | undefined }
  | { kind: 'checking'; destination: string | undefined }
  | { kind: 'done' };

/**
 * Offered when a dial is refused with `email_not_verified`: the person's address reaches the agent,
 * so it must be proved first. Sends a code to the address and checks it.
 */
export function VerifyEmail({ verifier, onVerified }: VerifyEmailProps) {
  const [step, setStep] = useState<Step>({ kind: 'offer' });
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const codeId = useId();

  const send = async () => {
    setProblem(undefined);
    setStep({ kind: 'sending' });
    try {
      const destination = await verifier.sendCode();
      setStep({ kind: 'code', destination });
    } catch (error) {
      setProblem(messageOf(error));
      setStep({ kind: 'offer' });
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (step.kind !== 'code') return;
    setProblem(undefined);
    setStep({ kind: 'checking', destination: step.destination });
    try {
      await verifier.confirm(code);
      setStep({ kind: 'done' });
      onVerified();
    } catch (error) {
      setProblem(messageOf(error));
      setStep({ kind: 'code', destination: step.destination });
    }
  };

  return (
    <section className="verify-email" aria-label="Verify your e-mail address">
      {step.kind === 'done' ? (
        <p role="status">Your e-mail address is verified. You can dial now.</p>
      ) : step.kind === 'offer' || step.kind === 'sending' ? (
        <>
          <p>The person you call sees your e-mail address, so it must be verified before you can dial.</p>
          <button type="button" className="button" disabled={step.kind === 'sending'} onClick={() => void send()}>
            Send a verification code
          </button>
        </>
      ) : (
        <form onSubmit={(event) => void confirm(event)}>
          <p>
            We sent a code to {step.destination ?? 'your e-mail address'}. Enter it here.
          </p>
          <label htmlFor={codeId}>Verification code</label>
          <input
            id={codeId}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <button type="submit" className="button" disabled={step.kind === 'checking' || code.trim() === ''}>
            Verify
          </button>
          <button type="button" className="button button--quiet" onClick={() => void send()}>
            Send a new code
          </button>
        </form>
      )}
      {problem !== undefined && <p role="alert" className="alert__text">{problem}</p>}
    </section>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message !== '' ? error.message : 'Something went wrong. Try again.';
}
