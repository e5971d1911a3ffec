/**
 * Turns the chat state into the rows the message list shows: messages grouped by author, status
 * lines (who joined, a handoff from one person to another, resolved), holes the relay reported,
 * and the visitor's still-pending messages at the end. Pure, so the wording is tested without DOM.
 */
import type { Author } from '@eyelevel/shared';
import type { PanelStrings } from '../../i18n/strings.js';
import type { ChatState, PendingMessage } from './chat-state.js';

export type TimelineRow =
  | {
      kind: 'message';
      key: string;
      author: Author | null;
      own: boolean;
      text: string;
      at: number;
      /** First message of a run by the same author: show name and avatar. */
      head: boolean;
      seq: number | null;
      pending: PendingMessage['state'] | null;
      error?: string;
    }
  | { kind: 'note'; key: string; text: string };

const sameAuthor = (a: Author | null, b: Author | null): boolean =>
  !!a && !!b && a.kind === b.kind && a.id === b.id && a.name === b.name;

export function buildTimeline(state: ChatState, t: PanelStrings): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let assignee: string | null = null;
  let previous: Author | null = null;
  const push = (row: TimelineRow): void => {
    rows.push(row);
    previous = row.kind === 'message' ? row.author : null;
  };
  const gaps = [...state.gaps].sort((a, b) => a.from - b.from);
  // Messages the team hid or deleted (issue 6) become a line saying so; unhiding brings one back.
  const removed = new Map<number, string>();
  for (const event of state.events) {
    if (event.kind !== 'moderation' || event.targetSeq === null || removed.get(event.targetSeq) === 'deleted') continue;
    if (event.action === 'unhidden') removed.delete(event.targetSeq);
    else removed.set(event.targetSeq, event.action);
  }
  for (const event of state.events) {
    while (gaps.length && gaps[0]!.from < event.seq) {
      const gap = gaps.shift()!;
      push({ kind: 'note', key: `gap-${gap.from}`, text: t.missed(gap.to - gap.from + 1) });
    }
    if (event.kind === 'message' && removed.has(event.seq)) {
      push({ kind: 'note', key: `e-${event.seq}`, text: t.removed });
      continue;
    }
    if (event.kind === 'message') {
      const own = event.author.kind === 'visitor';
      push({
        kind: 'message',
        key: `e-${event.seq}`,
        author: event.author,
        own,
        text: event.text,
        at: event.at,
        head: !sameAuthor(previous, event.author),
        seq: event.seq,
        pending: null,
      });
      continue;
    }
    if (event.kind === 'csat') {
      push({ kind: 'note', key: `e-${event.seq}`, text: t.rated(event.rating) });
      continue;
    }
    if (event.kind === 'callback') {
      push({ kind: 'note', key: `e-${event.seq}`, text: t.callbackRequested(event.phone, event.preferredTime) });
      continue;
    }
    // Entries meant for agents only reach visitors as bare seqs; nothing to show.
    if (event.kind !== 'status') continue;
    let text: string | null = null;
    const name = event.assignee?.name ?? t.teamMember;
    switch (event.change) {
      case 'transferred':
      case 'assigned':
        // A transfer to a team (no person yet) is not a handoff the visitor needs to see.
        if (!event.assignee) break;
        text = assignee && assignee !== name ? t.handoff(assignee, name) : assignee === name ? null : t.joined(name);
        assignee = name;
        break;
      case 'unassigned':
        text = t.left;
        assignee = null;
        break;
      case 'resolved':
        text = t.resolved;
        break;
      case 'reopened':
        text = t.reopened;
        break;
      case 'callback_taken':
        text = t.callbackTaken(event.author.name ?? t.teamMember);
        break;
      case 'callback_done': {
        const outcome = event.callback?.outcome;
        text = outcome && outcome in t.callbackOutcome ? t.callbackOutcome[outcome](event.author.name ?? t.teamMember) : null;
        break;
      }
      default:
        // Opened, escalations, and whatever a newer relay adds: nothing for the visitor to read.
        text = null;
    }
    if (text) push({ kind: 'note', key: `e-${event.seq}`, text });
  }
  for (const gap of gaps) push({ kind: 'note', key: `gap-${gap.from}`, text: t.missed(gap.to - gap.from + 1) });
  const own: Author = { kind: 'visitor', id: null, name: null, initials: null, avatarUrl: null, role: null };
  for (const pending of state.pending) {
    // `previous` is assigned inside `push`, which TypeScript's narrowing cannot see.
    const before = previous as Author | null;
    push({
      kind: 'message',
      key: `p-${pending.id}`,
      author: own,
      own: true,
      text: pending.text,
      at: pending.at,
      head: before?.kind !== 'visitor',
      seq: pending.seq ?? null,
      pending: pending.state,
      error: pending.error,
    });
  }
  return rows;
}

/** The visitor's last message the agents have read: where the "Seen" mark goes. */
export function seenSeq(state: ChatState): number | null {
  let seen: number | null = null;
  for (const event of state.events) {
    if (event.kind === 'message' && event.author.kind === 'visitor' && event.seq <= state.agentReadSeq) {
      seen = event.seq;
    }
  }
  return seen;
}
