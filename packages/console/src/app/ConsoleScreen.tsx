/**
 * The signed-in console: top bar, queue on the left, the open conversation on the right. It
 * reports tab visibility to the controller, because a conversation only counts as read while the
 * agent can see it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ConsoleController } from './console-controller.js';
import { useConsoleState } from './use-console-state.js';
import { useNow } from './use-now.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { NoticeList } from './NoticeList.js';
import { LiveRegion } from '../a11y/LiveRegion.js';
import { QUEUE_LIST_ID, QueueList } from '../queue/QueueList.js';
import { useDocumentTitle } from './use-document-title.js';
import { DEFAULT_FILTERS, filterQueue, type QueueFilters as Filters } from '../queue/queue-filter.js';
import { QueueFilters } from '../queue/QueueFilters.js';
import { conversationsNeedingReview } from '../state/pending-drafts.js';
import { PresenceSwitch } from './PresenceSwitch.js';
import { MentionsMenu } from './MentionsMenu.js';
import { AlertsMenu } from './AlertsMenu.js';
import { AlertBanner } from './AlertBanner.js';
import { AdminScreen } from '../admin/AdminScreen.js';
import type { AdminApi } from '../admin/admin-api.js';
import { ConversationView } from '../conversation/ConversationView.js';
import { AuditScreen } from '../audit/AuditScreen.js';
import { CrisisBar } from './CrisisBar.js';

interface Props {
  readonly controller: ConsoleController;
  readonly onSignOut: () => void;
  /** The admin API bound to this session; the Admin view is offered to admins and leads. */
  readonly admin?: AdminApi | null;
}

export function ConsoleScreen({ controller, onSignOut, admin = null }: Props) {
  const state = useConsoleState(controller);
  const now = useNow();
  const [filters, setFilters] = useState<Filters>(DEFAULT_FILTERS);
  const [view, setView] = useState<'inbox' | 'admin' | 'audit'>('inbox');
  const [drafts, setDrafts] = useState<ReadonlyMap<string, string>>(new Map());
  const me = state.agent?.id ?? null;
  const needingReview = useMemo(() => conversationsNeedingReview(state.logs), [state.logs]);
  const ids = useMemo(() => filterQueue(state.queue, filters, me, needingReview), [state.queue, filters, me, needingReview]);
  useDocumentTitle(state.queue);

  useEffect(() => {
    const update = () => controller.setVisible(document.visibilityState === 'visible');
    update();
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, [controller]);

  const agent = state.agent;
  const openId = state.openId;

  return (
    <div class="console">
      <header class="topbar">
        <span class="brand">eyelevel</span>
        {admin && agent && (agent.role === 'admin' || agent.role === 'lead') && (
          <nav class="views" aria-label="Views">
            <button type="button" aria-current={view === 'inbox' ? 'page' : undefined} onClick={() => setView('inbox')}>
              Inbox
            </button>
            <button type="button" aria-current={view === 'admin' ? 'page' : undefined} onClick={() => setView('admin')}>
              Admin
            </button>
            <button type="button" aria-current={view === 'audit' ? 'page' : undefined} onClick={() => setView('audit')}>
              Audit log
            </button>
          </nav>
        )}
        <ConnectionStatus connection={state.connection} now={now} />
        <MentionsMenu mentions={state.mentions} rows={state.queue.rows} onOpen={(id) => controller.open(id)} />
        <AlertsMenu alerts={state.alerts} now={now} />
        <span class="me">
          {agent?.name} {agent && <span class="badge">{agent.initials}</span>}
        </span>
        <PresenceSwitch value={state.presence} onChange={(status) => controller.setPresence(status)} />
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <NoticeList notices={state.notices} onDismiss={(id) => controller.dismissNotice(id)} />
      <AlertBanner alerts={state.alerts} onDismiss={(id) => controller.dismissAlert(id)} />
      <CrisisBar
        settings={state.reviewSettings}
        agent={agent}
        onSwitch={(on) => controller.reviewSettings({ type: 'crisis', on })}
        onSaveStatement={(holdingStatement) => controller.reviewSettings({ type: 'review_settings', holdingStatement })}
        onSaveExpiry={(draftExpiryMinutes) => controller.reviewSettings({ type: 'review_settings', draftExpiryMinutes })}
      />
      {view === 'audit' && admin && agent ? (
        <AuditScreen
          api={admin}
          agents={[...(state.directory?.agents.values() ?? [])]}
          onOpenConversation={(id) => {
            setView('inbox');
            controller.open(id);
          }}
        />
      ) : view === 'admin' && admin && agent ? (
        <AdminScreen api={admin} agent={agent} />
      ) : (
      <div class="workspace">
        <nav class="queue" aria-label="Queue">
          <QueueFilters filters={filters} directory={state.directory} count={ids.length} onChange={setFilters} />
          <QueueList
            ids={ids}
            rows={state.queue.rows}
            openId={openId}
            now={now}
            directory={state.directory}
            onOpen={(id) => controller.open(id)}
          />
        </nav>
        <main class="conversation-pane">
          {openId ? (
            <ConversationView
              key={openId}
              controller={controller}
              state={state}
              conversationId={openId}
              now={now}
              draft={drafts.get(openId) ?? ''}
              onLeave={() => document.getElementById(QUEUE_LIST_ID)?.focus()}
              onDraft={(text) =>
                setDrafts((previous) => {
                  const next = new Map(previous);
                  if (text === '') next.delete(openId);
                  else next.set(openId, text);
                  return next;
                })
              }
            />
          ) : (
            <p class="conversation-empty">Pick a conversation from the queue.</p>
          )}
        </main>
      </div>
      )}
      <LiveRegion announcement={state.announcement} />
    </div>
  );
}
