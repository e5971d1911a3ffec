/**
 * Which moderation actions an entry offers (issue 6), as a pure function so the buttons and
 * their tests agree: a social post what its network allows, a web chat message all of hide,
 * unhide and delete; deleting is for leads and admins (others see the button disabled, with
 * why); a deleted entry stays deleted.
 */
import type { AgentProfile, ConversationSummary } from '@eyelevel/shared';
import type { Directory } from '../state/directory-state.js';
import type { EntryModeration } from '../state/moderation-state.js';

export type EntryAction = 'hide' | 'unhide' | 'delete';

export interface OfferedAction {
  readonly action: EntryAction;
  /** Why it is disabled; null when the agent may use it. */
  readonly blocked: string | null;
}

export const isLeadRole = (agent: AgentProfile | null) => agent?.role === 'lead' || agent?.role === 'admin';

export function entryActions(agent: AgentProfile | null, summary: ConversationSummary, directory: Directory | null, state: EntryModeration | undefined): OfferedAction[] {
  if (state?.state === 'deleted') return [];
  const social = summary.social ?? null;
  const allowed: readonly EntryAction[] = social ? (directory?.channels.get(social.channelId)?.moderation ?? []) : ['hide', 'unhide', 'delete'];
  const wanted: EntryAction[] = state?.state === 'hidden' ? ['unhide', 'delete'] : ['hide', 'delete'];
  return wanted
    .filter((action) => allowed.includes(action))
    .map((action) => ({ action, blocked: action === 'delete' && !isLeadRole(agent) ? 'only leads and admins delete' : null }));
}
