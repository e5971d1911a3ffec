/**
 * Decides which frames the state calls for: syncs for logs with holes, resends of unconfirmed
 * replies after a reconnect, and the read receipt for the conversation on screen. Pure, so "what
 * should go on the wire now" is tested without a socket; the controller sends what it returns
 * and reports each back as a `sent` action, which keeps this from asking twice.
 */
import { PROTOCOL_VERSION, type AgentClientFrame } from '@eyelevel/shared';
import type { ConsoleState } from './console-state.js';
import { needsSync } from './conversation-log.js';

export function planFrames(state: ConsoleState): AgentClientFrame[] {
  if (state.connection.status !== 'online') return [];
  const frames: AgentClientFrame[] = [];
  for (const [conversationId, log] of state.logs) {
    if (needsSync(log)) frames.push({ type: 'sync', conversationId, afterSeq: log.contiguousSeq });
  }
  for (const entry of state.outbox.values()) {
    if (entry.state !== 'pending' || entry.sentEpoch === state.connection.epoch) continue;
    frames.push(entry.frame);
  }
  const read = planRead(state);
  if (read) frames.push(read);
  return frames;
}

/** Read up to what is on screen, only while the agent can actually see it. */
function planRead(state: ConsoleState): AgentClientFrame | null {
  if (!state.visible || state.openId === null) return null;
  const row = state.queue.rows.get(state.openId);
  const log = state.logs.get(state.openId);
  if (!row || !log || log.contiguousSeq <= row.summary.agentReadSeq) return null;
  return { type: 'read', conversationId: state.openId, seq: log.contiguousSeq };
}

export function helloFrame(token: string): AgentClientFrame {
  return { type: 'hello', v: PROTOCOL_VERSION, token };
}
