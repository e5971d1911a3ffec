/**
 * One widget on the page: the launcher drawn with plain DOM in a shadow root, the command API,
 * events, and the intent rule — no socket and no storage writes until the visitor hovers,
 * focuses, clicks or `open()` is called, unless a conversation already exists. Both the script
 * tag loader and the npm `createWidget` build on this; they differ only in how the panel chunk
 * is loaded. Everything here counts against the loader's 2 KB budget, so it stays plain.
 */
import { adoptStyles } from './adopt-styles.js';
import { launcherCss } from './launcher-styles.js';
import type { PanelConfig, PanelHandle, PanelHost, PanelModule } from './panel-contract.js';
import { readStored, removeStored, sessionScope } from './storage-key.js';
import type { Widget, WidgetEventName, WidgetListener, WidgetOptions } from './options.js';
import { detectLocale } from '../i18n/detect-locale.js';
import { launcherStrings } from '../i18n/launcher-strings.js';

export function createInstance(options: WidgetOptions, loadPanel: () => Promise<PanelModule>): Widget {
  const listeners = new Map<WidgetEventName, Set<WidgetListener>>();
  const locale = detectLocale(options.locale);
  const strings = launcherStrings(locale);
  const inline = !!options.container;
  const scope = sessionScope(options.siteKey, options.context?.team);
  const config: PanelConfig = { ...options, scope, locale, inline };
  let open = false;
  let unread = 0;
  let ready = false;
  let panel: PanelHandle | null = null;
  let loading: Promise<PanelHandle | null> | null = null;
  let launcher: HTMLButtonElement | null = null;
  let badge: HTMLSpanElement | null = null;

  const emit = (event: WidgetEventName, detail?: unknown): void => {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      // A throwing host listener must not break the widget.
      try {
        listener(detail);
      } catch (error) {
        reportError(error);
      }
    }
  };

  const el = document.createElement('eyelevel-widget');
  const root = el.attachShadow({ mode: 'open' });
  adoptStyles(root, launcherCss(options.zIndex ?? 2147483000, options.position));
  if (inline) el.setAttribute('data-inline', '');

  const label = (): void => {
    launcher?.setAttribute(
      'aria-label',
      (open ? strings.close : strings.open) + (unread ? `, ${unread} ${strings.unread}` : ''),
    );
  };

  const host: PanelHost = {
    root,
    config,
    isOpen: () => open || inline,
    emit,
    setUnread(count) {
      if (count === unread) return;
      unread = count;
      if (badge) {
        badge.textContent = String(count);
        badge.hidden = !count;
      }
      label();
      emit('unread', { count });
    },
    requestClose() {
      setOpen(false);
      launcher?.focus();
    },
  };

  const preload = (): Promise<PanelHandle | null> =>
    (loading ??= loadPanel().then(
      (module) => (panel = module.mountPanel(host)),
      (error: unknown) => {
        loading = null;
        emit('error', { code: 'LOAD_FAILED', message: String(error) });
        return null;
      },
    ));

  const setOpen = (next: boolean): void => {
    if (inline || next === open) return;
    open = next;
    el.toggleAttribute('data-open', open);
    launcher?.setAttribute('aria-expanded', String(open));
    label();
    emit(open ? 'open' : 'close');
    void preload().then((p) => p?.setOpen(open));
  };

  if (!inline) {
    launcher = document.createElement('button');
    launcher.className = 'l';
    launcher.setAttribute('part', 'launcher');
    launcher.setAttribute('aria-expanded', 'false');
    badge = document.createElement('span');
    badge.className = 'b';
    badge.setAttribute('part', 'badge');
    badge.setAttribute('aria-hidden', 'true');
    badge.hidden = true;
    launcher.append(badge);
    // Hover and focus only fetch the panel's code; the socket waits for the panel to open.
    // (Touch screens fire pointerenter too.)
    for (const intent of ['pointerenter', 'focus']) launcher.addEventListener(intent, () => void preload());
    launcher.addEventListener('click', () => setOpen(!open));
    label();
    root.append(launcher);
  }

  (options.container ?? document.body).append(el);
  // A private link (#eyelevel-continue=..., issue 5) opens the panel, which takes the token.
  if (inline || options.open || location.hash.includes('eyelevel-continue=')) {
    if (!inline) setOpen(true);
    else void preload();
  } else if (readStored(scope)) {
    // A conversation exists: connect now so replies and the unread badge arrive while closed.
    void preload();
  }
  setTimeout(() => {
    ready = true;
    emit('ready');
  });

  return {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    identify(identity) {
      config.identity = identity;
      panel?.identify(identity);
    },
    setContext(context) {
      config.context = { ...config.context, ...context };
      panel?.setContext(config.context);
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      // Late `ready` listeners still hear it, so call order on the page does not matter.
      if (event === 'ready' && ready) listener();
    },
    off(event, listener) {
      listeners.get(event)?.delete(listener);
    },
    forget() {
      if (panel) panel.forget();
      else removeStored(scope);
      host.setUnread(0);
    },
    destroy() {
      panel?.destroy();
      el.remove();
      listeners.clear();
    },
  };
}
