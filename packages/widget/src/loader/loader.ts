/**
 * The file the snippet's script tag loads (`/widget/loader.js`). It reads its settings from its
 * own tag's data attributes, replays the commands queued by the snippet's stub before it
 * arrived, and replaces the stub with the real `eyelevel(command, ...args)`. The panel chunk is
 * fetched relative to this file's own URL, so the widget works from any host or CDN path.
 */
import { createInstance } from '../core/widget-instance.js';
import type { PanelModule } from '../core/panel-contract.js';
import type { WidgetOptions } from '../core/options.js';

/** Injected by the build: the hashed file name of the panel chunk. */
declare const __PANEL_FILE__: string;

type Command = (command: string, ...args: unknown[]) => unknown;
type Stub = Command & { q?: ArrayLike<unknown>[]; loaded?: boolean };

const script = document.currentScript as HTMLScriptElement | null;

function boot(): void {
  const global = window as unknown as { eyelevel?: Stub };
  const stub = global.eyelevel;
  if (!script || stub?.loaded) return;
  const data = script.dataset;
  const src = script.src;
  const options: WidgetOptions = {
    siteKey: data.siteKey ?? '',
    // The loader lives at <relay>/widget/loader.js unless the tag says otherwise.
    relayUrl: data.relayUrl ?? new URL('..', src).href,
    locale: data.locale,
    position: data.position as WidgetOptions['position'],
    zIndex: +data.zIndex! || undefined,
    open: data.open === 'true',
    // Careers pages: `data-team="recruiting" data-job-id=... data-job-title=...`.
    context: { team: data.team, jobId: data.jobId, jobTitle: data.jobTitle },
  };
  const panelUrl = new URL(__PANEL_FILE__, src).href;
  const widget = createInstance(
    options,
    () => import(/* @vite-ignore */ panelUrl) as Promise<PanelModule>,
  );
  const command: Stub = (name, ...args) => {
    // The caller is the host page's own script, so this is no security boundary to guard.
    const method = (widget as unknown as Record<string, unknown>)[name];
    if (typeof method === 'function') return (method as (...a: unknown[]) => unknown)(...args);
  };
  command.loaded = true;
  global.eyelevel = command;
  for (const queued of stub?.q ?? []) command(...(Array.from(queued) as Parameters<Command>));
}

// A widget failure must never break the host page.
function safeBoot(): void {
  try {
    boot();
  } catch (error) {
    reportError(error);
  }
}

if (document.body) safeBoot();
else document.addEventListener('DOMContentLoaded', safeBoot);
