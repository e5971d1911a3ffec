/**
 * A server-sent events client over fetch (Mastodon's streaming API): reads `event:`/`data:`
 * blocks as they arrive, ignores `:` heartbeats, and reconnects (http-stream.ts) when the stream
 * ends or fails. Each (re)connect is reported, so the caller can poll for whatever was
 * posted while the stream was down: the stream is for speed, the poll for completeness.
 */
import type { Logger } from 'pino';
import { HttpStream } from './http-stream.js';
import type { OutboundFetch } from '../../security/outbound-fetch.js';

export interface SseEvent {
  event: string;
  data: string;
}

export class SseClient {
  private readonly stream: HttpStream;
  private buffer = '';

  constructor(
    fetch: OutboundFetch,
    url: () => string,
    headers: () => Record<string, string>,
    onEvent: (event: SseEvent) => void,
    onConnected: () => void,
    log: Logger,
  ) {
    this.stream = new HttpStream({
      open: (signal) => {
        // A new connection starts a new event: a half-read block from the dropped one is void.
        this.buffer = '';
        return fetch(url(), { headers: { accept: 'text/event-stream', ...headers() }, signal });
      },
      onText: (text) => {
        this.buffer += text.replace(/\r\n/g, '\n');
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const parsed = parseBlock(block);
          if (parsed) onEvent(parsed);
        }
      },
      onConnected,
      log,
    });
  }

  start(): void {
    this.stream.start();
  }

  stop(): Promise<void> {
    return this.stream.stop();
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
