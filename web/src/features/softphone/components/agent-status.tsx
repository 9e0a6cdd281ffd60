import { StatusPanel } from '../../../components/status-panel';
import { describeAgent, type AgentState } from '../agent-state';

/** The softphone's state in words; screen readers announce each change. */
export function AgentStatus({ state }: { state: AgentState }) {
  const { title, detail } = describeAgent(state);
  return <StatusPanel label="Softphone status" phaseClass={`agent-status--${state.phase}`} title={title} detail={detail} />;
}
