import { describeCall, type CallState } from '../call-state';
import { CallTimer } from './call-timer';

/** The call's progress in words; screen readers announce each change. */
export function CallStatus({ state }: { state: CallState }) {
  const { title, detail } = describeCall(state);
  return (
    <div className={`call-status call-status--${state.phase}`}>
      <div role="status" aria-label="Call status" aria-live="polite" aria-atomic="true">
        <p className="call-status__title">
          <span className="call-status__dot" aria-hidden="true" />
          {title}
        </p>
        {detail !== undefined && <p className="call-status__detail">{detail}</p>}
      </div>
      {state.phase === 'connected' && state.connectedAt !== undefined && <CallTimer since={state.connectedAt} />}
    </div>
  );
}
