/**
 * The agent's softphone as the page sees it, and every way it can change: a pure reducer, so each
 * transition is a plain function call in a test.
 */
import type { PageError } from '../../lib/page-error';

export type AgentPhase =
  /** Not registered: the SIP password can be typed. */
  | 'offline'
  /** Opening the WebSocket and registering, or doing so again after the socket dropped. */
  | 'connecting'
  /** Registered, waiting for calls. */
  | 'online'
  | 'ringing'
  | 'in-call'
  /** The last call is over; still registered, waiting for the next one. */
  | 'call-ended';

/** Who is calling, as the INVITE says. */
export interface Caller {
  /** `X-RequestorEmail`: the web caller's e-mail address. */
  email?: string;
  /** The From header's display name. */
  name?: string;
  /** The From header's user part. */
  user?: string;
}

/** How a call ended. */
export type CallEnd =
  /** The caller hung up before the answer. */
  | 'missed'
  | 'rejected'
  | 'hung-up-by-agent'
  | 'hung-up-by-caller'
  /** The connection to the PBX dropped, or the answer failed. */
  | 'lost';

export interface AgentState {
  phase: AgentPhase;
  /** While reconnecting: which attempt comes next, and after how long. */
  reconnect?: { attempt: number; delayMs: number };
  /** The current or last call's caller. */
  caller?: Caller;
  /** Epoch milliseconds of the answer. */
  answeredAt?: number;
  endedAt?: number;
  end?: CallEnd;
  /** Digits the caller sent during the current or last call, in order. */
  digits: string;
  muted: boolean;
  /** The last thing that went wrong, shown until dismissed or the next attempt. */
  error?: PageError;
}

export type AgentAction =
  | { type: 'connecting' }
  | { type: 'reconnecting'; at: number; attempt: number; delayMs: number }
  | { type: 'registered' }
  | { type: 'went-offline'; error?: PageError }
  | { type: 'ringing'; caller: Caller }
  | { type: 'answered'; at: number }
  | { type: 'call-ended'; at: number; end: CallEnd }
  | { type: 'digit-received'; digit: string }
  | { type: 'muted'; muted: boolean }
  | { type: 'failed'; error: PageError }
  | { type: 'error-dismissed' };

export const initialAgentState: AgentState = { phase: 'offline', digits: '', muted: false };

/** Phases in which the agent is registered and can take a call. */
const AVAILABLE: ReadonlySet<AgentPhase> = new Set(['online', 'call-ended']);
/** Phases with a call on the line. */
const ON_A_CALL: ReadonlySet<AgentPhase> = new Set(['ringing', 'in-call']);

export function isAvailable(state: AgentState): boolean {
  return AVAILABLE.has(state.phase);
}

export function hasCall(state: AgentState): boolean {
  return ON_A_CALL.has(state.phase);
}

/** Whether "Go online" may be pressed. */
export function canGoOnline(state: AgentState): boolean {
  return state.phase === 'offline';
}

export function agentReducer(state: AgentState, action: AgentAction): AgentState {
  switch (action.type) {
    case 'connecting':
      return state.phase === 'offline' ? { ...initialAgentState, phase: 'connecting' } : state;
    case 'reconnecting':
      if (state.phase === 'offline') return state;
      return {
        // A call cut off by the dropped connection ends as lost.
        ...(hasCall(state) ? agentReducer(state, { type: 'call-ended', at: action.at, end: 'lost' }) : state),
        phase: 'connecting',
        reconnect: { attempt: action.attempt, delayMs: action.delayMs },
      };
    case 'registered': {
      if (state.phase !== 'connecting') return state;
      const { reconnect: _done, ...rest } = state;
      // Back from a reconnection, the last call's summary still means something.
      return { ...rest, phase: state.end === undefined ? 'online' : 'call-ended' };
    }
    case 'went-offline':
      return { ...initialAgentState, ...(action.error !== undefined && { error: action.error }) };
    case 'ringing':
      return isAvailable(state)
        ? { phase: 'ringing', caller: action.caller, digits: '', muted: false, ...(state.error !== undefined && { error: state.error }) }
        : state;
    case 'answered':
      return state.phase === 'ringing' ? { ...state, phase: 'in-call', answeredAt: action.at } : state;
    case 'call-ended':
      return hasCall(state) ? { ...state, phase: 'call-ended', endedAt: action.at, end: action.end, muted: false } : state;
    case 'digit-received':
      return state.phase === 'in-call' ? { ...state, digits: state.digits + action.digit } : state;
    case 'muted':
      return state.phase === 'in-call' ? { ...state, muted: action.muted } : state;
    case 'failed':
      return { ...state, error: action.error };
    case 'error-dismissed': {
      const { error: _dismissed, ...rest } = state;
      return rest;
    }
  }
}

export interface AgentDescription {
  /** One or two words: what the status badge shows. */
  title: string;
  /** A sentence more. */
  detail: string;
}

const WAITING = 'You are online, waiting for the next call.';

/** What the page says about the softphone; screen readers announce each change. */
export function describeAgent(state: AgentState): AgentDescription {
  const who = callerText(state.caller);
  switch (state.phase) {
    case 'offline':
      return { title: 'Offline', detail: 'You are offline: calls do not ring here. Type the agent SIP password to take calls.' };
    case 'connecting':
      return state.reconnect === undefined
        ? { title: 'Connecting…', detail: 'Connecting to the PBX and registering.' }
        : {
          title: 'Connecting…',
          detail: `The connection to the PBX dropped; connecting again in ${Math.ceil(state.reconnect.delayMs / 1000)} s (attempt ${state.reconnect.attempt}).`,
        };
    case 'online':
      return { title: 'Online', detail: 'You are online, waiting for calls.' };
    case 'ringing':
      return { title: 'Ringing', detail: `A call from ${who} is ringing.` };
    case 'in-call':
      return { title: 'In a call', detail: `You are in a call with ${who}.` };
    case 'call-ended':
      return describeEnd(state, who);
  }
}

function describeEnd(state: AgentState, who: string): AgentDescription {
  const lasted = state.answeredAt !== undefined && state.endedAt !== undefined
    ? ` after ${formatCallDuration(state.endedAt - state.answeredAt)}`
    : '';
  switch (state.end) {
    case 'missed':
      // The title names the caller: it is the first thing read and the one line an agent glances at.
      return { title: `Missed call from ${who}`, detail: `The caller hung up before the answer. ${WAITING}` };
    case 'rejected':
      return { title: 'Call rejected', detail: `You rejected the call from ${who}; the call ended. ${WAITING}` };
    case 'hung-up-by-agent':
      return { title: 'Call ended', detail: `You hung up the call with ${who}${lasted}; the call ended. ${WAITING}` };
    case 'hung-up-by-caller':
      return { title: 'Call ended', detail: `The caller, ${who}, hung up${lasted}; the call ended. ${WAITING}` };
    case 'lost':
    case undefined:
      return { title: 'Call ended', detail: `The call with ${who} was cut off${lasted}; the call ended.` };
  }
}

/** The caller as one phrase: the e-mail address when the INVITE carried one. */
export function callerText(caller: Caller | undefined): string {
  if (caller?.email !== undefined) return caller.email;
  return callerId(caller) ?? 'an unknown caller';
}

/** The From header as a person reads it: `Name (user)`, or whichever part there is. */
export function callerId(caller: Caller | undefined): string | undefined {
  const name = caller?.name;
  const user = caller?.user;
  if (name !== undefined && user !== undefined && name !== user) return `${name} (${user})`;
  return name ?? user;
}

/** `mm:ss`, minutes going past 59 for a long call. */
export function formatCallDuration(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
