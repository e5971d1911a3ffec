/**
 * Four-eyes review of replies (issue 6). A reply a policy catches is appended as a `draft`
 * entry instead of a message: the team sees it, the visitor and the network do not. A colleague
 * (never its author) approves it, edits and approves it, or rejects it with a note.
 *
 * Sending happens once: every reviewer who clicks prepares their own outbound post, then one
 * conditional update on the draft's row (pending → approved) picks the winner; only the winner
 * appends the author's message and hands the post to the existing outbound path
 * (connectors/outbound/replies.ts), the others abandon theirs. If an agent answered the
 * conversation after the draft was written, the draft is superseded instead of sent, and its
 * author decides whether it still needs saying.
 */
import type { ConversationEvent } from '@eyelevel/shared';
import type { AgentReview } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Agent } from '../storage/records.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Replies } from '../connectors/outbound/replies.js';
import { agentAuthor } from '../conversations/authors.js';
import { SYSTEM_AUTHOR } from '../storage/kysely/conversation-store.js';
import { RelayError } from '../errors.js';
import { needsReview } from './review-policy.js';

/** Log entries read per page while looking for an answer written after a draft. */
const SCAN_PAGE = 200;

export class Reviews {
  constructor(
    private readonly storage: Storage,
    private readonly conversations: ConversationService,
    private readonly replies: Replies,
  ) {}

  /**
   * Appends the reply as a draft when a policy catches it and returns the draft's entry; null
   * when it may be sent at once. `guard` is the collision rule, as for a message.
   */
  async holdIfRequired(agent: Agent, conversationId: string, text: string, clientId: string, guard?: string): Promise<ConversationEvent | null> {
    const policies = await this.storage.reviews.policies(agent.workspaceId);
    if (policies.length === 0) return null;
    const conversation = await this.storage.conversations.get(agent.workspaceId, conversationId);
    if (!conversation) return null;
    const caught = await needsReview(policies, {
      conversation,
      text,
      authorInTraining: () => this.storage.reviews.isInTraining(agent.workspaceId, agent.id),
    });
    if (!caught) return null;
    const { event } = await this.conversations.append(agent.workspaceId, conversationId, agentAuthor(agent), clientId, { kind: 'draft', text }, guard);
    await this.storage.reviews.recordDraft({
      workspaceId: agent.workspaceId,
      conversationId,
      draftSeq: event.seq,
      authorId: agent.id,
      text,
      createdAt: event.at,
    });
    return event;
  }

  /** A reviewer's decision; resolves with the decision's log entry. */
  async decide(reviewer: Agent, frame: AgentReview): Promise<ConversationEvent> {
    const workspaceId = reviewer.workspaceId;
    const { conversationId, draftSeq } = frame;
    const [draft] = await this.conversations.readLog(workspaceId, conversationId, draftSeq - 1, 1);
    if (!draft || draft.seq !== draftSeq || draft.kind !== 'draft' || draft.author.id === null) {
      throw new RelayError('NOT_FOUND', 'no draft at that seq');
    }
    if (reviewer.role === 'expert') throw new RelayError('FORBIDDEN', 'experts’ answers are reviewed; they do not review');
    if (draft.author.id === reviewer.id) throw new RelayError('FORBIDDEN', 'a reply needs a second pair of eyes: its author cannot review it');
    // The row is derived from the log: recreate it if the relay stopped between the two writes.
    await this.storage.reviews.recordDraft({ workspaceId, conversationId, draftSeq, authorId: draft.author.id, text: draft.text, createdAt: draft.at });

    const at = Date.now();
    if (frame.decision === 'reject') {
      const note = frame.note ?? '';
      if (!(await this.storage.reviews.decide(workspaceId, conversationId, draftSeq, 'rejected', { reviewerId: reviewer.id, finalText: null, note, at }))) {
        throw await this.alreadyDecided(workspaceId, conversationId, draftSeq);
      }
      return this.record(reviewer, frame.id, conversationId, { decision: 'rejected', draftSeq, text: null, note });
    }

    if (await this.answeredSince(workspaceId, conversationId, draftSeq)) {
      const superseded = await this.storage.reviews.decide(workspaceId, conversationId, draftSeq, 'superseded', { reviewerId: null, finalText: null, note: null, at });
      if (superseded) {
        await this.conversations.append(workspaceId, conversationId, SYSTEM_AUTHOR, null, { kind: 'review', decision: 'superseded', draftSeq, text: null, note: null });
      }
      throw new RelayError('CONFLICT', 'the conversation was answered after this draft was written; its author decides whether to send it again');
    }

    const author = await this.storage.tenants.getAgent(workspaceId, draft.author.id);
    if (!author) throw new RelayError('NOT_FOUND', 'the draft’s author no longer exists; write the reply anew');
    const edited = frame.text !== undefined && frame.text !== draft.text ? frame.text : null;
    const finalText = edited ?? draft.text;
    // Measured and stored before the decision, so a reply too long for the network leaves the
    // draft pending (the reviewer can shorten it). Each reviewer's post is their own: the loser's
    // is abandoned, never posted.
    const prepared = await this.replies.prepare(author, conversationId, finalText, `review:${draftSeq}:${reviewer.id}`);
    const won = await this.storage.reviews.decide(workspaceId, conversationId, draftSeq, 'approved', {
      reviewerId: reviewer.id,
      finalText,
      note: frame.note ?? null,
      at,
    });
    if (!won) {
      if (prepared) await this.replies.notCommitted(prepared);
      throw await this.alreadyDecided(workspaceId, conversationId, draftSeq);
    }
    const decision = await this.record(reviewer, frame.id, conversationId, { decision: 'approved', draftSeq, text: edited, note: frame.note ?? null });
    // The reply goes out as its author's, signed with their initials, as the draft was written.
    const { event } = await this.conversations.append(workspaceId, conversationId, draft.author, `review:${draftSeq}`, { kind: 'message', text: finalText });
    if (prepared) await this.replies.committed(prepared, event);
    return decision;
  }

  private async record(
    reviewer: Agent,
    clientId: string,
    conversationId: string,
    body: { decision: 'approved' | 'rejected'; draftSeq: number; text: string | null; note: string | null },
  ): Promise<ConversationEvent> {
    const { event } = await this.conversations.append(reviewer.workspaceId, conversationId, agentAuthor(reviewer), clientId, { kind: 'review', ...body });
    return event;
  }

  /** Did an agent write to the visitor after the draft? Then the draft may answer a stale question. */
  private async answeredSince(workspaceId: string, conversationId: string, draftSeq: number): Promise<boolean> {
    let after = draftSeq;
    for (;;) {
      const events = await this.conversations.readLog(workspaceId, conversationId, after, SCAN_PAGE);
      if (events.some((e) => e.kind === 'message' && e.author.kind === 'agent')) return true;
      const last = events.at(-1);
      if (events.length < SCAN_PAGE || !last) return false;
      after = last.seq;
    }
  }

  private async alreadyDecided(workspaceId: string, conversationId: string, draftSeq: number): Promise<RelayError> {
    const current = await this.storage.reviews.getDraft(workspaceId, conversationId, draftSeq);
    return new RelayError('CONFLICT', `this draft was ${current?.status ?? 'decided'} already`);
  }
}
