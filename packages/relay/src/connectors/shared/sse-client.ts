/**
 * A server-sent events client over fetch (Mastodon's streaming API): reads `event:`/`data:`
 * blocks as they arrive, ignores `:` heartbeats, and reconnects with a growing delay when the
 * stream ends or fails. Each (re)connect is reported, so the caller can poll for whatever was
 * posted while the stream was down: the stream is for speed, the poll for completeness.
 */
import type { Logger } from 'pino';

export interface SseEvent {
  event: string;
  data: string;
}

const MAX_RETRY_MS = 5 * 60_000;

export class SseClient {
  private controller: AbortController | null = null;
  private stopped = true;
  private retryMs = 1000;

  constructor(
    private readonly url: () => string,
    private readonly headers: () => Record<string, string>,
    private readonly onEvent: (event: SseEvent) => void,
    private readonly onConnected: () => void,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.controller = new AbortController();
      try {
        const response = await fetch(this.url(), {
          headers: { accept: 'text/event-stream', ...this.headers() },
          signal: this.controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        this.retryMs = 1000;
        this.onConnected();
        await this.read(response.body);
      } catch (error) {
        if (this.stopped) return;
        this.log.warn({ err: error, retryInMs: this.retryMs }, 'stream dropped; reconnecting');
      }
      if (this.stopped) return;
      await new Promise((resolve) => setTimeout(resolve, this.retryMs).unref());
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const parsed = parseBlock(block);
        if (parsed) this.onEvent(parsed);
      }
    }
  }
}

function parseBlock(block: string): SseEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}
