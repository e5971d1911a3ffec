/**
 * Which face the panel shows (issue 3): the site's pre-chat form for a visitor who has not
 * started a conversation yet, or the chat; and whether a rating request waits for an answer.
 * Pure, so the rules are tested without DOM.
 */
import type { ChatState } from './chat-state.js';

export type PanelMode = 'offline' | 'prechat' | 'chat';

/** Nobody can answer live and the visitor has nothing going yet: leave a message instead. */
export function needsOfflineForm(state: ChatState): boolean {
  if (state.availability?.online !== false) return false;
  return state.conversationId === null && state.pending.length === 0 && state.actions.every((a) => a.state === 'failed');
}

/** The pre-chat form shows until the visitor has a conversation or answered it. */
export function needsPrechat(state: ChatState): boolean {
  const form = state.prechat;
  if (!form || (form.fields.length === 0 && !form.privacyText)) return false;
  if (state.conversationId !== null || state.pending.length > 0) return false;
  return !state.actions.some((a) => a.frame.type === 'profile' && a.state === 'sending');
}

export function panelMode(state: ChatState): PanelMode {
  if (needsOfflineForm(state)) return 'offline';
  return needsPrechat(state) ? 'prechat' : 'chat';
}

/**
 * The `csat_requested` entry the visitor can still answer: the newest one, unless it was rated
 * (or a rating is on its way) or the conversation went on after it.
 */
export function openRatingRequest(state: ChatState): number | null {
  let request: number | null = null;
  for (const event of state.events) {
    if (event.kind === 'status' && event.change === 'csat_requested') request = event.seq;
    else if (event.kind === 'csat' && event.requestSeq === request) request = null;
    else if (event.kind === 'status' && event.change === 'reopened') request = null;
  }
  if (request === null) return null;
  return state.actions.some((a) => a.frame.type === 'csat' && a.frame.seq === request && a.state === 'sending') ? null : request;
}
