/**
 * One conversation in the queue. Its position is set inline because virtualisation computes it;
 * everything else about its look is in styles.css.
 */
import type { ConversationSummary } from '@eyelevel/shared';
import { queueRowView, type RowContext } from './queue-row-view.js';

interface Props {
  readonly optionId: string;
  readonly summary: ConversationSummary;
  readonly index: number;
  readonly count: number;
  readonly top: number;
  readonly selected: boolean;
  readonly active: boolean;
  readonly now: number;
  readonly context?: RowContext;
  readonly onOpen: () => void;
}

export function QueueRowItem(props: Props) {
  const view = queueRowView(props.summary, props.now, props.context);
  const classes = ['queue-row', props.active && 'is-active', view.unread && 'is-unread', view.waiting && 'is-waiting']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={props.optionId}
      class={classes}
      role="option"
      aria-selected={props.selected}
      aria-setsize={props.count}
      aria-posinset={props.index + 1}
      data-conversation-id={props.summary.id}
      style={{ transform: `translateY(${props.top}px)` }}
      onClick={props.onOpen}
    >
      <div class="queue-row-head">
        <span class="queue-row-title">{view.title}</span>
        {view.unread && <span class="queue-row-unread">unread</span>}
        <span class="queue-row-timing">{view.timing}</span>
      </div>
      <div class="queue-row-preview">{view.preview}</div>
      <div class="queue-row-meta">
        {view.priority && <span class={`badge priority-${view.priority}`}>{view.priority}</span>}
        {view.escalated && <span class="badge is-escalated">escalated</span>}
        {(props.summary.pendingDrafts ?? 0) > 0 && (
          <span class="badge needs-review">{(props.summary.pendingLeadDrafts ?? 0) > 0 ? 'lead review' : 'review'}</span>
        )}
        {view.callbacks > 0 && <span class="badge is-callback">{view.callbacks > 1 ? `${view.callbacks} callbacks` : 'callback'}</span>}
        <span class="badge">{view.channel}</span>
        <span class={`badge status-${view.status}`}>{view.status}</span>
        {view.team && <span class="badge">{view.team}</span>}
        {view.assignee && <span class="badge" title="Assignee">{view.assignee}</span>}
        {view.due && <span class={view.overdue ? 'queue-row-due is-overdue' : 'queue-row-due'}>{view.due}</span>}
      </div>
    </div>
  );
}
