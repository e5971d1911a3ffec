/**
 * Whether a visitor can chat live right now (issue 3): the site is within its business hours
 * AND an agent (of the conversation's team, when the page named one) is online. Visitor sockets
 * watch the answer for their (site, team); it is recomputed once per key — not per socket —
 * when an agent's presence changes anywhere (bus `presence`) and every half minute while hours
 * can run out, and only changes are pushed.
 */
import type { Logger } from 'pino';
import type { Bus, BusMessage } from '../bus/bus.js';
import { topics } from '../bus/bus.js';
import type { Storage } from '../storage/storage.js';
import type { Site } from '../storage/records.js';
import { openState } from './business-hours.js';

export interface AvailabilityState {
  online: boolean;
  /** When business hours start again (epoch ms), when closed by the hours. */
  nextOpenAt?: number;
}

type Listener = (state: AvailabilityState) => void;

interface Watched {
  site: Site;
  teamId: string | null;
  listeners: Set<Listener>;
  current: AvailabilityState | null;
  /** Bumped per recomputation, so a slow older answer never overwrites a newer one. */
  version: number;
}

export class Availability {
  private readonly watched = new Map<string, Watched>();
  private readonly workspaces = new Map<string, { keys: Set<string>; unsubscribe: () => void }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly tickMs = 30_000,
  ) {}

  async compute(site: Site, teamId: string | null, now = Date.now()): Promise<AvailabilityState> {
    const hours = site.settings.businessHours;
    if (hours) {
      const state = openState(hours, now);
      if (!state.open) return state.nextOpenAt === null ? { online: false } : { online: false, nextOpenAt: state.nextOpenAt };
    }
    return { online: await this.storage.teams.anyOnline(site.workspaceId, teamId) };
  }

  /** Calls `listener` whenever the availability for (site, team) changes; returns the unwatch. */
  watch(site: Site, teamId: string | null, current: AvailabilityState, listener: Listener): () => void {
    const key = `${site.id}:${teamId ?? ''}`;
    let entry = this.watched.get(key);
    if (!entry) {
      entry = { site, teamId, listeners: new Set(), current, version: 0 };
      this.watched.set(key, entry);
      this.followWorkspace(site.workspaceId, key);
    }
    entry.listeners.add(listener);
    this.timer ??= setInterval(() => this.refreshAll(true), this.tickMs);
    this.timer.unref();
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size > 0) return;
      this.watched.delete(key);
      const workspace = this.workspaces.get(site.workspaceId);
      workspace?.keys.delete(key);
      if (workspace && workspace.keys.size === 0) {
        workspace.unsubscribe();
        this.workspaces.delete(site.workspaceId);
      }
      if (this.watched.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const workspace of this.workspaces.values()) workspace.unsubscribe();
    this.workspaces.clear();
    this.watched.clear();
  }

  private followWorkspace(workspaceId: string, key: string): void {
    let workspace = this.workspaces.get(workspaceId);
    if (!workspace) {
      const unsubscribe = this.bus.subscribe(topics.workspace(workspaceId), (message: BusMessage) => {
        if (message.type === 'presence') this.refreshWorkspace(workspaceId);
      });
      workspace = { keys: new Set(), unsubscribe };
      this.workspaces.set(workspaceId, workspace);
    }
    workspace.keys.add(key);
  }

  private refreshWorkspace(workspaceId: string): void {
    for (const key of this.workspaces.get(workspaceId)?.keys ?? []) void this.refresh(key);
  }

  /** The timer's pass: only sites with hours can change without a presence change. */
  private refreshAll(hoursOnly: boolean): void {
    for (const [key, entry] of this.watched) {
      if (!hoursOnly || entry.site.settings.businessHours) void this.refresh(key);
    }
  }

  private async refresh(key: string): Promise<void> {
    const entry = this.watched.get(key);
    if (!entry) return;
    const version = ++entry.version;
    try {
      const state = await this.compute(entry.site, entry.teamId);
      if (version !== entry.version || this.watched.get(key) !== entry) return;
      const before = entry.current;
      entry.current = state;
      if (before && before.online === state.online && before.nextOpenAt === state.nextOpenAt) return;
      for (const listener of [...entry.listeners]) listener(state);
    } catch (error) {
      this.log.warn({ err: error }, 'availability check failed; the next change retries');
    }
  }
}
