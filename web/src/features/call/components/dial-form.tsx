import { useId, useState, type FormEvent, type Ref } from 'react';
import { checkNumber, type NumberCheck } from '../phone-number';

interface DialFormProps {
  initialNumber?: string;
  /** Whether a call may be started now. */
  enabled: boolean;
  busy: boolean;
  onDial: (typed: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}

/** The number field, checked as it is typed, and the Dial button. */
export function DialForm({ initialNumber = '', enabled, busy, onDial, inputRef }: DialFormProps) {
  const [typed, setTyped] = useState(initialNumber);
  const [submitted, setSubmitted] = useState(false);
  const hintId = useId();
  const inputId = useId();
  const check = checkNumber(typed);
  const blocked = check.status === 'empty' || check.status === 'unusable';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!enabled || blocked) return;
    onDial(typed);
  };

  return (
    <form className="dial-form" onSubmit={submit} noValidate aria-label="Place a call">
      <label htmlFor={inputId} className="field-label">
        Phone number
      </label>
      <div className="dial-form__row">
        <input
          id={inputId}
          ref={inputRef}
          className="dial-form__input"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="(206) 555-0100"
          value={typed}
          readOnly={!enabled}
          aria-invalid={(submitted || check.status === 'refused') && check.status !== 'allowed'}
          aria-describedby={hintId}
          onChange={(event) => {
            setTyped(event.target.value);
            setSubmitted(false);
          }}
        />
        <button type="submit" className="button button--dial" disabled={!enabled} aria-busy={busy}>
          {busy ? 'Dialling…' : 'Dial'}
        </button>
      </div>
      <NumberHint id={hintId} check={check} showProblems={submitted} />
    </form>
  );
}

function NumberHint({ id, check, showProblems }: { id: string; check: NumberCheck; showProblems: boolean }) {
  let text: string;
  let tone: 'neutral' | 'ok' | 'warning' | 'problem';
  switch (check.status) {
    case 'empty':
      text = showProblems ? 'Enter the phone number to call.' : 'North American numbers need no country code; elsewhere start with + or 00.';
      tone = showProblems ? 'problem' : 'neutral';
      break;
    case 'unusable':
      text = check.message;
      tone = showProblems ? 'problem' : 'neutral';
      break;
    case 'refused':
      text = check.message;
      tone = 'warning';
      break;
    case 'allowed':
      text = `Will call ${check.display}`;
      tone = 'ok';
      break;
  }
  return (
    <p id={id} className={`hint hint--${tone}`} aria-live="polite">
      {text}
    </p>
  );
}
