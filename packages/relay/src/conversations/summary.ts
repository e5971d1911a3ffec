/**
 * A conversation as the console's queue shows it.
 */
import type { ConversationSummary } from '@eyelevel/shared';
import type { Conversation } from '../storage/records.js';

export function toSummary(conversation: Conversation): ConversationSummary {
  return {
    id: conversation.id,
    channel: conversation.channel,
    siteId: conversation.siteId,
    status: conversation.status,
    assignee: conversation.assignee,
    teamId: conversation.teamId,
    priority: conversation.priority,
    escalatedAt: conversation.escalatedAt,
    escalationDecidedAt: conversation.escalationDecidedAt ?? null,
    snoozedUntil: conversation.status === 'snoozed' ? conversation.snoozedUntil : null,
    // Nobody waits on a resolved conversation, whatever its last message was.
    waitingSince: conversation.status === 'resolved' ? null : (conversation.waitingSince ?? null),
    agentRepliedAt: conversation.agentRepliedAt,
    visitor: conversation.visitor,
    page: conversation.page,
    verified: conversation.identity !== null,
    identity: conversation.identity,
    job: conversation.job,
    prechat: conversation.prechat,
    consent: conversation.consent,
    openCallbacks: conversation.openCallbacks,
    ...(conversation.pendingDrafts === undefined
      ? {}
      : { pendingDrafts: conversation.pendingDrafts, pendingLeadDrafts: conversation.pendingLeadDrafts ?? 0 }),
    csat: conversation.csat,
    social: conversation.social,
    lastSeq: conversation.lastSeq,
    lastMessage: conversation.lastMessage,
    visitorReadSeq: conversation.visitorReadSeq,
    agentReadSeq: conversation.agentReadSeq,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
  };
}
