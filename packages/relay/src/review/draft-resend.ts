/**
 * The author's answer after a colleague's reply superseded their draft (issue 6): nothing is
 * sent behind their back, so they decide to resend it (reviewed again if a policy still catches
 * it, else sent at once) or to drop it. One conditional update (superseded → resent/dropped)
 * makes a double click, or two consoles of the same author, act once.
 */
import type { AgentDraftResend, ConversationEvent } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Agent } from '../storage/records.js';
import { RelayError } from '../errors.js';
import type { Reviews } from './reviews.js';

export async function answerSupersede(
  storage: Storage,
  reviews: Reviews,
  agent: Agent,
  frame: AgentDraftResend,
  guard: string | undefined,
  onStored: (event: ConversationEvent) => void,
): Promise<void> {
  const { conversationId, draftSeq } = frame;
  const draft = await storage.reviews.getDraft(agent.workspaceId, conversationId, draftSeq);
  if (!draft) throw new RelayError('NOT_FOUND', 'no draft at that seq');
  if (draft.authorId !== agent.id) throw new RelayError('FORBIDDEN', 'only the draft’s author decides whether to send it after all');
  const to = frame.action === 'resend' ? 'resent' : 'dropped';
  if (!(await storage.reviews.transition(agent.workspaceId, conversationId, draftSeq, 'superseded', to, Date.now()))) {
    throw new RelayError('CONFLICT', `this draft is ${draft.status === 'superseded' ? 'answered' : draft.status} already; only a superseded draft can be resent or dropped`);
  }
  if (frame.action === 'drop') {
    onStored(await reviews.record(agent, frame.id, conversationId, { decision: 'dropped', draftSeq, text: null, note: null }));
    return;
  }
  try {
    await reviews.send(agent, conversationId, draft.text, frame.id, guard, onStored);
  } catch (error) {
    // Nothing went out (e.g. the case is now someone else's): the author can still choose.
    await storage.reviews.transition(agent.workspaceId, conversationId, draftSeq, 'resent', 'superseded', Date.now());
    throw error;
  }
  await reviews.record(agent, null, conversationId, { decision: 'resent', draftSeq, text: null, note: null });
}
