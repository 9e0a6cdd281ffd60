import { StatusPanel } from '../../../components/status-panel';
import { CallDuration } from '../../../components/call-duration';
import { describeCall, describeConnection, formatDuration, type CallState } from '../call-state';

/** The call's progress in words; screen readers announce each change. */
export function CallStatus({ state }: { state: CallState }) {
  const { title, detail } = describeCall(state);
  const connection = describeConnection(state);
  return (
    <>
      <StatusPanel label="Call status" phaseClass={`call-status--${state.phase}`} title={title} detail={detail}>
        {state.phase === 'connected' && state.connectedAt !== undefined && <CallDuration from={state.connectedAt} format={formatDuration} />}
      </StatusPanel>
      {connection !== undefined && (
        <p className="notice" role="status" aria-label="Connection">{connection}</p>
      )}
    </>
  );
}
