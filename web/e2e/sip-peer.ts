/**
 * The DTMF digits the SIP peer received on a call, read from the call's timeline at the local stack.
 */
import { callTimeline } from './local-stack';

export async function digitsAtPeer(transactionId: string): Promise<string> {
  const timeline = await callTimeline(transactionId);
  return timeline.entries
    .map((entry) => /^DTMF (\S+) to LEG-B/.exec(entry.summary)?.[1] ?? '')
    .join('');
}
