/**
 * `<relay>/widget/embed.js`: `createWidget` as an ES module straight from the relay, for pages
 * without a bundler that want more than the snippet's one global widget, e.g. a careers page
 * with an inline recruiting panel beside the support launcher. The relay URL defaults to where
 * this file was loaded from; the panel chunk is the same one the loader uses.
 */
import { createInstance } from '../core/widget-instance.js';
import type { PanelModule } from '../core/panel-contract.js';
import type { Widget, WidgetOptions } from '../core/options.js';

/** Injected by the build: the hashed file name of the panel chunk. */
declare const __PANEL_FILE__: string;

export type { Widget, WidgetOptions };

export function createWidget(options: Omit<WidgetOptions, 'relayUrl'> & { relayUrl?: string }): Widget {
  const here = import.meta.url;
  return createInstance(
    { relayUrl: new URL('..', here).href, ...options },
    () => import(/* @vite-ignore */ new URL(__PANEL_FILE__, here).href) as Promise<PanelModule>,
  );
}
