/**
 * Whether a reply must wait for a colleague (issue 6). Which policies apply depends on where the
 * conversation lives: a social conversation is under its workspace's, its channel's and its
 * team's policies; a web chat only under its site's (a site opts in to reviewing web chat). A
 * reply is caught when any applicable policy catches it, so a stricter scope always wins.
 */
import type { ReviewRules } from '@eyelevel/shared';
import type { Conversation } from '../storage/records.js';
import type { ReviewPolicy } from '../storage/review-store.js';

export interface ReplyUnderReview {
  conversation: Pick<Conversation, 'channel' | 'siteId' | 'teamId' | 'social'>;
  text: string;
  authorInTraining: () => Promise<boolean>;
}

export function applicablePolicies(policies: ReviewPolicy[], conversation: ReplyUnderReview['conversation']): ReviewRules[] {
  const matches = (scope: ReviewPolicy['scope'], id: string | null) =>
    policies.filter((p) => p.scope === scope && id !== null && p.scopeId === id).map((p) => p.rules);
  if (conversation.channel === 'web') return matches('site', conversation.siteId);
  return [...matches('workspace', ''), ...matches('channel', conversation.social?.channelId ?? null), ...matches('team', conversation.teamId)];
}

/** The training flag is read only when a rule asks about it: most sends skip that query. */
export async function needsReview(policies: ReviewPolicy[], reply: ReplyUnderReview): Promise<boolean> {
  const rules = applicablePolicies(policies, reply.conversation);
  if (rules.some((r) => r.all || keywordIn(r.keywords, reply.text) || highReach(r.highReachAuthors, reply.conversation))) return true;
  return rules.some((r) => r.trainees) && (await reply.authorInTraining());
}

function keywordIn(keywords: string[], text: string): boolean {
  const lower = text.toLocaleLowerCase();
  return keywords.some((keyword) => lower.includes(keyword.toLocaleLowerCase()));
}

function highReach(handles: string[], conversation: ReplyUnderReview['conversation']): boolean {
  const handle = conversation.social?.author.handle.toLocaleLowerCase();
  return handle !== undefined && handles.some((h) => h.toLocaleLowerCase() === handle);
}
