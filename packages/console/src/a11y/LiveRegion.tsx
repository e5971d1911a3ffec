/**
 * The polite live region that tells screen-reader users about new messages and conversations.
 * The region itself stays in the DOM (screen readers only watch regions that already exist);
 * its content is keyed by the announcement's id so the same words twice are read twice.
 */
import type { Announcement } from '../state/console-state.js';

export function LiveRegion({ announcement }: { announcement: Announcement | null }) {
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement && <span key={announcement.id}>{announcement.text}</span>}
    </div>
  );
}
