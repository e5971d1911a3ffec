/**
 * Who the visitor is and where they come from: the page they wrote from, whether the host site
 * vouched for their identity, the job a careers page attached, and their earlier conversations
 * (one click opens them). Every value is visitor- or site-supplied, so it is shown as text and
 * links go through the same vetting as links in messages.
 */
import type { ConversationSummary } from '@eyelevel/shared';
import type { QueueRow } from '../state/queue-state.js';
import { safeHref } from '../text/linkify.js';
import { formatTimestamp } from '../queue/format-time.js';
import { CHANNEL_LABELS } from '../queue/queue-row-view.js';

interface Props {
  readonly summary: ConversationSummary;
  /** Ids of the visitor's other conversations, or undefined while not known yet. */
  readonly history: readonly string[] | undefined;
  readonly rows: ReadonlyMap<string, QueueRow>;
  readonly teamName: string | null;
  readonly now: number;
  readonly onOpen: (id: string) => void;
}

export function VisitorContext({ summary, history, rows, teamName, now, onOpen }: Props) {
  const page = summary.page;
  const pageHref = page?.url ? safeHref(page.url) : null;
  const identity = summary.identity ?? null;
  const verified = summary.verified ?? identity !== null;
  const job = summary.job ?? null;
  return (
    <aside class="visitor-context" aria-label="Visitor context">
      <dl>
        <dt>Identity</dt>
        <dd>
          {verified ? (
            <span class="badge is-verified">verified{identity ? ` by the site (${identity.verifiedBy === 'jwt' ? 'JWT' : 'signature'})` : ''}</span>
          ) : (
            <span class="badge is-unverified">not verified</span>
          )}
          {identity && (
            <span class="context-detail">
              {' '}
              user {identity.id}
              {identity.email ? ` · ${identity.email}` : ''}
            </span>
          )}
        </dd>
        {summary.visitor.email && (
          <>
            <dt>E-mail</dt>
            <dd>{summary.visitor.email}</dd>
          </>
        )}
        <dt>Channel</dt>
        <dd>
          {CHANNEL_LABELS[summary.channel]}
          {teamName ? ` · ${teamName}` : ''}
        </dd>
        {page && (page.url || page.title) && (
          <>
            <dt>Page</dt>
            <dd>
              {pageHref ? (
                <a href={pageHref} target="_blank" rel="noopener noreferrer nofollow">
                  {page.title || page.url}
                </a>
              ) : (
                page.title || page.url
              )}
              {page.locale ? ` · ${page.locale}` : ''}
            </dd>
          </>
        )}
        {job && (job.title || job.id) && (
          <>
            <dt>Job</dt>
            <dd>
              {job.title ?? 'Job'}
              {job.id ? ` (${job.id})` : ''}
            </dd>
          </>
        )}
        {summary.prechat && (summary.prechat.topic || summary.prechat.name || summary.prechat.email) && (
          <>
            <dt>Pre-chat</dt>
            <dd>{[summary.prechat.topic, summary.prechat.name, summary.prechat.email].filter(Boolean).join(' · ')}</dd>
          </>
        )}
        {summary.consent && (
          <>
            <dt>Consent</dt>
            <dd>given {formatTimestamp(summary.consent.at, now)}</dd>
          </>
        )}
        {summary.csat && (
          <>
            <dt>Rating</dt>
            <dd>
              {summary.csat.rating}/5{summary.csat.comment ? ` — ${summary.csat.comment}` : ''}
            </dd>
          </>
        )}
        <dt>Started</dt>
        <dd>{formatTimestamp(summary.createdAt, now)}</dd>
      </dl>
      <h3>Earlier conversations</h3>
      {history === undefined ? (
        <p class="context-detail">Loading…</p>
      ) : history.length === 0 ? (
        <p class="context-detail">None</p>
      ) : (
        <ul class="history">
          {history.map((id) => {
            const other = rows.get(id)?.summary;
            if (!other) return null;
            return (
              <li key={id}>
                <button type="button" class="link-button" onClick={() => onOpen(id)}>
                  {formatTimestamp(other.createdAt, now)} · {other.status}
                </button>
                {other.lastMessage && <span class="context-detail"> {other.lastMessage.text.replace(/\s+/g, ' ').slice(0, 80)}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
}
