import { rm } from 'node:fs/promises';
import { SCREENSHOTS } from './browser';
import { STACK_URL, stackConfig } from './local-stack';

/** Fails the run at once, with what to do, when no local stack answers; clears old screenshots. */
export default async function checkStack(): Promise<void> {
  await rm(SCREENSHOTS, { recursive: true, force: true });
  const config = await stackConfig();
  if (config.meetingLayer !== 'local') {
    throw new Error(`${STACK_URL}/config.json has meetingLayer "${String(config.meetingLayer)}": the browser tests need the local stack's "local" layer`);
  }
}
