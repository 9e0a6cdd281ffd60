import type { PageError } from '../lib/page-error';

interface ErrorMessageProps {
  error: PageError | undefined;
  onDismiss: () => void;
}

/** A failure in words, announced to screen readers as soon as it appears. */
export function ErrorMessage({ error, onDismiss }: ErrorMessageProps) {
  return (
    <div role="alert" className={error === undefined ? 'alert alert--empty' : 'alert'}>
      {error !== undefined && (
        <>
          <p className="alert__text">{error.message}</p>
          <button type="button" className="button button--quiet" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      )}
    </div>
  );
}
