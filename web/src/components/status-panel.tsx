import type { ReactNode } from 'react';

interface StatusPanelProps {
  /** The live region's name, e.g. "Call status". */
  label: string;
  /** A modifier class for the phase, e.g. `call-status--connected`. */
  phaseClass: string;
  title: string;
  detail?: string | undefined;
  children?: ReactNode;
}

/** A state in words, in a polite live region that screen readers announce at each change. */
export function StatusPanel({ label, phaseClass, title, detail, children }: StatusPanelProps) {
  return (
    <div className={`call-status ${phaseClass}`}>
      <div role="status" aria-label={label} aria-live="polite" aria-atomic="true">
        <p className="call-status__title">
          <span className="call-status__dot" aria-hidden="true" />
          {title}
        </p>
        {detail !== undefined && <p className="call-status__detail">{detail}</p>}
      </div>
      {children}
    </div>
  );
}
