import { useId, useState, type FormEvent } from 'react';

interface GoOnlineFormProps {
  /** Receives the password once; the form forgets it at once. */
  onGoOnline: (password: string) => void;
}

/** The SIP password, typed for each session: it is not in config.json and is never stored. */
export function GoOnlineForm({ onGoOnline }: GoOnlineFormProps) {
  const id = useId();
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = password;
    setPassword('');
    onGoOnline(typed);
  };
  return (
    <form className="online-form" onSubmit={submit}>
      <label className="field-label" htmlFor={`${id}-password`}>Agent SIP password</label>
      <div className="online-form__row">
        <input
          id={`${id}-password`}
          className="text-input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <button type="submit" className="button button--dial">Go online</button>
      </div>
      <p id={`${id}-hint`} className="hint hint--neutral">
        An administrator reads it from the deployment&apos;s SSM parameter. It stays on this page only.
      </p>
    </form>
  );
}
