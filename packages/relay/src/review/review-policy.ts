/**
 * Whether a reply must wait for a colleague (issue 6), and for which tier. Which policies apply
 * depends on where the conversation lives: a social conversation is under its workspace's, its
 * channel's and its team's policies; a web chat only under its site's (a site opts in to
 * reviewing web chat). A reply is caught when any applicable policy catches it, so a stricter
 * scope always wins; it goes to the lead tier when a rule that caught it says so (`leadFor`), or
 * when the workspace is in crisis and the reply is public.
 */
import type { ReviewRules, ReviewTier } from '@eyelevel/shared';
import type { Conversation } from '../storage/records.js';
import type { ReviewPolicy } from '../storage/review-store.js';

export interface ReplyUnderReview {
  conversation: Pick<Conversation, 'channel' | 'siteId' | 'teamId' | 'social'>;
  text: string;
  authorInTraining: () => Promise<boolean>;
  /** Crisis mode (see crisis-mode.ts): every public reply waits for a lead. */
  crisis: boolean;
}

type RuleKind = NonNullable<ReviewRules['leadFor']>[number];

export function applicablePolicies(policies: ReviewPolicy[], conversation: ReplyUnderReview['conversation']): ReviewRules[] {
  const matches = (scope: ReviewPolicy['scope'], id: string | null) =>
    policies.filter((p) => p.scope === scope && id !== null && p.scopeId === id).map((p) => p.rules);
  if (conversation.channel === 'web') return matches('site', conversation.siteId);
  return [...matches('workspace', ''), ...matches('channel', conversation.social?.channelId ?? null), ...matches('team', conversation.teamId)];
}

/**
 * Crisis mode covers public replies only: a web chat is a private conversation with one person,
 * and holding every one of them for a lead would stop support on the site while the public
 * storm is elsewhere (a site that wants web chat reviewed has its own policy).
 */
export function isPublic(conversation: Pick<Conversation, 'channel'>): boolean {
  return conversation.channel !== 'web';
}

/** The tier a reply waits for, or null when it may go out at once. The training flag is read only when a rule asks. */
export async function needsReview(policies: ReviewPolicy[], reply: ReplyUnderReview): Promise<ReviewTier | null> {
  if (reply.crisis && isPublic(reply.conversation)) return 'lead';
  const rules = applicablePolicies(policies, reply.conversation);
  let caught: ReviewTier | null = null;
  for (const rule of rules) {
    const kinds: RuleKind[] = [];
    if (rule.all) kinds.push('all');
    if (keywordIn(rule.keywords, reply.text)) kinds.push('keywords');
    if (highReach(rule.highReachAuthors, reply.conversation)) kinds.push('highReachAuthors');
    if (kinds.length === 0) continue;
    if (kinds.some((kind) => rule.leadFor?.includes(kind))) return 'lead';
    caught = 'colleague';
  }
  const trainees = rules.filter((r) => r.trainees);
  const traineesToLead = trainees.some((r) => r.leadFor?.includes('trainees'));
  if (trainees.length === 0 || (caught !== null && !traineesToLead) || !(await reply.authorInTraining())) return caught;
  return traineesToLead ? 'lead' : 'colleague';
}

function keywordIn(keywords: string[], text: string): boolean {
  const lower = text.toLocaleLowerCase();
  return keywords.some((keyword) => lower.includes(keyword.toLocaleLowerCase()));
}

function highReach(handles: string[], conversation: ReplyUnderReview['conversation']): boolean {
  const handle = conversation.social?.author.handle.toLocaleLowerCase();
  return handle !== undefined && handles.some((h) => h.toLocaleLowerCase() === handle);
}
