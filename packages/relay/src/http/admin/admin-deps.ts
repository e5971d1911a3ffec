/**
 * What the admin routes need besides storage: the bus, to tell every console of the workspace
 * that its directory changed, and the router, to hand a deactivated agent's cases to others.
 */
import type { Storage } from '../../storage/storage.js';
import type { Bus } from '../../bus/bus.js';
import { topics } from '../../bus/bus.js';
import type { ChannelAdmin } from '../../connectors/channel-admin.js';
import type { OutboundWebhookAdmin } from '../../webhooks/outbound-webhook-admin.js';

export interface AdminDeps {
  storage: Storage;
  bus: Bus;
  /** Sends a deactivated agent's unresolved cases back to the queue; returns how many. */
  handOver: (workspaceId: string, agentId: string, reason: string) => Promise<number>;
  /** Social channels (issue 5); left out, `/api/admin/channels` is not served. */
  channels?: ChannelAdmin;
  /** Outbound webhooks (issue 6); left out, `/api/admin/webhooks` is not served. */
  webhooks?: OutboundWebhookAdmin;
  /** The clock rules and policies are stamped with (the relay's alert clock). */
  now?: () => number;
}

/** Consoles fetch the directory again (colleagues, teams, canned replies, targets). */
export function announceDirectory(deps: AdminDeps, workspaceId: string): void {
  deps.bus.publish(topics.workspace(workspaceId), { type: 'directory', workspaceId });
}
