/**
 * A workspace's warn templates (issue 6): its own list once an admin wrote one, the defaults in
 * shared until then, so a new workspace can warn from its first day.
 */
import { DEFAULT_WARN_TEMPLATES, type WarnTemplate } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';

export async function warnTemplatesOf(storage: Storage, workspaceId: string): Promise<WarnTemplate[]> {
  return (await storage.moderation.warnTemplates(workspaceId)) ?? [...DEFAULT_WARN_TEMPLATES];
}
