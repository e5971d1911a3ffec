/**
 * What every widget browser test needs: a real relay (in-process, temp SQLite), a host-page
 * server on a different origin than the relay (allowed on the site's list), Debian's Chromium,
 * and an agent logged in through the agent API. Pages embed the widget with `renderSnippet`,
 * i.e. exactly the documented snippet, loading the built bundle the relay serves.
 */
import type { Browser, Page } from 'playwright-core';
import { renderSnippet } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { startStaticServer, type StaticServer } from '../support/static-server.js';
import { launchChromium } from '../support/chromium.js';
import { connectAgent } from '../support/clients.js';
import type { Frame, TestSocket } from '../support/test-socket.js';

export interface WidgetWorld {
  relay: RelayHarness;
  pages: StaticServer;
  browser: Browser;
  agent: TestSocket;
  /** Serves a host page with the snippet at `path` and returns its URL. */
  hostPage(path: string, options?: { nonce?: string; csp?: string; head?: string; body?: string; withoutSnippet?: boolean }): string;
  /** Waits for the visitor's message `text` to reach the agent; returns its conversation id. */
  visitorMessageAtAgent(text: string): Promise<string>;
  agentSays(conversationId: string, text: string): void;
  close(): Promise<void>;
}

let replies = 0;

export async function startWidgetWorld(): Promise<WidgetWorld> {
  const pages = await startStaticServer();
  const relay = await startRelay({ origins: [pages.origin] });
  const browser = await launchChromium();
  const { socket: agent } = await connectAgent(relay.wsUrl, await relay.login(relay.tenant.agentEmail));
  return {
    relay,
    pages,
    browser,
    agent,
    hostPage(path, options = {}) {
      const nonce = options.nonce;
      const snippet = renderSnippet({ relayUrl: relay.url, siteKey: relay.tenant.siteKey, ...(nonce ? { nonce } : {}) });
      pages.setPage(path, {
        headers: options.csp ? { 'content-security-policy': options.csp } : {},
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${options.head ?? ''}</head>
<body><main><h1>Shop</h1><p><a href="#top">A link on the host page</a></p>${options.body ?? ''}</main>
${options.withoutSnippet ? '' : snippet}</body></html>`,
      });
      return `${pages.origin}${path}`;
    },
    async visitorMessageAtAgent(text) {
      const frame: Frame = await agent.next(
        (f) => f.type === 'event' && (f.event as { kind: string; text?: string }).text === text,
        10_000,
      );
      return String(frame.conversationId);
    },
    agentSays(conversationId, text) {
      agent.send({ type: 'send', conversationId, id: `agent-reply-${++replies}`, text });
    },
    async close() {
      await browser.close();
      await relay.close();
      await pages.close();
    },
  };
}

/** Shadow-DOM-piercing helpers: Playwright's role and text locators see into open shadow roots. */
export const launcherOf = (page: Page) => page.locator('eyelevel-widget [part=launcher]');
export const composerOf = (page: Page) => page.getByRole('textbox', { name: 'Your message' });
export const panelOf = (page: Page) => page.getByRole('dialog');

export async function sendAsVisitor(page: Page, text: string): Promise<void> {
  const composer = composerOf(page);
  await composer.fill(text);
  await composer.press('Enter');
}
