/**
 * A long-lived HTTP response read as it arrives (Mastodon's server-sent events, X's filtered
 * stream of newline-delimited JSON): the connection, the reconnect with a growing delay, the
 * platform's rate-limit window after a 429, and a watchdog for streams that promise keep-alives
 * (a connection that went silent is dead even if TCP has not noticed). How the text is framed is
 * the caller's: this only hands on decoded text.
 */
import type { Logger } from 'pino';
import { PlatformError } from './platform-error.js';
import { retryAtFrom } from './rate-limit.js';

export interface HttpStreamOptions {
  /** Makes the request (after any setup it needs, e.g. syncing rules); a throw is retried later. */
  open(signal: AbortSignal): Promise<Response>;
  /** Text as it arrives, decoded; framing is the caller's. */
  onText(text: string): void;
  /** Every (re)connect: the caller may poll for what was posted while the stream was down. */
  onConnected(): void;
  log: Logger;
  /** Reconnect when nothing at all (not even a keep-alive) arrived for this long. */
  idleMs?: number;
  firstRetryMs?: number;
}

const MAX_RETRY_MS = 5 * 60_000;

export class HttpStream {
  private controller: AbortController | null = null;
  private stopped = true;
  private retryMs: number;
  /** Resolves when the current loop has ended (so a restart never runs two loops). */
  private loopDone: Promise<void> = Promise.resolve();

  constructor(private readonly options: HttpStreamOptions) {
    this.retryMs = options.firstRetryMs ?? 1000;
  }

  get running(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loopDone = this.loopDone.then(() => this.loop());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.controller?.abort();
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const controller = new AbortController();
      this.controller = controller;
      let retryAt: number | null = null;
      try {
        const response = await this.options.open(controller.signal);
        if (!response.ok || !response.body) {
          const body = await response.text().catch(() => '');
          if (response.status === 429) retryAt = retryAtFrom(response.headers, Date.now()) ?? Date.now() + 60_000;
          throw new PlatformError(`stream answered ${response.status}${body ? `: ${body.slice(0, 300)}` : ''}`, response.status, retryAt);
        }
        this.retryMs = this.options.firstRetryMs ?? 1000;
        this.options.onConnected();
        await this.read(response.body, controller);
        if (!this.stopped) this.options.log.info('stream ended; reconnecting');
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof PlatformError && error.retryAt !== null) retryAt = error.retryAt;
        this.options.log.warn({ err: error, retryInMs: this.retryMs }, 'stream dropped; reconnecting');
      }
      if (this.stopped) return;
      const wait = retryAt !== null ? Math.max(retryAt - Date.now(), this.retryMs) : this.retryMs;
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    }
  }

  private async read(body: ReadableStream<Uint8Array>, controller: AbortController): Promise<void> {
    const decoder = new TextDecoder();
    const idleMs = this.options.idleMs;
    let watchdog: NodeJS.Timeout | null = null;
    const arm = () => {
      if (idleMs === undefined) return;
      if (watchdog) clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        this.options.log.warn({ idleMs }, 'stream silent for too long (no data, no keep-alive); reconnecting');
        controller.abort();
      }, idleMs);
      watchdog.unref();
    };
    arm();
    try {
      for await (const chunk of body) {
        arm();
        this.options.onText(decoder.decode(chunk, { stream: true }));
      }
    } catch (error) {
      // Aborted by the watchdog: a reconnect like any other, not a failure to report twice.
      if (!controller.signal.aborted || this.stopped) throw error;
    } finally {
      if (watchdog) clearTimeout(watchdog);
    }
  }
}
