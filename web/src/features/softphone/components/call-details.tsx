import { useId } from 'react';
import { callerId, formatCallDuration, type AgentState } from '../agent-state';
import { CallDuration } from '../../../components/call-duration';

/**
 * Who is calling, and, once answered, how long the call has lasted and the digits the caller
 * pressed. Everything the INVITE carried is shown as text, never as markup.
 */
export function CallDetails({ state }: { state: AgentState }) {
  const id = useId();
  const from = callerId(state.caller);
  const answered = state.answeredAt !== undefined;
  return (
    <dl className="call-details">
      <div className="call-details__item call-details__item--wide">
        <dt id={`${id}-caller`}>Caller</dt>
        <dd className="call-details__caller" aria-labelledby={`${id}-caller`}>
          {state.caller?.email ?? 'No e-mail address given'}
        </dd>
      </div>
      {from !== undefined && (
        <div className="call-details__item call-details__item--wide">
          {/* Not "Caller ID": the label "Caller" should find the e-mail alone. */}
          <dt id={`${id}-caller-id`}>From</dt>
          <dd aria-labelledby={`${id}-caller-id`}>{from}</dd>
        </div>
      )}
      {answered && (
        <>
          <div className="call-details__item">
            <dt>Duration</dt>
            <dd>
              <CallDuration
                from={state.answeredAt!}
                format={formatCallDuration}
                {...(state.phase !== 'in-call' && state.endedAt !== undefined && { to: state.endedAt })}
              />
            </dd>
          </div>
          <div className="call-details__item">
            <dt id={`${id}-digits`}>Digits from the caller</dt>
            <dd className="call-details__digits" aria-labelledby={`${id}-digits`} aria-live="polite">
              {state.digits}
            </dd>
          </div>
        </>
      )}
    </dl>
  );
}
