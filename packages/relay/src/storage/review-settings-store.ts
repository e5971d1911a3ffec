/**
 * A workspace's review settings (issue 6): crisis mode (every public reply waits for a lead),
 * the holding statement leads prepare for it, and how long a draft waits before it expires.
 * A workspace that never changed them has the defaults.
 */
import type { Author } from '@eyelevel/shared';

export interface ReviewSettings {
  crisis: { on: boolean; since: number | null; by: Author | null };
  holdingStatement: string;
  draftExpiryMs: number;
}

/** A day: a draft older than that answers yesterday's question. */
export const DEFAULT_DRAFT_EXPIRY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_HOLDING_STATEMENT =
  'We know about the problem and are working on it with priority. We will post an update here as soon as we know more.';

export interface ReviewSettingsStore {
  get(workspaceId: string): Promise<ReviewSettings>;
  /**
   * Switches crisis mode; false when it already was `on` (then `since` and `by` stay those of
   * whoever switched it first, so a repeated alert does not rewrite history).
   */
  setCrisis(workspaceId: string, on: boolean, by: Author, at: number): Promise<boolean>;
  update(workspaceId: string, changes: { holdingStatement?: string; draftExpiryMs?: number }, at: number): Promise<void>;
}
