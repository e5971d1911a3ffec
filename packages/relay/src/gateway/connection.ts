/**
 * What visitor and agent connections share: framing, parsing at the edge, error frames, one
 * frame processed at a time (so a client's sends are stored in the order it sent them), rate
 * limiting and idle tracking.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket, RawData } from 'ws';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { parseFrame, type ErrorCode, type ErrorFrame } from '@eyelevel/shared';
import { isRelayError, RelayError } from '../errors.js';
import { TokenBucket, type RateLimit } from './rate-limiter.js';

export abstract class Connection<Frame extends { type: string }> {
  /** Parsed frames waiting for the one being handled; one loop handles them in order. */
  private readonly inbox: Frame[] = [];
  private handling = false;
  private readonly bucket: TokenBucket;
  lastFrameAt = Date.now();
  closed = false;
  private corked = false;

  protected constructor(
    protected readonly socket: WebSocket,
    protected readonly log: Logger,
    private readonly schema: z.ZodType<Frame>,
    rateLimit: RateLimit,
  ) {
    this.bucket = new TokenBucket(rateLimit);
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => {
      this.closed = true;
      this.onClose();
    });
    socket.on('error', (error) => this.log.debug({ err: error }, 'socket error'));
  }

  /** Handles one parsed frame; frames of one connection never run concurrently. */
  protected abstract handle(frame: Frame): Promise<void>;
  protected abstract onClose(): void;

  send(frame: object): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.corkUntilNextTick();
    this.socket.send(JSON.stringify(frame));
  }

  /**
   * One committed batch sends many frames at once (an ack and the echo of the message to its
   * visitor, a run of events to each agent). Corking the TCP socket until the current tick ends
   * writes them with one syscall instead of one each, which was the relay's largest cost after
   * the database (docs/benchmarks.md). ws exposes no cork of its own; `_socket` is the
   * net.Socket it writes to, and cork/uncork nest, so ws's own corking inside keeps working.
   */
  private corkUntilNextTick(): void {
    if (this.corked) return;
    const raw = (this.socket as unknown as { _socket?: Duplex | null })._socket;
    if (!raw) return;
    this.corked = true;
    raw.cork();
    process.nextTick(() => {
      this.corked = false;
      raw.uncork();
    });
  }

  sendError(code: ErrorCode, message: string, ref: string | null = null): void {
    const frame: ErrorFrame = { type: 'error', code, message, ref };
    this.send(frame);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
  }

  /** Reports the error to the client and ends the connection with the code's close code. */
  fail(error: RelayError): void {
    this.sendError(error.code, error.message);
    this.close(error.closeCode, error.code);
  }

  private receive(data: RawData, isBinary: boolean): void {
    this.lastFrameAt = Date.now();
    if (isBinary) {
      this.sendError('BAD_REQUEST', 'binary frames are not accepted; send JSON text');
      return;
    }
    const text = data.toString();
    if (!this.bucket.take()) {
      this.sendError('RATE_LIMITED', 'too many frames; slow down', refOf(text));
      return;
    }
    const parsed = parseFrame(this.schema, text);
    if (!parsed.ok) {
      this.sendError(parsed.code, parsed.message, refOf(text));
      return;
    }
    this.inbox.push(parsed.value);
    if (!this.handling) void this.handleInOrder();
  }

  /** One loop per busy connection rather than a promise chain link per frame: less to allocate per message. */
  private async handleInOrder(): Promise<void> {
    this.handling = true;
    for (let frame = this.inbox.shift(); frame !== undefined; frame = this.inbox.shift()) {
      if (this.closed) this.inbox.length = 0;
      else await this.run(frame);
    }
    this.handling = false;
  }

  private async run(frame: Frame): Promise<void> {
    try {
      await this.handle(frame);
    } catch (error) {
      const ref = 'id' in frame && typeof frame.id === 'string' ? frame.id : null;
      if (isRelayError(error)) {
        this.sendError(error.code, error.message, ref);
        return;
      }
      // Nothing was acked, so the client still holds the message and will retry.
      this.log.error({ err: error, frame: frame.type }, 'frame failed');
      this.sendError('UNAVAILABLE', 'the relay could not process this frame; retry', ref);
    }
  }
}

/** The client id of a refused send, so the client can mark the right message as failed. */
function refOf(text: string): string | null {
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw === 'object' && raw !== null && 'id' in raw) {
      const id = (raw as { id: unknown }).id;
      if (typeof id === 'string' && id.length <= 64) return id;
    }
  } catch {
    // Not JSON: there is no reference to give back.
  }
  return null;
}
