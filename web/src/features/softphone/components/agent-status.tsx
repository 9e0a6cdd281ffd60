import { describeAgent, type AgentState } from '../agent-state';

/** The softphone's state in words; screen readers announce each change. */
export function AgentStatus({ state }: { state: AgentState }) {
  const { title, detail } = describeAgent(state);
  return (
    <div className={`call-status agent-status--${state.phase}`}>
      <div role="status" aria-label="Softphone status" aria-live="polite" aria-atomic="true">
        <p className="call-status__title">
          <span className="call-status__dot" aria-hidden="true" />
          {title}
        </p>
        <p className="call-status__detail">{detail}</p>
      </div>
    </div>
  );
}
