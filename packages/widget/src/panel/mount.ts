/**
 * The panel chunk's entry, loaded on intent. It wires the transport to the page's lifecycle
 * (resume on visibility, network and back/forward-cache restore; release the socket when the
 * page goes into the bfcache), reports unread counts to the launcher, and renders the UI.
 */
import { h, render } from 'preact';
import type { PanelHandle, PanelHost } from '../core/panel-contract.js';
import { removeStored } from '../core/storage-key.js';
import { panelLanguage, panelStrings } from '../i18n/strings.js';
import { contextFrame, helloExtras, identityFrame } from './page-context.js';
import { takeContinueToken } from './continue-link.js';
import { unreadCount } from './state/chat-state.js';
import { SessionStore } from './transport/session-store.js';
import { Transport } from './transport/transport.js';
import { browserTabEnvironment, coordinateTabs } from './transport/tab-coordinator.js';
import { adoptStyles } from '../core/adopt-styles.js';
import { panelCss } from './ui/panel-styles.js';
import { Panel } from './ui/Panel.js';

export function mountPanel(host: PanelHost): PanelHandle {
  const { config } = host;
  adoptStyles(host.root, panelCss);
  const session = new SessionStore(config.scope);
  // A private link's token (issue 5) goes with each hello until one is welcomed: used once.
  let continueToken = takeContinueToken();
  const transport = new Transport({
    relayUrl: config.relayUrl,
    siteKey: config.siteKey,
    session,
    helloExtras: () => ({
      ...helloExtras(config.locale, config.identity, config.context),
      ...(continueToken ? { continue: continueToken } : {}),
    }),
    onMessage: (event) =>
      host.emit('message', {
        seq: event.seq,
        text: event.kind === 'message' ? event.text : '',
        author: event.author,
        at: event.at,
      }),
    onError: (error) => host.emit('error', error),
  });
  // Before anything starts the transport: decides whether this tab owns the socket.
  const tabs = coordinateTabs(transport, config.scope, browserTabEnvironment(config.scope));
  const t = panelStrings(config.locale);
  const container = document.createElement('div');
  host.root.append(container);

  const draw = (): void => {
    render(
      h(Panel, {
        transport,
        t,
        // The panel's `lang` is the language its strings are in, not the page's wish.
        locale: panelLanguage(config.locale),
        open: host.isOpen(),
        inline: config.inline,
        onClose: host.requestClose,
      }),
      container,
    );
  };

  const seen = (): boolean => host.isOpen() && document.visibilityState === 'visible';
  const unsubscribe = transport.subscribe((state) => {
    if (state.connection === 'online') continueToken = undefined;
    host.setUnread(seen() ? 0 : unreadCount(state));
  });

  const onVisible = (): void => {
    if (document.visibilityState !== 'visible') return;
    transport.resume();
    if (seen()) transport.markRead();
  };
  const onOnline = (): void => transport.resume();
  const onPageShow = (e: PageTransitionEvent): void => {
    if (!e.persisted) return;
    tabs.resume();
    transport.resume();
  };
  const onPageHide = (e: PageTransitionEvent): void => {
    // An open socket keeps a page out of the bfcache; the restore resumes from lastSeq.
    if (!e.persisted) return;
    tabs.suspend();
    transport.suspend();
  };
  document.addEventListener('visibilitychange', onVisible);
  addEventListener('online', onOnline);
  addEventListener('pageshow', onPageShow);
  addEventListener('pagehide', onPageHide);

  const stored = session.read();
  if (host.isOpen() || stored.token || stored.outbox.length) transport.start();
  host.setUnread(unreadCount(transport.state));
  draw();

  return {
    setOpen(open) {
      if (open) transport.start();
      draw();
      if (open) transport.markRead();
    },
    identify(identity) {
      config.identity = identity;
      transport.identify(identityFrame(identity));
    },
    setContext(context) {
      config.context = context;
      transport.setContext(contextFrame(context));
    },
    forget() {
      tabs.forget();
      transport.forget();
      removeStored(config.scope);
      draw();
    },
    destroy() {
      unsubscribe();
      document.removeEventListener('visibilitychange', onVisible);
      removeEventListener('online', onOnline);
      removeEventListener('pageshow', onPageShow);
      removeEventListener('pagehide', onPageHide);
      tabs.destroy();
      transport.destroy();
      render(null, container);
      container.remove();
    },
  };
}
