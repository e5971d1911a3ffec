/**
 * Errors from the relay that belong to no particular reply (rate limits, refused frames), shown
 * until dismissed so a transient problem is not missed.
 */
import type { Notice } from '../state/console-state.js';

export function NoticeList({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: number) => void }) {
  if (notices.length === 0) return null;
  return (
    <ul class="notices" aria-label="Problems">
      {notices.map((notice) => (
        <li key={notice.id} class="notice" role="alert">
          <span>{notice.message}</span>{' '}
          <button type="button" aria-label={`Dismiss: ${notice.message}`} onClick={() => onDismiss(notice.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
