/**
 * Four-eyes review of replies (issue 6). A reply a policy catches is appended as a `draft`
 * entry instead of a message: the team sees it, the visitor and the network do not. A colleague
 * (never its author) approves it, edits and approves it, rejects it with a note, or escalates it
 * to the lead tier, where only a lead or admin decides (a rule or crisis mode can put it there
 * from the start).
 *
 * Every change of a draft's status is one conditional update on its row, so it happens once
 * however many reviewers or relay nodes act at the same moment: every reviewer who clicks
 * prepares their own outbound post, the update (pending → approved) picks the winner, and only
 * the winner appends the author's message and hands the post to the outbound path
 * (connectors/outbound/replies.ts); the others abandon theirs. The same holds for expiry (a
 * sweep on every node), for superseding (an agent answered after the draft was written) and for
 * the author's answer to a supersede (resend or drop, see draft-resend.ts).
 */
import type { AgentReview, ConversationEvent, ReviewDecision, ReviewTier } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Agent, Conversation } from '../storage/records.js';
import type { Draft } from '../storage/review-store.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Replies } from '../connectors/outbound/replies.js';
import { agentAuthor } from '../conversations/authors.js';
import { SYSTEM_AUTHOR } from '../storage/kysely/conversation-store.js';
import { RelayError } from '../errors.js';
import { isPublic, needsReview } from './review-policy.js';

/** Log entries read per page while looking for an answer written after a draft. */
const SCAN_PAGE = 200;

export const isLead = (agent: Pick<Agent, 'role'>) => agent.role === 'lead' || agent.role === 'admin';

type DecisionBody = { decision: ReviewDecision; draftSeq: number; text: string | null; note: string | null };

export class Reviews {
  constructor(
    private readonly storage: Storage,
    private readonly conversations: ConversationService,
    private readonly replies: Replies,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * An agent's reply: held as a draft when a policy (or crisis mode) catches it, else stored and
   * posted. `onStored` runs once the entry is committed and before the network is called, so the
   * sender's ack never waits for a platform. `guard` is the collision rule, as for a message.
   */
  async send(
    agent: Agent,
    conversationId: string,
    text: string,
    clientId: string,
    guard: string | undefined,
    onStored: (event: ConversationEvent) => void,
  ): Promise<void> {
    const { tier, conversation, expiryMs } = await this.check(agent, conversationId, text);
    if (tier) {
      onStored(await this.hold(agent, conversationId, text, clientId, guard, tier, expiryMs));
      return;
    }
    // In a social conversation the reply is measured and stored for posting first (issue 5).
    const reply = await this.replies.prepare(agent, conversationId, text, clientId);
    let appended;
    try {
      appended = await this.conversations.append(agent.workspaceId, conversationId, agentAuthor(agent), clientId, { kind: 'message', text }, guard);
    } catch (error) {
      if (reply) await this.replies.notCommitted(reply);
      throw error;
    }
    onStored(appended.event);
    if (reply) await this.replies.committed(reply, appended.event);
    // Drafts written before this answer may answer a question that is no longer open.
    if ((conversation?.pendingDrafts ?? 0) > 0) await this.supersedeBefore(agent.workspaceId, conversationId, appended.event.seq);
  }

  /**
   * Which tier the reply waits for (null: none). Policies and settings are two key lookups; the
   * conversation is read only when there is something to check it against, which keeps the send
   * path of a workspace without review as it was.
   */
  private async check(agent: Agent, conversationId: string, text: string) {
    const [policies, settings] = await Promise.all([
      this.storage.reviews.policies(agent.workspaceId),
      this.storage.reviewSettings.get(agent.workspaceId),
    ]);
    const expiryMs = settings.draftExpiryMs;
    if (policies.length === 0 && !settings.crisis.on) return { tier: null, conversation: null, expiryMs };
    const conversation = await this.storage.conversations.get(agent.workspaceId, conversationId);
    if (!conversation) return { tier: null, conversation: null, expiryMs };
    const tier = await needsReview(policies, {
      conversation,
      text,
      crisis: settings.crisis.on,
      authorInTraining: () => this.storage.reviews.isInTraining(agent.workspaceId, agent.id),
    });
    return { tier, conversation, expiryMs };
  }

  private async hold(
    agent: Agent,
    conversationId: string,
    text: string,
    clientId: string,
    guard: string | undefined,
    tier: ReviewTier,
    expiryMs: number,
  ): Promise<ConversationEvent> {
    const body = { kind: 'draft' as const, text, ...(tier === 'lead' ? { tier } : {}) };
    const { event } = await this.conversations.append(agent.workspaceId, conversationId, agentAuthor(agent), clientId, body, guard);
    // A retried send finds its first entry, which may have been sent without review.
    if (event.kind !== 'draft') return event;
    await this.storage.reviews.recordDraft({
      workspaceId: agent.workspaceId,
      conversationId,
      draftSeq: event.seq,
      authorId: agent.id,
      text,
      createdAt: event.at,
      tier,
      expiresAt: event.at + expiryMs,
    });
    await this.conversations.announceConversation(agent.workspaceId, conversationId);
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
    const [row, settings, conversation] = await Promise.all([
      this.draftRow(workspaceId, conversationId, draft.seq, draft.author.id, draft.text, draft.at, draft.tier ?? 'colleague'),
      this.storage.reviewSettings.get(workspaceId),
      this.storage.conversations.get(workspaceId, conversationId),
    ]);
    const at = this.now();
    if (row.status === 'pending' && row.expiresAt !== null && row.expiresAt <= at) {
      await this.expire(row);
      throw new RelayError('CONFLICT', 'this draft expired before anyone decided on it; its author can write the reply anew');
    }
    if (row.status !== 'pending') throw await this.alreadyDecided(workspaceId, conversationId, draftSeq);
    const tier = this.tierOf(row, settings.crisis.on, conversation);

    if (frame.decision === 'escalate') {
      if (tier === 'lead') throw new RelayError('CONFLICT', 'this draft already waits for a lead');
      if (!(await this.storage.reviews.escalate(workspaceId, conversationId, draftSeq))) throw await this.alreadyDecided(workspaceId, conversationId, draftSeq);
      const event = await this.record(reviewer, frame.id, conversationId, { decision: 'escalated', draftSeq, text: null, note: frame.note ?? null });
      await this.conversations.announceConversation(workspaceId, conversationId);
      return event;
    }
    if (tier === 'lead' && !isLead(reviewer)) {
      throw new RelayError('FORBIDDEN', 'this draft waits for a lead: only a lead or an admin may decide on it; escalated drafts and crisis mode need a lead');
    }

    if (frame.decision === 'reject') {
      const note = frame.note ?? '';
      if (!(await this.storage.reviews.decide(workspaceId, conversationId, draftSeq, 'rejected', { reviewerId: reviewer.id, finalText: null, note, at }))) {
        throw await this.alreadyDecided(workspaceId, conversationId, draftSeq);
      }
      const event = await this.record(reviewer, frame.id, conversationId, { decision: 'rejected', draftSeq, text: null, note });
      await this.conversations.announceConversation(workspaceId, conversationId);
      return event;
    }

    if (await this.answeredSince(workspaceId, conversationId, draftSeq)) {
      await this.supersede(row);
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
    // Other drafts written before this answer are superseded by it (this also announces the row).
    if (!(await this.supersedeBefore(workspaceId, conversationId, event.seq))) await this.conversations.announceConversation(workspaceId, conversationId);
    return decision;
  }

  /** Lead tier when its row says so, or when crisis mode is on and the reply is public. */
  tierOf(row: Pick<Draft, 'tier'>, crisis: boolean, conversation: Pick<Conversation, 'channel'> | null): ReviewTier {
    return row.tier === 'lead' || (crisis && conversation !== null && isPublic(conversation)) ? 'lead' : 'colleague';
  }

  /** Expires pending drafts past their time, of every workspace (the sweep of draft-expiry.ts). */
  async expireDue(limit: number): Promise<number> {
    const due = await this.storage.reviews.dueForExpiry(this.now(), limit);
    let expired = 0;
    for (const draft of due) if (await this.expire(draft)) expired += 1;
    return expired;
  }

  /** Supersedes the pending drafts written before `answerSeq`; true when any was. */
  async supersedeBefore(workspaceId: string, conversationId: string, answerSeq: number): Promise<boolean> {
    const drafts = await this.storage.reviews.pendingBefore(workspaceId, conversationId, answerSeq);
    let any = false;
    for (const draft of drafts) if (await this.supersede(draft, false)) any = true;
    if (any) await this.conversations.announceConversation(workspaceId, conversationId);
    return any;
  }

  /** Appends a decision to the log as `author`'s (the reviewer's, or the draft author's own answer). */
  async record(author: Agent, clientId: string | null, conversationId: string, body: DecisionBody): Promise<ConversationEvent> {
    const { event } = await this.conversations.append(author.workspaceId, conversationId, agentAuthor(author), clientId, { kind: 'review', ...body });
    return event;
  }

  /** The draft's row; recreated from the log if the relay stopped between the two writes. */
  private async draftRow(workspaceId: string, conversationId: string, draftSeq: number, authorId: string, text: string, createdAt: number, tier: ReviewTier) {
    const found = await this.storage.reviews.getDraft(workspaceId, conversationId, draftSeq);
    if (found) return found;
    const { draftExpiryMs } = await this.storage.reviewSettings.get(workspaceId);
    await this.storage.reviews.recordDraft({ workspaceId, conversationId, draftSeq, authorId, text, createdAt, tier, expiresAt: createdAt + draftExpiryMs });
    const recorded = await this.storage.reviews.getDraft(workspaceId, conversationId, draftSeq);
    if (!recorded) throw new RelayError('NOT_FOUND', 'no draft at that seq');
    return recorded;
  }

  /** One node wins the update; only it writes the `expired` entry. */
  private async expire(draft: Draft): Promise<boolean> {
    const won = await this.storage.reviews.decide(draft.workspaceId, draft.conversationId, draft.draftSeq, 'expired', {
      reviewerId: null,
      finalText: null,
      note: null,
      at: this.now(),
    });
    if (!won) return false;
    await this.systemEntry(draft, 'expired');
    await this.conversations.announceConversation(draft.workspaceId, draft.conversationId);
    return true;
  }

  private async supersede(draft: Draft, announce = true): Promise<boolean> {
    const won = await this.storage.reviews.decide(draft.workspaceId, draft.conversationId, draft.draftSeq, 'superseded', {
      reviewerId: null,
      finalText: null,
      note: null,
      at: this.now(),
    });
    if (!won) return false;
    // The author's console asks them, from this entry, whether to resend or drop the draft.
    await this.systemEntry(draft, 'superseded');
    if (announce) await this.conversations.announceConversation(draft.workspaceId, draft.conversationId);
    return true;
  }

  private async systemEntry(draft: Draft, decision: 'expired' | 'superseded'): Promise<void> {
    await this.conversations.append(draft.workspaceId, draft.conversationId, SYSTEM_AUTHOR, null, {
      kind: 'review',
      decision,
      draftSeq: draft.draftSeq,
      text: null,
      note: null,
    });
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

  async alreadyDecided(workspaceId: string, conversationId: string, draftSeq: number): Promise<RelayError> {
    const current = await this.storage.reviews.getDraft(workspaceId, conversationId, draftSeq);
    return new RelayError('CONFLICT', `this draft was ${current?.status ?? 'decided'} already`);
  }
}
