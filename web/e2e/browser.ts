/**
 * Debian's Chromium driven by playwright-core (Playwright cannot download its own browsers here),
 * with a fresh profile each run.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Long enough for a first request to wait on a function's cold start. */
export const COLD_START_MS = 60_000;
export const SCREENSHOTS = join(import.meta.dirname, '..', 'test-results', 'e2e');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A fake microphone, so device lists and getUserMedia behave as on a real machine.
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1100, height: 860 }): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'click-to-call-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
  });
  // A freshly started stack's functions take tens of seconds to start on a small machine.
  context.setDefaultTimeout(COLD_START_MS);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves `test-results/e2e/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
