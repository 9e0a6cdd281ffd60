/** Creating and signing in users of the local user pool, as a person does on either page. */
import type { Locator, Page } from 'playwright-core';
import { confirmationCode } from './local-stack';

export const PASSWORD = 'Correct-Horse-42!';

/** A fresh address for each run, so that runs against one stack never collide. */
export function newEmail(role: string): string {
  return `${role}-${Date.now()}@example.com`;
}

/**
 * Creates an account on the Authenticator's Create Account tab, confirms it with the e-mailed code
 * and waits until `signedIn` (an element only a signed-in user sees) shows.
 */
export async function createAccount(page: Page, email: string, signedIn: Locator): Promise<void> {
  await page.getByRole('tab', { name: 'Create Account' }).click();
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create Account' }).click();
  const code = await confirmationCode(email);
  await page.getByLabel('Confirmation Code').fill(code);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await skipContactVerification(signedIn, page);
}

/**
 * Real Cognito marks the e-mail address verified when the sign-up code is confirmed; a user pool
 * emulator that does not makes the Authenticator ask to verify it again. That question is skipped.
 */
export async function skipContactVerification(signedIn: Locator, page: Page): Promise<void> {
  const skip = page.getByRole('button', { name: 'Skip' });
  await signedIn.or(skip).first().waitFor();
  if (await skip.isVisible()) {
    console.warn('the user pool did not mark the confirmed e-mail address verified; skipping the verification question');
    await skip.click();
  }
  await signedIn.waitFor();
}
