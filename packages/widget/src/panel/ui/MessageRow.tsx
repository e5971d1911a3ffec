/**
 * One row of the conversation: a message (with the author's name, avatar and a human/bot label
 * at the start of each run) or a status note. Own messages show their delivery state.
 */
import type { PanelStrings } from '../../i18n/strings.js';
import type { TimelineRow } from '../state/timeline.js';
import { Avatar } from './Avatar.js';
import { LinkifiedText } from './LinkifiedText.js';
import { formatTime } from '../text/format-time.js';

interface Props {
  row: TimelineRow;
  t: PanelStrings;
  locale: string;
  seen: boolean;
  onRetry: (id: string) => void;
}

export function MessageRow({ row, t, locale, seen, onRetry }: Props) {
  if (row.kind === 'note') {
    return (
      <li class="note" part="note">
        {row.text}
      </li>
    );
  }
  const author = row.author;
  const time = (
    <time class="time" dateTime={new Date(row.at).toISOString()}>
      {formatTime(row.at, locale)}
    </time>
  );
  return (
    <li class={row.own ? 'msg own' : 'msg'} part={row.own ? 'message own' : 'message'}>
      {row.head && !row.own && author && (
        <div class="who">
          <Avatar author={author} />
          <span class="name">{author.name ?? t.teamMember}</span>
          <span class="tag">{author.kind === 'system' ? t.bot : t.human}</span>
          {time}
        </div>
      )}
      {row.head && row.own && <div class="who">{time}</div>}
      {row.own && <span class="sr">{t.you}: </span>}
      <p class="bubble" dir="auto">
        <LinkifiedText text={row.text} />
      </p>
      {row.pending === 'sending' && <span class="meta">{t.sending}</span>}
      {row.pending === 'failed' && (
        <span class="meta err">
          {t.failed}{' '}
          <button type="button" class="link" onClick={() => onRetry(row.key.slice(2))}>
            {t.retry}
          </button>
        </span>
      )}
      {seen && <span class="meta">{t.seen}</span>}
    </li>
  );
}
