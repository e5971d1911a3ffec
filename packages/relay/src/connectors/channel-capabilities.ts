/**
 * What each network allows and how its replies are counted, as plain functions of the channel
 * record, so the directory (every console's composer), the admin API and the reply path read
 * the same limits without a running connector.
 */
import {
  BLUESKY_MAX_GRAPHEMES,
  MASTODON_DEFAULT_MAX_CHARACTERS,
  MASTODON_DEFAULT_URL_LENGTH,
  X_MAX_WEIGHTED_LENGTH,
  type ChannelInfo,
  type ReplyRules,
} from '@eyelevel/shared';
import type { ChannelRecord } from '../storage/channel-store.js';
import type { InboundAuthor, ModerationAction } from './connector.js';

/** Facebook's documented limit for a comment's message. */
export const FACEBOOK_MAX_COMMENT_LENGTH = 8000;

export function replyRulesFor(channel: ChannelRecord): ReplyRules {
  const signature = channel.settings.signature;
  switch (channel.kind) {
    case 'x':
      return { counting: 'x', maxLength: X_MAX_WEIGHTED_LENGTH, signature };
    case 'mastodon': {
      // The instance's own configuration, read at start (/api/v2/instance); defaults until then.
      const maxLength = numberOr(channel.state.maxCharacters, MASTODON_DEFAULT_MAX_CHARACTERS);
      const urlLength = numberOr(channel.state.charactersPerUrl, MASTODON_DEFAULT_URL_LENGTH);
      return { counting: 'mastodon', maxLength, urlLength, signature };
    }
    case 'bluesky':
      return { counting: 'bluesky', maxLength: BLUESKY_MAX_GRAPHEMES, signature };
    case 'facebook':
      return { counting: 'plain', maxLength: FACEBOOK_MAX_COMMENT_LENGTH, signature };
    case 'webhook':
      return { counting: 'plain', maxLength: numberOr(channel.settings.network.maxReplyLength, 5000), signature };
  }
}

export function moderationFor(channel: ChannelRecord): ModerationAction[] {
  switch (channel.kind) {
    case 'x':
      return ['hide', 'unhide'];
    case 'facebook':
      return ['hide', 'unhide', 'delete'];
    default:
      return [];
  }
}

/** Mastodon only notifies people a reply mentions: it starts with their handle. */
export function replyPrefixFor(channel: ChannelRecord, author: InboundAuthor): string {
  return channel.kind === 'mastodon' ? `${author.handle} ` : '';
}

export function channelInfo(channel: ChannelRecord): ChannelInfo {
  return {
    id: channel.id,
    kind: channel.kind,
    name: channel.name,
    handle: channel.handle,
    reply: replyRulesFor(channel),
    moderation: moderationFor(channel),
    status: channel.status,
  };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
