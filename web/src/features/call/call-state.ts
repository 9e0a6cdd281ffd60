/**
 * A call as the page sees it, and every way it can change: a pure reducer, so each transition is
 * a plain function call in a test.
 */
import type { PageError } from '../../lib/page-error';
import type { CallEndReason } from './call-progress';
import type { ConnectionQuality } from './meeting/meeting-layer';
import { displayNumber } from './phone-number';

export type CallPhase =
  /** No call: the number can be typed. */
  | 'idle'
  /** `/dial` is on its way. */
  | 'dialling'
  /** The call exists; the browser is joining its meeting and the phone leg is being placed. */
  | 'connecting'
  | 'ringing'
  | 'connected'
  /** The caller hung up; waiting for the call to end. */
  | 'ending'
  | 'ended';

export interface CallState {
  phase: CallPhase;
  /** The number being called, E.164 as the server normalised it. */
  toNumber?: string;
  transactionId?: string;
  /** Whether this page has joined the call's meeting. */
  inMeeting: boolean;
  /** Epoch milliseconds of the answer. */
  connectedAt?: number;
  endedAt?: number;
  endReason?: CallEndReason;
  /** Whether the caller ended the call from this page. */
  endedByCaller: boolean;
  /** More about the end, for a person. */
  endDetail?: string;
  /** Every digit the service accepted, in order. */
  digitsSent: string;
  muted: boolean;
  /** The last thing that went wrong, shown until dismissed or a new call starts. */
  error?: PageError;
  /** How well this page is connected during a call. */
  connection: ConnectionQuality;
}

export type CallAction =
  | { type: 'dial-requested' }
  | { type: 'dial-refused'; error: PageError }
  /** The caller gave the call up while it was being placed. */
  | { type: 'dial-cancelled' }
  | { type: 'dial-accepted'; transactionId: string; toNumber: string }
  | { type: 'meeting-joined' }
  | { type: 'ringing' }
  | { type: 'connected'; at: number }
  | { type: 'hang-up-requested' }
  /** The server could not be told to end the call: it may still be going on. */
  | { type: 'hang-up-failed' }
  | { type: 'ended'; at: number; reason?: CallEndReason; detail?: string }
  | { type: 'digits-sent'; digits: string }
  | { type: 'muted'; muted: boolean }
  | { type: 'failed'; error: PageError }
  | { type: 'error-dismissed' }
  | { type: 'connection'; quality: ConnectionQuality };

export const initialCallState: CallState = {
  phase: 'idle', inMeeting: false, endedByCaller: false, digitsSent: '', muted: false, connection: 'good',
};

/** Phases in which a call exists that must be ended when the caller leaves. */
const LIVE: ReadonlySet<CallPhase> = new Set(['connecting', 'ringing', 'connected', 'ending']);

export function isLive(state: CallState): boolean {
  return LIVE.has(state.phase);
}

/** Whether a new call may be dialled. */
export function canDial(state: CallState): boolean {
  return state.phase === 'idle' || state.phase === 'ended';
}

export function callReducer(state: CallState, action: CallAction): CallState {
  switch (action.type) {
    case 'dial-requested':
      return canDial(state) ? { ...initialCallState, phase: 'dialling' } : state;
    case 'dial-refused':
      return state.phase === 'dialling' ? { ...initialCallState, error: action.error } : state;
    case 'dial-cancelled':
      return state.phase === 'dialling' ? initialCallState : state;
    case 'dial-accepted':
      return state.phase === 'dialling'
        ? { ...state, phase: 'connecting', transactionId: action.transactionId, toNumber: action.toNumber }
        : state;
    case 'meeting-joined':
      return isLive(state) ? { ...state, inMeeting: true } : state;
    case 'ringing':
      return state.phase === 'connecting' ? { ...state, phase: 'ringing' } : state;
    case 'connected':
      return state.phase === 'connecting' || state.phase === 'ringing'
        ? { ...state, phase: 'connected', connectedAt: action.at }
        : state;
    case 'hang-up-requested':
      return isLive(state) ? { ...state, phase: 'ending', endedByCaller: true } : state;
    case 'hang-up-failed':
      return state.phase === 'ending'
        ? { ...state, phase: state.connectedAt === undefined ? 'connecting' : 'connected', endedByCaller: false }
        : state;
    case 'ended': {
      if (!isLive(state)) return state;
      const reason = state.endedByCaller ? 'hangup' : action.reason;
      return {
        ...state,
        phase: 'ended',
        endedAt: action.at,
        inMeeting: false,
        muted: false,
        connection: 'good',
        ...(reason !== undefined && { endReason: reason }),
        ...(action.detail !== undefined && !state.endedByCaller && { endDetail: action.detail }),
      };
    }
    case 'digits-sent':
      return isLive(state) ? { ...state, digitsSent: state.digitsSent + action.digits } : state;
    case 'muted':
      return isLive(state) ? { ...state, muted: action.muted } : state;
    case 'failed':
      return { ...state, error: action.error };
    case 'connection':
      return { ...state, connection: action.quality };
    case 'error-dismissed': {
      const { error: _dismissed, ...rest } = state;
      return rest;
    }
  }
}

export interface CallDescription {
  /** One or two words: what a screen reader announces and the status badge shows. */
  title: string;
  /** A sentence more, when there is one. */
  detail?: string;
}

const END_REASON_TEXT: Record<CallEndReason, string> = {
  hangup: 'The call was hung up.',
  'no-answer': 'Nobody answered.',
  busy: 'The line was busy.',
  failed: 'The call failed.',
  'callee-hung-up': 'They hung up.',
  'caller-hung-up': 'You hung up.',
  'time-limit': 'The call reached its time limit.',
  'caller-left': 'You left the page, so the call ended.',
  'caller-never-joined': 'Your browser never joined the call, so nobody was called.',
  stuck: 'The call stopped making progress and was ended.',
};

/** What the page says about the call's progress. */
export function describeCall(state: CallState): CallDescription {
  const to = state.toNumber === undefined ? 'the number' : displayNumber(state.toNumber);
  switch (state.phase) {
    case 'idle':
      return { title: 'Ready', detail: 'Type a number and press Dial.' };
    case 'dialling':
      return { title: 'Dialling…', detail: 'Placing the call.' };
    case 'connecting':
      return { title: 'Connecting…', detail: `Setting up the call to ${to}.` };
    case 'ringing':
      return { title: 'Ringing…', detail: `Calling ${to}.` };
    case 'connected':
      return { title: 'Connected', detail: `On a call with ${to}.` };
    case 'ending':
      return { title: 'Hanging up…' };
    case 'ended': {
      const why = state.endedByCaller
        ? 'You hung up.'
        : state.endReason === undefined ? 'The call ended.' : END_REASON_TEXT[state.endReason];
      const lasted = state.connectedAt !== undefined && state.endedAt !== undefined
        ? ` It lasted ${formatDuration(state.endedAt - state.connectedAt)}.`
        : '';
      const more = state.endDetail === undefined ? '' : ` ${state.endDetail}`;
      return { title: 'Call ended', detail: `${why}${more}${lasted}` };
    }
  }
}

const CONNECTION_TEXT: Record<Exclude<ConnectionQuality, 'good'>, string> = {
  poor: 'Your connection is poor: the other side may hear you badly.',
  reconnecting: 'Reconnecting… The call goes on while the audio comes back.',
  offline: 'You are offline. The call goes on; reconnect soon, or it may end.',
};

/** A sentence about this page's connection while a call is live, when it is not good. */
export function describeConnection(state: CallState): string | undefined {
  return isLive(state) && state.connection !== 'good' ? CONNECTION_TEXT[state.connection] : undefined;
}

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
