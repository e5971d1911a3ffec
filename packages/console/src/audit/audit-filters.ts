/**
 * The leads' audit screen's filters as the form holds them (strings from inputs) and as the
 * relay's `GET /api/admin/audit` takes them. Pure, so the mapping is tested without DOM.
 */
import type { AuditAction, AuditQuery } from '@eyelevel/shared';

export interface AuditFilters {
  readonly actor: string;
  readonly action: AuditAction | '';
  readonly q: string;
  readonly conversation: string;
  /** `datetime-local` values (the viewer's time zone), or ''. */
  readonly from: string;
  readonly to: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', action: '', q: '', conversation: '', from: '', to: '' };

export const PAGE_SIZE = 50;

export function auditQuery(filters: AuditFilters, cursor: string | null): AuditQuery {
  const time = (value: string) => {
    const ms = value ? new Date(value).getTime() : Number.NaN;
    return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
  };
  const from = time(filters.from);
  const to = time(filters.to);
  return {
    limit: PAGE_SIZE,
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.conversation.trim() ? { conversation: filters.conversation.trim() } : {}),
    ...(from !== undefined ? { from } : {}),
    // A minute picked as "to" includes that whole minute.
    ...(to !== undefined ? { to: to + 59_999 } : {}),
    ...(cursor ? { cursor } : {}),
  };
}
