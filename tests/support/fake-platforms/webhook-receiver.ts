/**
 * The other end of a generic webhook channel: the source's reply endpoint (docs/channels.md,
 * "Generic webhook"). It checks each reply's signature the way a source would (HMAC-SHA256 of
 * `<timestamp>.<body>`, hex, `v1=`), records it and answers `{ id, url }`.
 */
import { createHmac } from 'node:crypto';
import { FakeServer, type RecordedRequest } from './fake-server.js';

export class FakeWebhookReceiver extends FakeServer {
  private next = 1;

  constructor(private readonly secret: string) {
    super();
    this.on('POST', '/replies', () => {
      const id = `reply-${this.next++}`;
      return { status: 201, json: { id, url: `https://forum.example/p/${id}` } };
    });
  }

  get replyUrl(): string {
    return `${this.url}/replies`;
  }

  /** True when the reply carries a valid signature over its exact body. */
  signatureValid(request: RecordedRequest): boolean {
    const timestamp = String(request.headers['x-eyelevel-timestamp'] ?? '');
    const expected = 'v1=' + createHmac('sha256', this.secret).update(`${timestamp}.${request.body}`).digest('hex');
    return request.headers['x-eyelevel-signature'] === expected;
  }
}
