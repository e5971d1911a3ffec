/**
 * Spike alerts (issue 6) in storage: the rules, the per-minute counts every node adds to, and
 * the alerts. `raise` is the one place that decides whether an alert goes out: a conditional
 * upsert of the (rule, series) state that one caller wins across any number of relay nodes; the
 * winner's alert and its webhook deliveries are written in the same transaction.
 */
import type { SpikeAlert, SpikeRule, SpikeRuleSettings } from '@eyelevel/shared';

export interface CountIncrement {
  workspaceId: string;
  series: string;
  bucketStart: number;
  count: number;
}

export interface SeriesBucket {
  series: string;
  bucketStart: number;
  count: number;
}

export interface RaiseInput {
  workspaceId: string;
  alert: SpikeAlert;
  /** The alert's severity as a number (warning 1, critical 2). */
  rank: number;
  cooldownMs: number;
  /** The outbound event the workspace's webhooks receive (one delivery row each). */
  event: { id: string; type: string; payload: string };
}

export interface AlertStore {
  listRules(workspaceId: string): Promise<SpikeRule[]>;
  getRule(workspaceId: string, ruleId: string): Promise<SpikeRule | null>;
  createRule(workspaceId: string, id: string, settings: SpikeRuleSettings, at: number): Promise<SpikeRule>;
  updateRule(workspaceId: string, ruleId: string, settings: SpikeRuleSettings, at: number): Promise<SpikeRule | null>;
  /** Removes the rule and its alert state (its past alerts stay). */
  deleteRule(workspaceId: string, ruleId: string): Promise<boolean>;

  /** Adds to the counts (never overwrites: several nodes add to the same minute). */
  addCounts(increments: CountIncrement[]): Promise<void>;
  /** A workspace's counts from `since` on, every series. */
  counts(workspaceId: string, since: number): Promise<SeriesBucket[]>;
  /** Forgets counts older than `before` (of every workspace). */
  pruneCounts(before: number): Promise<void>;

  /**
   * Raises the alert unless this (rule, series) alerted within the cooldown at the same or a
   * higher severity; true for the one caller that raised it.
   */
  raise(input: RaiseInput, now: number): Promise<boolean>;
  /** Forgets alerts raised before `before` (the history consoles and the API show is a month). */
  pruneAlerts(before: number): Promise<void>;
  /** Alerts raised since `since`, newest first. */
  recentAlerts(workspaceId: string, since: number, limit: number): Promise<SpikeAlert[]>;
}
