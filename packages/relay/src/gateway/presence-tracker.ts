/**
 * Agent presence from open consoles: an agent is online while at least one of their consoles is
 * connected (and they have not switched to away), offline when the last one closes. The
 * database keeps the result so routing on any node sees it.
 */
import type { Storage } from '../storage/storage.js';
import type { Agent, Presence } from '../storage/records.js';
import { topics, type Bus } from '../bus/bus.js';

export class PresenceTracker {
  private readonly consoles = new Map<string, number>();

  constructor(
    private readonly storage: Storage,
    /** Colleagues' consoles show who is online (transfers, collision); absent in unit setups. */
    private readonly bus?: Bus,
  ) {}

  async connected(agent: Agent): Promise<void> {
    this.consoles.set(agent.id, (this.consoles.get(agent.id) ?? 0) + 1);
    await this.write(agent, 'online');
  }

  async disconnected(agent: Agent): Promise<void> {
    const left = (this.consoles.get(agent.id) ?? 1) - 1;
    if (left > 0) {
      this.consoles.set(agent.id, left);
      return;
    }
    this.consoles.delete(agent.id);
    await this.write(agent, 'offline');
  }

  async set(agent: Agent, presence: Presence): Promise<void> {
    await this.write(agent, presence);
  }

  private async write(agent: Agent, presence: Presence): Promise<void> {
    await this.storage.routing.setPresence(agent.workspaceId, agent.id, presence);
    this.bus?.publish(topics.workspace(agent.workspaceId), {
      type: 'presence',
      workspaceId: agent.workspaceId,
      agentId: agent.id,
      status: presence,
    });
  }
}
