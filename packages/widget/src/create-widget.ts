/**
 * The npm entry's factory. Unlike the snippet it needs no globals, so a page can hold several
 * instances (a floating support launcher and an inline recruiting panel). The panel is a
 * dynamic import, so the host's bundler splits it into its own lazily loaded chunk.
 */
import { createInstance } from './core/widget-instance.js';
import type { Widget, WidgetOptions } from './core/options.js';

export function createWidget(options: WidgetOptions): Widget {
  return createInstance(options, () => import('./panel/mount.js'));
}
