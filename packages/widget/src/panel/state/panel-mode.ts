/**
 * Which face the panel shows (issue 3): the site's pre-chat form for a visitor who has not
 * started a conversation yet, or the chat. Pure, so the rules are tested without DOM.
 */
import type { ChatState } from './chat-state.js';

export type PanelMode = 'prechat' | 'chat';

/** The pre-chat form shows until the visitor has a conversation or answered it. */
export function needsPrechat(state: ChatState): boolean {
  const form = state.prechat;
  if (!form || (form.fields.length === 0 && !form.privacyText)) return false;
  if (state.conversationId !== null || state.pending.length > 0) return false;
  return !state.actions.some((a) => a.frame.type === 'profile' && a.state === 'sending');
}

export function panelMode(state: ChatState): PanelMode {
  return needsPrechat(state) ? 'prechat' : 'chat';
}
