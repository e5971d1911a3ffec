/**
 * Signing in to the real console in a browser page, for every browser test that drives it.
 */
import type { Page } from 'playwright-core';
import { AGENT_PASSWORD } from './relay-harness.js';

export async function signInConsole(page: Page, relayUrl: string, email: string): Promise<void> {
  await page.goto(`${relayUrl}/console/`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(AGENT_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Live', { exact: true }).waitFor({ timeout: 10_000 });
}
