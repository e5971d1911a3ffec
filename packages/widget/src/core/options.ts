/**
 * The public shape of a widget: what an embedding developer passes to `createWidget` (or sets on
 * the snippet's script tag) and which events it can listen to. Loader and panel share it.
 */
export type WidgetEventName = 'ready' | 'open' | 'close' | 'message' | 'unread' | 'error';

/** Where the conversation belongs; a careers page sets the recruiting team and the job. */
export interface WidgetContext {
  team?: string;
  jobId?: string;
  jobTitle?: string;
}

/**
 * A signed-in user the host site vouches for. `hash` is HMAC-SHA256(id, site identity secret),
 * computed on the host's server; `jwt` is the short-lived-token alternative.
 */
export interface WidgetIdentity {
  id: string;
  name?: string;
  email?: string;
  hash?: string;
  jwt?: string;
}

export interface WidgetOptions {
  /** The site's public key, as shown in the console. */
  siteKey: string;
  /** Base URL of the relay, e.g. `https://chat.example.com`. */
  relayUrl: string;
  /** Render inline in this element (always open, no launcher) instead of floating. */
  container?: HTMLElement | null;
  /** Floating side; defaults to the end side of the page's writing direction. */
  position?: 'left' | 'right';
  zIndex?: number;
  /** `en`, `de`, ...; defaults to the page's `lang`, then the browser's language. */
  locale?: string;
  context?: WidgetContext;
  identity?: WidgetIdentity;
  /** Open the panel as soon as the widget is created. */
  open?: boolean;
}

export interface WidgetErrorDetail {
  code: string;
  message: string;
}

export type WidgetListener = (detail?: unknown) => void;

/** What `createWidget` returns and what the global `eyelevel(command, ...args)` dispatches to. */
export interface Widget {
  open(): void;
  close(): void;
  toggle(): void;
  identify(identity: WidgetIdentity): void;
  setContext(context: WidgetContext): void;
  on(event: WidgetEventName, listener: WidgetListener): void;
  off(event: WidgetEventName, listener: WidgetListener): void;
  /** Erase everything this widget stored about the visitor (token, unsent messages). */
  forget(): void;
  destroy(): void;
}
