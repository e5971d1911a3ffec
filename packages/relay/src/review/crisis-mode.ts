/**
 * Crisis mode (issue 6): during a shitstorm every public reply of the workspace waits for a
 * lead's approval (review-policy.ts), every console shows a banner and offers the holding
 * statement. A lead switches it from the console (the `crisis` frame); an alert rule switches it
 * from the relay with the system as actor:
 *
 *   await setCrisisMode({ storage, bus }, workspaceId, true, SYSTEM_AUTHOR);
 *
 * The switch is stored first (what the send path reads, on every node, so the forced review
 * holds from the moment this resolves) and then broadcast to every console of the workspace.
 */
import type { Author, ReviewSettingsFrame } from '@eyelevel/shared';
import { publishReviewSettings, type ReviewSettingsDeps } from './review-settings.js';

export interface CrisisModeChange {
  /** False when the workspace already was in that mode (nothing was rewritten). */
  changed: boolean;
  settings: ReviewSettingsFrame;
}

export async function setCrisisMode(deps: ReviewSettingsDeps, workspaceId: string, on: boolean, actor: Author): Promise<CrisisModeChange> {
  const changed = await deps.storage.reviewSettings.setCrisis(workspaceId, on, actor, Date.now());
  // Published even when unchanged, so a console that missed the last broadcast catches up.
  const settings = await publishReviewSettings(deps, workspaceId);
  return { changed, settings };
}
