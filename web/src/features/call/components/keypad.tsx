import { useEffect } from 'react';
import { KEYPAD_KEYS, keypadDigitForKey } from '../dtmf';

interface KeypadProps {
  enabled: boolean;
  digitsSent: string;
  onDigit: (digit: string) => void;
}

/**
 * The telephone keypad. Digits can be clicked, or typed anywhere on the page during a call
 * (except in a form field).
 */
export function Keypad({ enabled, digitsSent, onDigit }: KeypadProps) {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // A held key repeats its keydown: one press is one tone.
      if (event.repeat || event.ctrlKey || event.metaKey || event.altKey || isFormField(event.target)) return;
      const digit = keypadDigitForKey(event.key);
      if (digit === undefined) return;
      event.preventDefault();
      onDigit(digit);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled, onDigit]);

  return (
    <section className="keypad" aria-label="Keypad">
      <div className="keypad__grid" role="group" aria-label="Send tones">
        {KEYPAD_KEYS.map(({ digit, letters }) => (
          // Named by what is printed on it ("2 ABC"), as WCAG's label-in-name asks.
          <button key={digit} type="button" className="keypad__key" disabled={!enabled} onClick={() => onDigit(digit)}>
            <span className="keypad__digit">{digit}</span>
            {letters !== '' && ' '}
            <span className="keypad__letters">{letters}</span>
          </button>
        ))}
      </div>
      <p className="keypad__sent">
        <span className="keypad__sent-label" id="digits-sent-label">Digits sent</span>
        <output aria-labelledby="digits-sent-label" aria-live="polite" className="keypad__sent-digits">
          {digitsSent === '' ? '—' : digitsSent}
        </output>
      </p>
    </section>
  );
}

function isFormField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}
