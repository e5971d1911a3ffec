/**
 * A workspace's review settings on the wire (issue 6): the `review_settings` frame every console
 * gets after `welcome` and again whenever a lead (or an alert rule) changes them, on any node,
 * through the bus. Storage is the record; the bus message carries the new state so no node has
 * to read it per console.
 */
import type { ReviewSettingsFrame } from '@eyelevel/shared';
import type { Bus } from '../bus/bus.js';
import { topics } from '../bus/bus.js';
import type { Storage } from '../storage/storage.js';
import type { ReviewSettings } from '../storage/review-settings-store.js';

export interface ReviewSettingsDeps {
  storage: Storage;
  bus: Bus;
}

export function toReviewSettingsFrame(settings: ReviewSettings): ReviewSettingsFrame {
  return {
    type: 'review_settings',
    crisis: settings.crisis,
    holdingStatement: settings.holdingStatement,
    draftExpiryMinutes: Math.max(1, Math.round(settings.draftExpiryMs / 60_000)),
  };
}

/** Tells every console of the workspace, on every node, the settings as stored now. */
export async function publishReviewSettings(deps: ReviewSettingsDeps, workspaceId: string): Promise<ReviewSettingsFrame> {
  const frame = toReviewSettingsFrame(await deps.storage.reviewSettings.get(workspaceId));
  deps.bus.publish(topics.workspace(workspaceId), { type: 'review-settings', workspaceId, settings: frame });
  return frame;
}

/** A lead edits the holding statement or the draft lifetime (minutes on the wire). */
export async function updateReviewSettings(
  deps: ReviewSettingsDeps,
  workspaceId: string,
  changes: { holdingStatement?: string; draftExpiryMinutes?: number },
): Promise<ReviewSettingsFrame> {
  await deps.storage.reviewSettings.update(
    workspaceId,
    {
      ...(changes.holdingStatement !== undefined ? { holdingStatement: changes.holdingStatement } : {}),
      ...(changes.draftExpiryMinutes !== undefined ? { draftExpiryMs: changes.draftExpiryMinutes * 60_000 } : {}),
    },
    Date.now(),
  );
  return publishReviewSettings(deps, workspaceId);
}
