/**
 * Agent presence from open consoles: an agent is online while at least one of their consoles is
 * connected (and they have not switched to away), offline when the last one closes. The
 * database keeps the result so routing on any node sees it.
 *
 * One node counts its consoles in memory. Several nodes (issue 7) count them in the database,
 * per node (storage/console-store.ts): a console closing on node A does not take an agent
 * offline who still has one open on node B, and the consoles of a node that died are swept
 * once it stops refreshing them, so its agents do not stay online (and keep getting cases).
 */
import type { Logger } from 'pino';
import type { Storage } from '../storage/storage.js';
import type { Agent, Presence } from '../storage/records.js';
import type { AgentRef } from '../storage/console-store.js';
import { topics, type Bus } from '../bus/bus.js';

export interface ClusterPresence {
  nodeId: string;
  /** A node not heard from for this long is dead: its consoles no longer count. */
  ttlMs: number;
  log: Logger;
}

export class PresenceTracker {
  private readonly consoles = new Map<string, { agent: Agent; count: number }>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly storage: Storage,
    /** Colleagues' consoles show who is online (transfers, collision); absent in unit setups. */
    private readonly bus?: Bus,
    private readonly cluster?: ClusterPresence,
  ) {}

  /** Cluster: refreshes this node's consoles and sweeps dead nodes' ones, at a third of the TTL. */
  start(): void {
    const cluster = this.cluster;
    if (!cluster || this.timer) return;
    this.timer = setInterval(() => void this.beat(cluster).catch((error: unknown) => cluster.log.warn({ err: error }, 'presence heartbeat failed')), Math.max(200, Math.floor(cluster.ttlMs / 3)));
    this.timer.unref();
  }

  /**
   * Before storage closes: this node's consoles stop counting (sockets closing after this change
   * nothing), and agents left with none anywhere go offline.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const cluster = this.cluster;
    if (cluster) {
      this.announce(await this.storage.consoles.closeNode(cluster.nodeId, Date.now() - cluster.ttlMs), 'offline');
    } else {
      for (const { agent } of this.consoles.values()) await this.write(agent, 'offline');
    }
    this.consoles.clear();
  }

  async connected(agent: Agent): Promise<void> {
    if (this.stopped) return;
    const entry = this.consoles.get(agent.id) ?? { agent, count: 0 };
    entry.count += 1;
    this.consoles.set(agent.id, entry);
    if (this.cluster) {
      await this.storage.consoles.opened(this.cluster.nodeId, ref(agent), Date.now());
      this.announce([ref(agent)], 'online');
      return;
    }
    await this.write(agent, 'online');
  }

  async disconnected(agent: Agent): Promise<void> {
    if (this.stopped) return;
    const entry = this.consoles.get(agent.id);
    const left = (entry?.count ?? 1) - 1;
    if (entry && left > 0) entry.count = left;
    else this.consoles.delete(agent.id);
    if (this.cluster) {
      if (await this.storage.consoles.closed(this.cluster.nodeId, ref(agent), Date.now() - this.cluster.ttlMs)) this.announce([ref(agent)], 'offline');
      return;
    }
    if (left > 0) return;
    await this.write(agent, 'offline');
  }

  async set(agent: Agent, presence: Presence): Promise<void> {
    await this.write(agent, presence);
  }

  private async beat(cluster: ClusterPresence): Promise<void> {
    const now = Date.now();
    await this.storage.consoles.heartbeat(cluster.nodeId, now);
    this.announce(await this.storage.consoles.sweep(now - cluster.ttlMs), 'offline');
  }

  private async write(agent: Agent, presence: Presence): Promise<void> {
    await this.storage.routing.setPresence(agent.workspaceId, agent.id, presence);
    this.announce([ref(agent)], presence);
  }

  private announce(agents: AgentRef[], status: Presence): void {
    for (const { workspaceId, agentId } of agents) {
      this.bus?.publish(topics.workspace(workspaceId), { type: 'presence', workspaceId, agentId, status });
    }
  }
}

const ref = (agent: Agent): AgentRef => ({ workspaceId: agent.workspaceId, agentId: agent.id });
