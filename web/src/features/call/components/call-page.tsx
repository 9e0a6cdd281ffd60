import { useCallback, useEffect, useRef } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import type { EmailVerifier } from '../../auth/amplify-auth';
import { VerifyEmail } from '../../auth/verify-email';
import type { ApiClient } from '../../../lib/api-client';
import { canDial, isLive } from '../call-state';
import type { MeetingLayerFactory } from '../meeting/meeting-layer';
import { useCall } from '../use-call';
import { CallControls } from './call-controls';
import { CallStatus } from './call-status';
import { DevicePicker } from './device-picker';
import { DialForm } from './dial-form';
import { Keypad } from './keypad';

interface CallPageProps {
  api: ApiClient;
  createMeetingLayer: MeetingLayerFactory;
  defaultToNumber?: string;
  /** Offered when a dial is refused because the caller's address is not verified. */
  emailVerifier?: EmailVerifier;
  /** How long the meeting's audio may take to connect: `config.json` `callerJoinTimeoutSeconds` × 1000. */
  joinTimeoutMs?: number;
}

/** call-control's answer to a caller whose e-mail address is not verified. */
export const EMAIL_NOT_VERIFIED = 'email_not_verified';

/** Dial, follow the call, send digits, hang up. */
export function CallPage({ api, createMeetingLayer, defaultToNumber, emailVerifier, joinTimeoutMs }: CallPageProps) {
  const { state, controller } = useCall(api, createMeetingLayer, { ...(joinTimeoutMs !== undefined && { joinTimeoutMs }) });
  const numberRef = useRef<HTMLInputElement>(null);
  const hangUpRef = useRef<HTMLButtonElement>(null);
  const live = isLive(state);
  const layer = state.inMeeting ? controller.meetingLayer : undefined;

  // Keep the keyboard where the next action is: Hang up during a call, the number after it.
  useEffect(() => {
    if (state.phase === 'connecting') hangUpRef.current?.focus();
    if (state.phase === 'ended') numberRef.current?.focus();
  }, [state.phase]);

  const dial = useCallback((typed: string) => void controller.dial(typed), [controller]);
  const sendDigit = useCallback((digit: string) => controller.sendDigits(digit), [controller]);

  return (
    <div className="call-page">
      <section className="card" aria-labelledby="call-title">
        <h1 id="call-title" className="card__title">Make a call</h1>
        <DialForm
          {...(defaultToNumber !== undefined && { initialNumber: defaultToNumber })}
          enabled={canDial(state)}
          busy={state.phase === 'dialling'}
          onDial={dial}
          inputRef={numberRef}
        />
        <ErrorMessage error={state.error} onDismiss={() => controller.dismissError()} />
        {emailVerifier !== undefined && state.error?.code === EMAIL_NOT_VERIFIED && (
          <VerifyEmail verifier={emailVerifier} onVerified={() => controller.dismissError()} />
        )}
        <CallStatus state={state} />
        {state.phase === 'dialling' && (
          <div className="call-controls">
            <button type="button" className="button" onClick={() => void controller.hangUp()}>
              Cancel
            </button>
          </div>
        )}
        {live && (
          <CallControls
            muted={state.muted}
            canHangUp={state.phase !== 'ending'}
            onMutedChange={(muted) => controller.setMuted(muted)}
            onHangUp={() => void controller.hangUp()}
            hangUpRef={hangUpRef}
          />
        )}
        {live && layer?.notice !== undefined && <p className="notice">{layer.notice}</p>}
      </section>
      {live && (
        <section className="card card--secondary" aria-label="During the call">
          <Keypad enabled={state.phase === 'connected'} digitsSent={state.digitsSent} onDigit={sendDigit} />
          {layer !== undefined && <DevicePicker layer={layer} />}
        </section>
      )}
    </div>
  );
}
