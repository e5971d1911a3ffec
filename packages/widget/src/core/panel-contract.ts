/**
 * The seam between the loader (plain DOM, always loaded) and the panel chunk (Preact, loaded on
 * intent). The loader hands the panel a host; the panel hands back a handle. Only types live
 * here, so importing this file costs the loader nothing.
 */
import type { WidgetContext, WidgetEventName, WidgetIdentity } from './options.js';

export interface PanelConfig {
  siteKey: string;
  relayUrl: string;
  /** Names this widget's stored session, tab lock and channel (see core/storage-key.ts). */
  scope: string;
  locale: string;
  /** Inline panels are always open and have no launcher to return focus to. */
  inline: boolean;
  context?: WidgetContext;
  identity?: WidgetIdentity;
}

export interface PanelHost {
  root: ShadowRoot;
  config: PanelConfig;
  isOpen(): boolean;
  emit(event: WidgetEventName, detail?: unknown): void;
  setUnread(count: number): void;
  /** The visitor closed the panel from inside (Escape, close button): close and refocus. */
  requestClose(): void;
}

export interface PanelHandle {
  setOpen(open: boolean): void;
  identify(identity: WidgetIdentity): void;
  setContext(context: WidgetContext): void;
  forget(): void;
  destroy(): void;
}

export interface PanelModule {
  mountPanel(host: PanelHost): PanelHandle;
}
