/**
 * The parts of the AT Protocol / Bluesky lexicons the connector reads, validated at the edge:
 * com.atproto.server.createSession and refreshSession (accessJwt, refreshJwt, did, handle),
 * app.bsky.notification.listNotifications (notifications with uri, cid, author, reason,
 * record, indexedAt; cursor) and com.atproto.repo.createRecord (uri, cid). Lexicons:
 * https://github.com/bluesky-social/atproto/tree/main/lexicons.
 */
import { z } from 'zod';

export const sessionSchema = z.looseObject({
  accessJwt: z.string(),
  refreshJwt: z.string(),
  did: z.string(),
  handle: z.string(),
});
export type BlueskySession = z.infer<typeof sessionSchema>;

const strongRef = z.looseObject({ uri: z.string(), cid: z.string() });

export const postRecordSchema = z.looseObject({
  $type: z.literal('app.bsky.feed.post'),
  text: z.string(),
  createdAt: z.string(),
  reply: z.looseObject({ root: strongRef, parent: strongRef }).optional(),
});

export const notificationSchema = z.looseObject({
  uri: z.string(),
  cid: z.string(),
  author: z.looseObject({ did: z.string(), handle: z.string(), displayName: z.string().optional() }),
  reason: z.string(),
  record: z.unknown(),
  isRead: z.boolean().optional(),
  indexedAt: z.string(),
});
export type BlueskyNotification = z.infer<typeof notificationSchema>;

export const listNotificationsSchema = z.looseObject({
  notifications: z.array(notificationSchema),
  cursor: z.string().optional(),
});

export const createdRecordSchema = z.looseObject({ uri: z.string(), cid: z.string() });
export const emptySchema = z.unknown();

/** app.bsky.feed.searchPosts: post views, newest first with `sort=latest`. */
export const searchPostsSchema = z.looseObject({
  posts: z.array(
    z.looseObject({
      uri: z.string(),
      cid: z.string(),
      author: z.looseObject({ did: z.string(), handle: z.string(), displayName: z.string().optional() }),
      record: z.unknown(),
      indexedAt: z.string(),
    }),
  ),
  cursor: z.string().optional(),
});
