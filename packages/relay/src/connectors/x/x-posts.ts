/**
 * An X API v2 post (with its author from `includes.users`) as an inbound post: the mentions
 * timeline and the filtered stream deliver the same shape, so they become conversations the
 * same way (one person's posts in one X conversation are one case).
 */
import type { z } from 'zod';
import type { InboundPost } from '../connector.js';
import { decodeEntities } from '../shared/html-to-text.js';
import type { postSchema, userSchema } from './x-schemas.js';

type XPost = z.infer<typeof postSchema>;
type XUser = z.infer<typeof userSchema>;

export const postUrl = (username: string, id: string) => `https://x.com/${username}/status/${id}`;

/** The v2 fields every request for posts asks for, so `v2PostToInbound` has what it reads. */
export const V2_POST_FIELDS = {
  'tweet.fields': 'author_id,conversation_id,created_at,referenced_tweets',
  expansions: 'author_id',
  'user.fields': 'username,name',
} as const;

export function v2PostToInbound(post: XPost, users: readonly XUser[] | undefined): InboundPost {
  const user = users?.find((one) => one.id === post.author_id);
  const username = user?.username ?? post.author_id;
  const repliedTo = post.referenced_tweets?.find((ref) => ref.type === 'replied_to')?.id ?? null;
  return {
    platformId: post.id,
    event: 'post',
    threadKey: `${post.conversation_id ?? post.id}:${post.author_id}`,
    replyToId: repliedTo,
    author: { id: post.author_id, handle: `@${username}`, name: user?.name ?? null, url: `https://x.com/${username}` },
    text: decodeEntities(post.text),
    url: postUrl(username, post.id),
    createdAt: post.created_at ? Date.parse(post.created_at) || Date.now() : Date.now(),
  };
}

/** X's ids are snowflakes: milliseconds since X's epoch in the high bits, so newer is larger. */
const X_EPOCH_MS = 1_288_834_974_657n;

/** The smallest id X could give a post made at `ms`: "since now" for `since_id`. */
export function snowflakeAt(ms: number): string {
  return String((BigInt(Math.floor(ms)) - X_EPOCH_MS) << 22n);
}

/** Ids are decimal strings of varying length: longer is newer, then by digits. */
export function newerId(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}
