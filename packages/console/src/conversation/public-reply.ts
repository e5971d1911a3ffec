/**
 * What makes a reply public (issue 5): in a social conversation the reply is posted on the
 * network with the agent's signature, so the composer counts it the way the relay and the
 * network will (`measureReply` from shared: the network's counting, the limit, the signature,
 * Mastodon's handle prefix). Null for web chats, or while the directory has not named the channel.
 */
import { measureReply, signatureFor, type ChannelInfo, type ConversationSummary, type ReplyMeasure } from '@eyelevel/shared';
import type { Directory } from '../state/directory-state.js';

export interface PublicReply {
  readonly channel: ChannelInfo;
  readonly prefix: string;
  readonly initials: string;
}

export function publicReplyFor(summary: ConversationSummary, directory: Directory | null, initials: string | null): PublicReply | null {
  const channelId = summary.social?.channelId;
  const channel = channelId ? directory?.channels.get(channelId) : undefined;
  if (!channel || !summary.social || initials === null) return null;
  return { channel, prefix: summary.social.replyPrefix, initials };
}

export function measurePublicReply(reply: PublicReply, text: string): ReplyMeasure {
  return measureReply(reply.channel.reply, text, reply.initials, reply.prefix);
}

/** The signature as it will appear, for the composer's hint. */
export function signatureOf(reply: PublicReply): string {
  return signatureFor(reply.channel.reply.signature, reply.initials).trim();
}
