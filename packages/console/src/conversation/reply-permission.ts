/**
 * Who may do what with a conversation, as the relay enforces it (docs/PROTOCOL.md, routing
 * rules): while a case is assigned only its assignee or a lead writes to the visitor or moves it;
 * anyone may while it is unassigned. Worked out here so the console can say why a control is
 * disabled instead of letting the agent find out from a refused frame.
 */
import type { AgentProfile, ConversationSummary } from '@eyelevel/shared';
import { describeAuthor } from '../state/describe-author.js';

export type Permission = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export function isLead(agent: AgentProfile | null): boolean {
  return agent?.role === 'lead' || agent?.role === 'admin';
}

/** Reply to the visitor, resolve, park, transfer or re-prioritise. */
export function workPermission(agent: AgentProfile | null, summary: ConversationSummary): Permission {
  const assignee = summary.assignee;
  if (!assignee || assignee.id === agent?.id || isLead(agent)) return { allowed: true };
  const name = describeAuthor(assignee);
  return {
    allowed: false,
    reason: `Assigned to ${name}. Only ${name} or a lead can reply while it is assigned; you can still add a private note.`,
  };
}

/** What the claim button offers: take an unassigned case, or (leads) take one over. */
export function claimOffer(agent: AgentProfile | null, summary: ConversationSummary): 'claim' | 'take-over' | null {
  if (summary.status === 'resolved') return null;
  if (!summary.assignee) return 'claim';
  if (summary.assignee.id !== agent?.id && isLead(agent)) return 'take-over';
  return null;
}
