import { useEffect, useRef } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { agentAddress, type SoftphoneConfig } from '../../../config/softphone-config';
import { callerText } from '../agent-state';
import type { Ringer } from '../ringer';
import type { SipLineFactory } from '../sip/sip-line';
import { useAgent } from '../use-agent';
import { AgentStatus } from './agent-status';
import { CallControls } from '../../call/components/call-controls';
import { RingingButtons } from './call-buttons';
import { CallDetails } from './call-details';
import { GoOnlineForm } from './go-online-form';

interface AgentPageProps {
  softphone: SoftphoneConfig;
  createLine: SipLineFactory;
  ringer: Ringer;
}

/** Go online, answer or reject calls, see who calls and what they press, hang up, go offline. */
export function AgentPage({ softphone, createLine, ringer }: AgentPageProps) {
  const audioRef = useRef<HTMLAudioElement>(null);
  const { state, controller } = useAgent({ softphone, createLine, ringer, remoteAudio: () => audioRef.current });
  const answerRef = useRef<HTMLButtonElement>(null);
  const hangUpRef = useRef<HTMLButtonElement>(null);
  const ringingCaller = state.phase === 'ringing' ? callerText(state.caller) : undefined;

  // Keep the keyboard where the next action is.
  useEffect(() => {
    if (state.phase === 'ringing') answerRef.current?.focus();
    if (state.phase === 'in-call') hangUpRef.current?.focus();
  }, [state.phase]);

  // A ringing call shows in the tab's title too, for an agent working in another tab.
  useEffect(() => {
    if (ringingCaller === undefined) return undefined;
    const title = document.title;
    document.title = `Ringing: ${ringingCaller} | ${title}`;
    return () => {
      document.title = title;
    };
  }, [ringingCaller]);

  const showCall = state.phase === 'ringing' || state.phase === 'in-call' || (state.caller !== undefined && state.end !== undefined);

  return (
    <div className="call-page">
      <section className="card" aria-labelledby="agent-title">
        <h1 id="agent-title" className="card__title">Agent softphone</h1>
        <p className="muted agent-address">
          Answers calls for <code>{agentAddress(softphone)}</code>
        </p>
        {state.phase === 'offline' ? (
          <GoOnlineForm onGoOnline={(password) => void controller.goOnline(password)} />
        ) : (
          <button type="button" className="button button--quiet" onClick={() => void controller.goOffline()}>
            Go offline
          </button>
        )}
        <ErrorMessage error={state.error} onDismiss={() => controller.dismissError()} />
        <AgentStatus state={state} />
        {state.phase === 'ringing' && (
          <RingingButtons
            answerRef={answerRef}
            onAnswer={() => void controller.answer()}
            onReject={() => void controller.reject()}
          />
        )}
        {state.phase === 'in-call' && (
          <CallControls
            hangUpRef={hangUpRef}
            muted={state.muted}
            canHangUp
            onMutedChange={(muted) => controller.setMuted(muted)}
            onHangUp={() => void controller.hangUp()}
          />
        )}
      </section>
      {showCall && (
        <section className="card card--secondary" aria-label={state.phase === 'call-ended' || state.phase === 'connecting' ? 'Last call' : 'Current call'}>
          <CallDetails state={state} />
        </section>
      )}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption -- a live phone call has no captions track */}
      <audio ref={audioRef} autoPlay />
    </div>
  );
}
