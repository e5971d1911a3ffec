/**
 * The Graph API and the page webhooks as the connector sees them, with payloads shaped like
 * Meta's published examples:
 * - deliveries `{ object: "page", entry: [{ id, time, changes: [{ field: "feed", value }] }] }`
 *   with `value` as in the Page `feed` reference (`from`, `post_id`, `comment_id`, `parent_id`,
 *   `created_time`, `item`, `verb`, `message`), signed in `X-Hub-Signature-256` as `sha256=` +
 *   hex HMAC-SHA256 of the raw body with the app secret
 *   (https://developers.facebook.com/docs/graph-api/webhooks/getting-started,
 *   https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed)
 * - POST /{object-id}/comments `message` → `{ id }`; POST /{comment-id} `is_hidden`; DELETE
 *   /{comment-id} → `{ success: true }`; errors as `{ error: { message, type, code, fbtrace_id } }`
 *   (https://developers.facebook.com/docs/graph-api/reference/object/comments/,
 *   https://developers.facebook.com/docs/graph-api/reference/comment/)
 */
import { createHmac } from 'node:crypto';
import { FakeServer } from './fake-server.js';

export const PAGE = { id: '1142469655832956', name: 'Brand' };
export const FB_ANN = { id: '6012345678901234', name: 'Ann Example' };
export const FB_BO = { id: '6012345678905678', name: 'Bo' };

export class FakeFacebook extends FakeServer {
  readonly comments: Array<{ id: string; on: string; message: string }> = [];
  readonly hidden = new Map<string, boolean>();
  readonly deleted: string[] = [];
  private next = 100;

  constructor(
    readonly pageToken = 'page-token',
    readonly appSecret = 'fb-app-secret',
  ) {
    super();
    const authorized = (headers: Record<string, unknown>) => headers.authorization === `Bearer ${this.pageToken}`;
    const denied = { status: 400, json: { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190, fbtrace_id: 'Aa1' } } };
    this.on('POST', '/:id/comments', (r, { id }) => {
      if (!authorized(r.headers)) return denied;
      const message = (r.json as { message: string }).message;
      const comment = { id: `${id!.split('_')[0]}_${this.next++}`, on: id!, message };
      this.comments.push(comment);
      return { json: { id: comment.id } };
    });
    this.on('POST', '/:id', (r, { id }) => {
      if (!authorized(r.headers)) return denied;
      this.hidden.set(id!, (r.json as { is_hidden: string }).is_hidden === 'true');
      return { json: { success: true } };
    });
    this.on('DELETE', '/:id', (r, { id }) => {
      if (!authorized(r.headers)) return denied;
      this.deleted.push(id!);
      return { json: { success: true } };
    });
  }

  /** A delivery batching `entries` (page id → feed change values), and its signature. */
  delivery(entries: Array<{ pageId?: string; values: Array<Record<string, unknown>> }>, secret = this.appSecret) {
    const body = JSON.stringify({
      object: 'page',
      entry: entries.map((entry, i) => ({
        id: entry.pageId ?? PAGE.id,
        time: 1478439821 + i,
        changes: entry.values.map((value) => ({ field: 'feed', value })),
      })),
    });
    return { body, signature: `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` };
  }
}

/** A `feed` change value for a comment, as the Page feed reference lists its fields. */
export function commentChange(
  from: { id: string; name: string },
  commentId: string,
  message: string,
  options: { verb?: string; parentId?: string; postId?: string } = {},
) {
  const postId = options.postId ?? `${PAGE.id}_1164870100259578`;
  return {
    from,
    post: { status_type: 'added_photos', is_published: true, updated_time: '2024-05-01T10:00:00+0000', permalink_url: 'https://www.facebook.com/brand/posts/1', promotion_status: 'inactive', id: postId },
    message,
    post_id: postId,
    comment_id: commentId,
    created_time: 1714557600,
    item: 'comment',
    parent_id: options.parentId ?? postId,
    verb: options.verb ?? 'add',
  };
}
