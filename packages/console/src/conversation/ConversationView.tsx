/**
 * The open conversation: who it is with and where they come from, the full log (messages, notes,
 * status changes, handoffs), unconfirmed replies, who else is here (viewing, typing), what can
 * be done with it (claim, transfer, escalate, park, resolve, priority) and the composer. It
 * follows the newest entry unless the agent has scrolled up to read, so a new message never
 * yanks the page from under them.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ConversationEvent } from '@eyelevel/shared';
import type { ConsoleController } from '../app/console-controller.js';
import type { ConsoleState } from '../state/console-state.js';
import { entriesFor, isWritten } from '../state/outbox.js';
import { emptyLog } from '../state/conversation-log.js';
import { teamName } from '../state/directory-state.js';
import { queueRowView } from '../queue/queue-row-view.js';
import { Composer, type ComposerMode } from './Composer.js';
import { ConversationActions } from './ConversationActions.js';
import { CollisionBar } from './CollisionBar.js';
import { LogEntry } from './LogEntry.js';
import { logItems } from './log-items.js';
import { OutboxEntryItem } from './OutboxEntryItem.js';
import { TypingIndicator } from './TypingIndicator.js';
import { VisitorContext } from './VisitorContext.js';
import { CallbackTasks } from './CallbackTasks.js';
import { callbackTasks } from '../state/callback-tasks.js';
import { workPermission } from './reply-permission.js';
import { publicReplyFor } from './public-reply.js';
import { ReviewControls } from './ReviewControls.js';
import { draftTier, pendingDrafts, supersededAwaitingAuthor } from '../state/pending-drafts.js';
import { PrivateLinkAction } from './PrivateLinkAction.js';
import { moderationState } from '../state/moderation-state.js';
import { ModerationBar, personName } from './ModerationBar.js';
import { MessageModeration } from './MessageModeration.js';
import { entryActions } from './moderation-permission.js';
import { DEFAULT_WARN_TEMPLATES } from '@eyelevel/shared';
import { SupersededPrompt } from './SupersededPrompt.js';

/** Within this many pixels of the bottom the view keeps following new entries. */
const STICK_PX = 48;

interface Props {
  readonly controller: ConsoleController;
  readonly state: ConsoleState;
  readonly conversationId: string;
  readonly now: number;
  readonly draft: string;
  readonly onDraft: (text: string) => void;
  readonly onLeave: () => void;
}

/** The newest agent message the visitor has read: that is where "Seen" goes. */
function seenSeq(events: readonly ConversationEvent[], visitorReadSeq: number): number {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event && event.seq <= visitorReadSeq && event.kind === 'message' && event.author.kind === 'agent') {
      return event.seq;
    }
  }
  return -1;
}

export function ConversationView({ controller, state, conversationId, now, draft, onDraft, onLeave }: Props) {
  const summary = state.queue.rows.get(conversationId)?.summary;
  const log = state.logs.get(conversationId) ?? emptyLog;
  const outbox = entriesFor(state.outbox, conversationId);
  const pendingWritten = outbox.flatMap((entry) =>
    isWritten(entry.frame) ? [{ entry, text: entry.frame.text, note: entry.frame.type === 'note' }] : [],
  );
  const online = state.connection.status === 'online';
  const [mode, setMode] = useState<ComposerMode>('reply');
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && stick.current) element.scrollTop = element.scrollHeight;
  }, [log.events.length, pendingWritten.length, conversationId]);

  if (!summary) {
    return <p class="conversation-empty">This conversation is no longer in your queue.</p>;
  }

  const directory = state.directory;
  const team = teamName(directory, summary.teamId);
  const view = queueRowView(summary, now, { targetMs: directory?.workspace.firstResponseTargetMs ?? null, teamName: team });
  const seen = seenSeq(log.events, summary.visitorReadSeq);
  const permission = workPermission(state.agent, summary);
  const assignee = summary.assignee;
  const pending = new Set(pendingDrafts(log.events).map((draft) => draft.seq));
  // Issue 6: what moderation did here, read from the log (hidden and deleted entries, blocks).
  const moderation = moderationState(log.events);
  const warnTemplates = directory?.warnTemplates ?? DEFAULT_WARN_TEMPLATES;
  const moderating = (targetSeq: number) =>
    outbox.some((entry) => entry.state === 'pending' && (entry.frame.type === 'moderate' || entry.frame.type === 'warn') && entry.frame.targetSeq === targetSeq);
  const awaitingMe = new Set(supersededAwaitingAuthor(log.events, state.agent?.id ?? null).map((draft) => draft.seq));
  const reviewing = (draftSeq: number) =>
    outbox.some(
      (entry) => (entry.frame.type === 'review' || entry.frame.type === 'draft_resend') && entry.frame.draftSeq === draftSeq && entry.state === 'pending',
    );
  const crisis = state.reviewSettings?.crisis.on ?? false;
  const holdingStatement = state.reviewSettings?.holdingStatement ?? '';

  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conversation-head">
        <div class="conversation-title">
          <h2 id="conversation-title">{view.title}</h2>
          <p class="conversation-meta">
            <span class="badge">{view.channel}</span> <span class={`badge status-${summary.status}`}>{summary.status}</span>
            {view.priority && <span class={`badge priority-${view.priority}`}>{view.priority}</span>}
            {view.escalated && <span class="badge is-escalated">escalated</span>}
            <span class="assignee-line">
              {' · '}
              {assignee ? `Assigned to ${assignee.name ?? 'an agent'}${assignee.initials ? ` (^${assignee.initials})` : ''}` : 'Unassigned'}
              {team ? ` · ${team}` : ''}
            </span>
            {view.due && <span class={view.overdue ? 'queue-row-due is-overdue' : 'queue-row-due'}> · {view.due}</span>}
            {summary.status === 'snoozed' && <span> · snoozed {view.timing}</span>}
          </p>
        </div>
        <ConversationActions
          controller={controller}
          agent={state.agent}
          summary={summary}
          directory={directory}
          outbox={outbox}
          now={now}
        />
        <ModerationBar
          agent={state.agent}
          summary={summary}
          blocked={moderation.blocked}
          warnTemplates={warnTemplates}
          outbox={outbox}
          now={now}
          onWarn={(template, text, reason) => controller.warn(conversationId, template, text, reason)}
          onBlock={(blocked, reason) => controller.setBlocked(conversationId, blocked, reason)}
          onDecide={(note, resolve) => controller.decide(conversationId, note, resolve)}
          onDismiss={(id) => controller.discard(id)}
        />
      </header>
      <div class="conversation-body">
        <div
          class="log-scroller"
          ref={scroller}
          onScroll={(event) => {
            const element = event.currentTarget;
            stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
          }}
        >
          {log.syncing && log.events.length === 0 && <p class="log-loading">Loading conversation…</p>}
          <ol class="log" aria-label="Messages">
            {logItems(log.events, log.gaps).map((item) =>
              item.kind === 'gap' ? (
                <li key={item.key} class="log-status log-gap">
                  {item.gap.to - item.gap.from + 1} earlier entries are no longer available.
                </li>
              ) : (
                <LogEntry
                  key={item.key}
                  event={item.event}
                  now={now}
                  seen={item.event.seq === seen}
                  moderated={moderation.entries.get(item.event.seq)}
                  moderationControls={
                    (item.event.kind === 'message' || item.event.kind === 'held') && item.event.author.kind === 'visitor' ? (
                      <MessageModeration
                        seq={item.event.seq}
                        actions={entryActions(state.agent, summary, directory, moderation.entries.get(item.event.seq))}
                        warnTemplates={warnTemplates}
                        name={personName(summary)}
                        publicOnly={Boolean(summary.social)}
                        busy={moderating(item.event.seq)}
                        onModerate={(action, reason) => controller.moderate(conversationId, action, item.event.seq, reason)}
                        onWarn={(template, text, reason) => controller.warn(conversationId, template, text, reason, item.event.seq)}
                      />
                    ) : undefined
                  }
                  onRetryReply={(replySeq) => controller.perform({ type: 'reply_retry', conversationId, id: controller.clientId(), replySeq })}
                  review={
                    item.event.kind === 'draft' && awaitingMe.has(item.event.seq) ? (
                      <SupersededPrompt
                        draft={item.event}
                        busy={reviewing(item.event.seq)}
                        onAnswer={(action) =>
                          controller.perform({ type: 'draft_resend', conversationId, id: controller.clientId(), draftSeq: item.event.seq, action })
                        }
                      />
                    ) : item.event.kind === 'draft' && pending.has(item.event.seq) ? (
                      <ReviewControls
                        key={item.event.seq}
                        draft={item.event}
                        agent={state.agent}
                        busy={reviewing(item.event.seq)}
                        tier={draftTier(log.events, item.event, crisis, summary.channel)}
                        onEscalate={(note) =>
                          controller.perform({ type: 'review', conversationId, id: controller.clientId(), draftSeq: item.event.seq, decision: 'escalate', note })
                        }
                        onApprove={(text) =>
                          controller.perform({
                            type: 'review',
                            conversationId,
                            id: controller.clientId(),
                            draftSeq: item.event.seq,
                            decision: 'approve',
                            ...(text !== undefined ? { text } : {}),
                          })
                        }
                        onReject={(note) =>
                          controller.perform({ type: 'review', conversationId, id: controller.clientId(), draftSeq: item.event.seq, decision: 'reject', note })
                        }
                      />
                    ) : undefined
                  }
                />
              ),
            )}
            {pendingWritten.map(({ entry, text, note }) => (
              <OutboxEntryItem
                key={entry.id}
                entry={entry}
                text={text}
                note={note}
                online={online}
                onRetry={() => controller.retry(entry.id)}
                onDiscard={() => controller.discard(entry.id)}
              />
            ))}
          </ol>
        </div>
        <div class="conversation-side">
        <CallbackTasks
          tasks={callbackTasks(log.events)}
          agent={state.agent}
          outbox={outbox}
          now={now}
          onTake={(requestSeq) => controller.takeCallback(conversationId, requestSeq)}
          onDone={(requestSeq, outcome, note) => controller.finishCallback(conversationId, requestSeq, outcome, note)}
        />
        {summary.social && (
          <PrivateLinkAction
            sites={directory?.sites ?? []}
            events={log.events}
            outbox={outbox}
            onCreate={(siteId) => controller.perform({ type: 'private_link', conversationId, id: controller.clientId(), siteId })}
            onInsert={(url) => onDraft(draft.trim() ? `${draft.trimEnd()} ${url}` : url)}
            onDiscard={(id) => controller.discard(id)}
          />
        )}
        <VisitorContext
          summary={summary}
          history={state.history.get(conversationId)}
          rows={state.queue.rows}
          teamName={team}
          now={now}
          onOpen={(id) => controller.open(id)}
        />
        </div>
      </div>
      <CollisionBar viewers={state.viewers.get(conversationId) ?? []} />
      <TypingIndicator entries={state.typing.get(conversationId) ?? []} />
      {crisis && summary.channel !== 'web' && holdingStatement !== '' && (
        <div class="holding-statement">
          <button type="button" onClick={() => onDraft(holdingStatement)}>
            Use holding statement
          </button>
          <span> Public replies wait for a lead’s approval while crisis mode is on.</span>
        </div>
      )}
      <Composer
        conversationId={conversationId}
        draft={draft}
        onDraft={onDraft}
        mode={mode}
        onMode={setMode}
        replyBlocked={permission.allowed ? null : permission.reason}
        colleagues={directory?.agents.values() ?? []}
        selfId={state.agent?.id ?? null}
        cannedReplies={directory?.cannedReplies ?? []}
        teamId={summary.teamId}
        publicReply={publicReplyFor(summary, directory, state.agent?.initials ?? null)}
        cannedValues={{
          visitorName: summary.visitor.name,
          visitorEmail: summary.visitor.email,
          agentName: state.agent?.name ?? '',
          agentInitials: state.agent?.initials ?? '',
        }}
        onSend={(text) => {
          stick.current = true;
          controller.sendMessage(conversationId, text);
        }}
        onNote={(text) => {
          stick.current = true;
          controller.addNote(conversationId, text);
        }}
        onTyping={(on) => controller.typing(conversationId, on)}
        onLeave={onLeave}
      />
    </section>
  );
}
