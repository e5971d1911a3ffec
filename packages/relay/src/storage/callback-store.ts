/**
 * Callback tasks (issue 3): a visitor leaves a phone number, an agent takes the task, calls,
 * and records how it went. Each step is an entry in the conversation's log and a change of the
 * task row, written in one transaction, so the log and the task list never disagree, and each
 * step carries its author's client id, so a retry is stored once.
 */
import type { Author, CallbackOutcome } from '@eyelevel/shared';
import type { AppendResult } from './records.js';

export interface CallbackRequest {
  workspaceId: string;
  conversationId: string;
  /** The visitor, as the log shows them. */
  author: Author;
  clientId: string;
  phone: string;
  preferredTime: string | null;
  note: string | null;
  at: number;
}

export interface CallbackStep {
  workspaceId: string;
  conversationId: string;
  /** The seq of the visitor's `callback` entry: the task's identity. */
  requestSeq: number;
  /** The agent, as the log shows them. */
  agent: Author & { id: string };
  clientId: string;
  at: number;
}

export type CallbackStepResult =
  | AppendResult
  | { ok: false; reason: 'no-such-task' | 'taken-by-someone-else' | 'already-done' };

export interface CallbackStore {
  /** Appends the visitor's `callback` entry and opens its task. */
  request(input: CallbackRequest): Promise<AppendResult>;
  /** An agent takes an open task (`callback_taken` in the log). */
  take(input: CallbackStep): Promise<CallbackStepResult>;
  /**
   * The agent called: closes the task with its outcome (`callback_done` in the log). Open tasks
   * may be finished directly; a task someone else took only when `overrule` (leads).
   */
  finish(input: CallbackStep & { outcome: CallbackOutcome; note: string | null; overrule: boolean }): Promise<CallbackStepResult>;
}
