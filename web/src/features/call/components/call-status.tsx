import { StatusPanel } from '../../../components/status-panel';
import { describeCall, type CallState } from '../call-state';
import { CallTimer } from './call-timer';

/** The call's progress in words; screen readers announce each change. */
export function CallStatus({ state }: { state: CallState }) {
  const { title, detail } = describeCall(state);
  return (
    <StatusPanel label="Call status" phaseClass={`call-status--${state.phase}`} title={title} detail={detail}>
      {state.phase === 'connected' && state.connectedAt !== undefined && <CallTimer since={state.connectedAt} />}
    </StatusPanel>
  );
}
