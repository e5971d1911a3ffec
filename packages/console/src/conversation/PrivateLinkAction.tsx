/**
 * From public to private (issue 5, item 10): in a social conversation the agent asks the relay
 * for a signed, single-use link into one of the workspace's sites; the relay writes it into the
 * log as the agent's note. The newest such link can then be put into the reply with one click,
 * so the agent decides where it goes (a public reply, or the network's direct messages).
 */
import { useState } from 'preact/hooks';
import type { ConversationEvent, DirectorySite } from '@eyelevel/shared';
import type { OutboxEntry } from '../state/outbox.js';

interface Props {
  readonly sites: readonly DirectorySite[];
  readonly events: readonly ConversationEvent[];
  /** This conversation's outbox entries. */
  readonly outbox: readonly OutboxEntry[];
  readonly onCreate: (siteId: string) => void;
  readonly onInsert: (url: string) => void;
  readonly onDiscard: (entryId: string) => void;
}

const LINK = /https?:\/\/\S+#eyelevel-continue=[\w.-]+/;

/** The newest private link written into the log, if any. */
export function latestPrivateLink(events: readonly ConversationEvent[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.kind !== 'note') continue;
    const found = LINK.exec(event.text);
    if (found) return found[0];
  }
  return null;
}

export function PrivateLinkAction({ sites, events, outbox, onCreate, onInsert, onDiscard }: Props) {
  const [siteId, setSiteId] = useState<string>('');
  const chosen = sites.find((site) => site.id === siteId) ?? sites[0] ?? null;
  const entries = outbox.filter((entry) => entry.frame.type === 'private_link');
  const busy = entries.some((entry) => entry.state === 'pending');
  const failed = entries.filter((entry) => entry.state === 'failed');
  const link = latestPrivateLink(events);

  return (
    <section class="private-link" aria-label="Private link">
      <p class="context-detail">
        Continue privately: a signed link (single use, 24 hours) opens this conversation in the chat on{' '}
        {sites.length === 1 && chosen ? chosen.name : 'a site of yours'}.
      </p>
      {sites.length > 1 && (
        <label>
          Site
          <select value={chosen?.id ?? ''} onChange={(event) => setSiteId(event.currentTarget.value)}>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div class="action-buttons">
        <button
          type="button"
          disabled={busy || chosen === null}
          onClick={() => {
            for (const entry of failed) onDiscard(entry.id);
            if (chosen) onCreate(chosen.id);
          }}
        >
          {busy ? 'Creating link…' : 'Send private link'}
        </button>
        {link && (
          <button type="button" onClick={() => onInsert(link)}>
            Insert link into reply
          </button>
        )}
      </div>
      {chosen === null && <p class="action-reason">No site to link to: an admin adds one under Administration → Sites.</p>}
      {failed.map((entry) => (
        <p key={entry.id} class="status-error" role="alert">
          Could not create the link: {entry.error?.message}{' '}
          <button type="button" class="link-button" onClick={() => onDiscard(entry.id)}>
            Dismiss
          </button>
        </p>
      ))}
    </section>
  );
}
