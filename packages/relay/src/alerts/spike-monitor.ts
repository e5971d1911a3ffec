/**
 * Spike alerts (issue 6, item 5). Every relay node counts the mentions and messages it takes in
 * (a visitor's web chat message, a social post that reached the queue) in memory, per series and
 * minute, and adds them to the database on each tick, so the counts are the cluster's. Each tick
 * then evaluates the rules of the workspaces this node saw activity for against those shared
 * counts (baseline.ts); a level reached is raised through the store's conditional upsert, so of
 * several nodes seeing the same spike one raises the alert. The winner tells every console (bus)
 * and hands the alert to the outbound webhooks (rows written with the alert, posted by
 * WebhookDeliverer). Time comes from an injected clock: tests move it instead of waiting.
 */
import type { Logger } from 'pino';
import type { SpikeAlert, SpikeRule, SpikeSeverity } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Bus } from '../bus/bus.js';
import { topics } from '../bus/bus.js';
import type { ChannelRecord } from '../storage/channel-store.js';
import type { CountIncrement, SeriesBucket } from '../storage/alert-store.js';
import { newId } from '../ids.js';
import { SEVERITY_RANK, bucketStart, severityFor, spanStart, windowTotals, type WindowShape } from './baseline.js';
import { channelSeries, keywordsIn, parseSeries, siteSeries, watches } from './series.js';

export const MINUTE_MS = 60_000;
/** Counts older than this are pruned (rules cannot look further back; see spikeRuleInputSchema). */
const RETENTION_MS = 8 * 24 * 60 * MINUTE_MS;
/** Alerts and finished webhook deliveries are kept this long. */
const HISTORY_MS = 30 * 24 * 60 * MINUTE_MS;
/** The alerts a console gets on connect. */
const RECENT_ALERTS_MS = 24 * 60 * MINUTE_MS;
const RECENT_ALERTS_LIMIT = 50;
/** How long a workspace's tracked keywords are reused before they are read again. */
const KEYWORDS_TTL_MS = 30_000;

/**
 * Crisis mode (issue 6, item 6) as spike alerts need it: a critical alert of a rule that asks
 * for it switches the workspace's crisis mode on. Wired in relay.ts (review/crisis-mode.ts).
 */
export type CrisisSwitch = (workspaceId: string, reason: string) => Promise<void>;

export interface SpikeMonitorDeps {
  storage: Storage;
  bus: Bus;
  log: Logger;
  now: () => number;
  /** Called after an alert was raised (the outbound webhooks deliver at once). */
  onRaised?: (alert: SpikeAlert) => void;
  crisis?: CrisisSwitch;
  /** How often (real time) counts are written and rules evaluated; 0: only on `tick()`. */
  tickMs?: number;
}

export class SpikeMonitor {
  private pending = new Map<string, CountIncrement>();
  /** Workspaces this node counted something for, and when it last did. */
  private readonly active = new Map<string, number>();
  private readonly keywords = new Map<string, { terms: string[]; readAt: number }>();
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private prunedAt = 0;
  /**
   * (rule, series, severity) this node need not try to raise before the given time: its own
   * alert's cooldown, or a minute after losing to another node. Only saves work: the store's
   * conditional upsert is what decides, so a wrong guess here can delay a repeat, never double it.
   */
  private readonly quietUntil = new Map<string, number>();

  constructor(private readonly deps: SpikeMonitorDeps) {}

  start(): void {
    const every = this.deps.tickMs ?? 10_000;
    if (every <= 0) return;
    this.timer = setInterval(() => void this.tick().catch((error: unknown) => this.deps.log.warn({ err: error }, 'spike evaluation failed')), every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // What was counted but not written yet is written now (the other nodes judge it).
    await this.flush().catch((error: unknown) => this.deps.log.warn({ err: error }, 'writing spike counts at shutdown failed'));
  }

  /** Adds what this node counted to the shared counts, without evaluating (shutdown, tests). */
  flush(): Promise<void> {
    const run = this.chain.then(() => this.writeCounts());
    this.chain = run.catch(() => {});
    return run;
  }

  /** A visitor's message in a site's web chat. Synchronous and in memory: the send path waits for nothing. */
  recordWebMessage(workspaceId: string, siteId: string | null): void {
    if (siteId !== null) this.count(workspaceId, [siteSeries(siteId)]);
  }

  /** A social post that reached the queue: its channel, and the tracked keywords it is about. */
  async recordMention(channel: ChannelRecord, post: { text: string; listening?: string | undefined }): Promise<void> {
    const tracked = await this.trackedKeywords(channel.workspaceId);
    this.count(channel.workspaceId, [channelSeries(channel.id), ...keywordsIn(post.text, tracked, post.listening ?? null)]);
  }

  /** Writes the counts and evaluates the rules; resolves with the alerts this node raised. */
  tick(): Promise<SpikeAlert[]> {
    const run = this.chain.then(() => this.runTick());
    this.chain = run.catch(() => {});
    return run;
  }

  /** The alerts of the last day, newest first (what a console shows on connect). */
  recent(workspaceId: string): Promise<SpikeAlert[]> {
    return this.deps.storage.alerts.recentAlerts(workspaceId, this.deps.now() - RECENT_ALERTS_MS, RECENT_ALERTS_LIMIT);
  }

  private count(workspaceId: string, series: string[]): void {
    const now = this.deps.now();
    const start = bucketStart(now, MINUTE_MS);
    for (const name of series) {
      const key = `${workspaceId}\u0000${name}\u0000${start}`;
      const entry = this.pending.get(key);
      if (entry) entry.count += 1;
      else this.pending.set(key, { workspaceId, series: name, bucketStart: start, count: 1 });
    }
    this.active.set(workspaceId, now);
  }

  private async writeCounts(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      if (batch.length > 0) await this.deps.storage.alerts.addCounts(batch);
    } catch (error) {
      // Kept for the next tick rather than lost.
      for (const entry of batch) this.countBack(entry);
      throw error;
    }
  }

  private async runTick(): Promise<SpikeAlert[]> {
    const now = this.deps.now();
    await this.writeCounts();
    if (now - this.prunedAt > 60 * MINUTE_MS) {
      this.prunedAt = now;
      for (const [key, until] of this.quietUntil) if (until <= now) this.quietUntil.delete(key);
      await this.deps.storage.alerts.pruneCounts(now - RETENTION_MS);
      await this.deps.storage.alerts.pruneAlerts(now - HISTORY_MS);
      await this.deps.storage.webhooks.pruneDeliveries(now - HISTORY_MS);
    }
    const raised: SpikeAlert[] = [];
    for (const [workspaceId, lastSeen] of [...this.active]) {
      const rules = (await this.deps.storage.alerts.listRules(workspaceId)).filter((rule) => rule.enabled);
      const reach = Math.max(0, ...rules.map((rule) => rule.windowMinutes * MINUTE_MS));
      // A workspace quiet for longer than its longest window cannot be spiking.
      if (lastSeen < now - Math.max(reach, MINUTE_MS)) {
        this.active.delete(workspaceId);
        continue;
      }
      if (rules.length > 0) raised.push(...(await this.evaluate(workspaceId, rules, now)));
    }
    return raised;
  }

  private countBack(entry: CountIncrement): void {
    const key = `${entry.workspaceId}\u0000${entry.series}\u0000${entry.bucketStart}`;
    const current = this.pending.get(key);
    if (current) current.count += entry.count;
    else this.pending.set(key, entry);
  }

  private async evaluate(workspaceId: string, rules: SpikeRule[], now: number): Promise<SpikeAlert[]> {
    const shapes = rules.map((rule): WindowShape => ({ bucketMs: MINUTE_MS, windowBuckets: rule.windowMinutes, baselineWindows: rule.baselineWindows }));
    const since = Math.min(...shapes.map((shape) => spanStart(now, shape)));
    const bySeries = groupBySeries(await this.deps.storage.alerts.counts(workspaceId, since));
    const raised: SpikeAlert[] = [];
    for (const [index, rule] of rules.entries()) {
      for (const [series, buckets] of bySeries) {
        const parsed = parseSeries(series);
        if (!parsed || !watches(rule.watch, parsed.kind)) continue;
        const totals = windowTotals(buckets, now, shapes[index]!);
        const severity = severityFor(rule.levels, totals);
        if (severity === null) continue;
        const quietKey = `${workspaceId}\u0000${rule.id}\u0000${series}\u0000${SEVERITY_RANK[severity]}`;
        if ((this.quietUntil.get(quietKey) ?? 0) > now) continue;
        const alert = await this.raise(workspaceId, rule, parsed, severity, totals, now);
        if (alert) {
          raised.push(alert);
          // The same or a lower severity stays quiet for the rule's cooldown.
          for (const rank of Object.values(SEVERITY_RANK)) {
            if (rank <= SEVERITY_RANK[severity]) this.quietUntil.set(`${workspaceId}\u0000${rule.id}\u0000${series}\u0000${rank}`, now + rule.cooldownMinutes * MINUTE_MS);
          }
        } else {
          this.quietUntil.set(quietKey, now + MINUTE_MS);
        }
      }
    }
    return raised;
  }

  private async raise(
    workspaceId: string,
    rule: SpikeRule,
    series: { kind: SpikeAlert['series']['kind']; id: string },
    severity: SpikeSeverity,
    totals: { current: number; baseline: number },
    now: number,
  ): Promise<SpikeAlert | null> {
    const switchesCrisis = rule.crisisMode && severity === 'critical' && this.deps.crisis !== undefined;
    const alert: SpikeAlert = {
      id: newId(),
      ruleId: rule.id,
      ruleName: rule.name,
      series: { ...series, label: await this.label(workspaceId, series) },
      severity,
      count: totals.current,
      baseline: Math.round(totals.baseline * 100) / 100,
      windowMinutes: rule.windowMinutes,
      at: now,
      crisisMode: switchesCrisis,
    };
    const payload = JSON.stringify({ id: alert.id, type: 'spike.alert', workspaceId, createdAt: new Date(now).toISOString(), data: alert });
    const won = await this.deps.storage.alerts.raise(
      { workspaceId, alert, rank: SEVERITY_RANK[severity], cooldownMs: rule.cooldownMinutes * MINUTE_MS, event: { id: alert.id, type: 'spike.alert', payload } },
      now,
    );
    if (!won) return null;
    this.deps.log.warn({ workspaceId, rule: rule.name, series: alert.series, severity, count: alert.count, baseline: alert.baseline }, 'spike alert');
    this.deps.bus.publish(topics.workspace(workspaceId), { type: 'alert', workspaceId, alert });
    this.deps.onRaised?.(alert);
    if (switchesCrisis) {
      const reason = `${rule.name}: ${alert.count} in ${rule.windowMinutes} min on ${alert.series.label} (baseline ${alert.baseline})`;
      await this.deps.crisis!(workspaceId, reason).catch((error: unknown) => this.deps.log.error({ err: error, workspaceId }, 'switching crisis mode on failed'));
    }
    return alert;
  }

  private async label(workspaceId: string, series: { kind: string; id: string }): Promise<string> {
    if (series.kind === 'keyword') return series.id;
    if (series.kind === 'channel') return (await this.deps.storage.channels.get(workspaceId, series.id))?.name ?? series.id;
    return (await this.deps.storage.tenants.listSites(workspaceId)).find((site) => site.id === series.id)?.name ?? series.id;
  }

  private async trackedKeywords(workspaceId: string): Promise<string[]> {
    const cached = this.keywords.get(workspaceId);
    const now = Date.now();
    if (cached && now - cached.readAt < KEYWORDS_TTL_MS) return cached.terms;
    const channels = await this.deps.storage.channels.list(workspaceId);
    const terms = [...new Set(channels.filter((c) => c.status !== 'paused').flatMap((c) => c.settings.listen ?? []))];
    this.keywords.set(workspaceId, { terms, readAt: now });
    return terms;
  }
}

function groupBySeries(rows: SeriesBucket[]): Map<string, Array<readonly [number, number]>> {
  const grouped = new Map<string, Array<readonly [number, number]>>();
  for (const row of rows) {
    const list = grouped.get(row.series) ?? [];
    list.push([row.bucketStart, row.count]);
    grouped.set(row.series, list);
  }
  return grouped;
}
