/**
 * Spike alerts in the console (issue 6): the workspace's recent alerts, newest first, and which
 * of them this agent dismissed. Dismissing hides the banner in this console only; the list keeps
 * every alert, because colleagues (and this agent later) still need to see what happened.
 */
import type { SpikeAlert } from '@eyelevel/shared';

/** The list is the last day's alerts (the relay sends at most 50); more is an archive. */
const MAX_ALERTS = 50;

export interface AlertState {
  readonly list: readonly SpikeAlert[];
  readonly dismissed: ReadonlySet<string>;
}

export const emptyAlerts: AlertState = { list: [], dismissed: new Set() };

/** Adds alerts (a live one, or the list sent on connect), each once, newest first. */
export function addAlerts(state: AlertState, alerts: readonly SpikeAlert[]): AlertState {
  const known = new Set(state.list.map((alert) => alert.id));
  const fresh = alerts.filter((alert) => !known.has(alert.id));
  if (fresh.length === 0) return state;
  const list = [...fresh, ...state.list].sort((a, b) => b.at - a.at).slice(0, MAX_ALERTS);
  return { ...state, list };
}

export function dismissAlert(state: AlertState, id: string): AlertState {
  if (state.dismissed.has(id)) return state;
  return { ...state, dismissed: new Set([...state.dismissed, id]) };
}

/** The alert the banner shows: the most severe not dismissed, the newest among equals. */
export function bannerAlert(state: AlertState): SpikeAlert | null {
  const open = state.list.filter((alert) => !state.dismissed.has(alert.id));
  return open.find((alert) => alert.severity === 'critical') ?? open[0] ?? null;
}

export function describeAlert(alert: SpikeAlert): string {
  const where = alert.series.kind === 'keyword' ? `“${alert.series.label}”` : alert.series.label;
  return `${alert.severity === 'critical' ? 'Critical' : 'Warning'}: ${alert.count} in ${alert.windowMinutes} min on ${where} (usually ${alert.baseline}) — ${alert.ruleName}`;
}
