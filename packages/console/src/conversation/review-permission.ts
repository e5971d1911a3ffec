/**
 * Who may decide on a draft (issue 6), and in words why not: the four-eyes rule means the
 * author never reviews their own reply, and experts' answers are reviewed rather than reviewing.
 * A lead-tier draft (issue 6: a rule, an escalation or crisis mode) is for leads and admins.
 * The relay refuses the same cases; the console says so before anyone clicks.
 */
import type { AgentProfile, DraftEvent, ReviewTier } from '@eyelevel/shared';

export type ReviewPermission = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export const isLeadRole = (agent: AgentProfile | null) => agent?.role === 'lead' || agent?.role === 'admin';

export function reviewPermission(agent: AgentProfile | null, draft: DraftEvent, tier: ReviewTier = 'colleague'): ReviewPermission {
  if (!agent) return { allowed: false, reason: 'Connecting…' };
  if (draft.author.id === agent.id) {
    return { allowed: false, reason: 'Your reply waits for a colleague’s review: a reply needs a second pair of eyes, so its author cannot approve it.' };
  }
  if (agent.role === 'expert') {
    return { allowed: false, reason: 'Waiting for review: experts’ answers are reviewed by colleagues; experts do not review.' };
  }
  if (tier === 'lead' && !isLeadRole(agent)) {
    return { allowed: false, reason: 'Waiting for a lead: only a lead or an admin can approve or reject this draft.' };
  }
  return { allowed: true };
}
