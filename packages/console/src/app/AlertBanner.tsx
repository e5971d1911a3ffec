/**
 * A spike alert as a banner above the workspace (issue 6): the most severe alert this agent has
 * not dismissed, so a shitstorm is seen by everyone on the team at once. Critical alerts are
 * announced assertively; dismissing hides the banner here only.
 */
import type { AlertState } from '../state/alert-state.js';
import { bannerAlert, describeAlert } from '../state/alert-state.js';

export function AlertBanner({ alerts, onDismiss }: { alerts: AlertState; onDismiss: (id: string) => void }) {
  const alert = bannerAlert(alerts);
  if (!alert) return null;
  const text = describeAlert(alert);
  return (
    <div class={`alert-banner is-${alert.severity}`} role={alert.severity === 'critical' ? 'alert' : 'status'} aria-label="Spike alert">
      <span>{text}</span>
      {alert.crisisMode && <strong> Crisis mode was switched on.</strong>}{' '}
      <button type="button" aria-label={`Dismiss: ${text}`} onClick={() => onDismiss(alert.id)}>
        Dismiss
      </button>
    </div>
  );
}
