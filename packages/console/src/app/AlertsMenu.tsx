/**
 * The workspace's spike alerts of the last day in the top bar (issue 6): a count of those not
 * dismissed and the list, newest first, including dismissed ones (what happened stays visible).
 */
import { useState } from 'preact/hooks';
import type { AlertState } from '../state/alert-state.js';
import { describeAlert } from '../state/alert-state.js';
import { formatTimestamp } from '../queue/format-time.js';

export function AlertsMenu({ alerts, now }: { alerts: AlertState; now: number }) {
  const [open, setOpen] = useState(false);
  const active = alerts.list.filter((alert) => !alerts.dismissed.has(alert.id)).length;
  return (
    <div class="mentions alerts-menu">
      <button type="button" aria-expanded={open} aria-controls="alerts-list" onClick={() => setOpen(!open)}>
        Alerts{active > 0 ? ` (${active})` : ''}
      </button>
      {open && (
        <ul id="alerts-list" class="mentions-list" aria-label="Spike alerts">
          {alerts.list.length === 0 && <li class="context-detail">No spike alerts in the last day.</li>}
          {alerts.list.map((alert) => (
            <li key={alert.id} class={`alert-item is-${alert.severity}${alerts.dismissed.has(alert.id) ? '' : ' is-unread'}`}>
              <time dateTime={new Date(alert.at).toISOString()}>{formatTimestamp(alert.at, now)}</time> {describeAlert(alert)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
