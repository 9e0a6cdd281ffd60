/**
 * What the SIP peer (the local stack's answering agent, or the PBX it is pointed at) saw of a call,
 * from the `pbx` entries of the call's timeline (`GET /local/calls/{transactionId}`).
 */
import { callTimeline } from './local-stack';

/** The DTMF digits the peer received, in order. */
export async function digitsAtPeer(transactionId: string): Promise<string> {
  const timeline = await callTimeline(transactionId);
  let received = '';
  for (const entry of timeline.entries) {
    if (entry.kind !== 'pbx') continue;
    const soFar = /\(so far: ([^)]*)\)/.exec(entry.summary);
    if (soFar?.[1] !== undefined) received = soFar[1];
  }
  return received;
}

/** Whether the peer saw the caller's side hang up. */
export async function peerSawHangUp(transactionId: string): Promise<boolean> {
  const timeline = await callTimeline(transactionId);
  return timeline.entries.some((entry) => entry.kind === 'pbx' && /HUNG_UP/.test(entry.summary));
}
