/**
 * The open chat: a non-modal dialog with a header, the conversation, the agent's typing
 * indicator and the composer. Escape closes it and the loader returns focus to the launcher.
 * While the panel is open and the tab visible, everything shown counts as read.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelStrings } from '../../i18n/strings.js';
import type { Transport } from '../transport/transport.js';
import { MessageList } from './MessageList.js';
import { Composer } from './Composer.js';
import { TeamLine } from './TeamLine.js';
import { PrechatForm } from './PrechatForm.js';
import { CallbackForm } from './CallbackForm.js';
import { CsatPrompt } from './CsatPrompt.js';
import { OfflineForm } from './OfflineForm.js';
import { openRatingRequest, panelMode } from '../state/panel-mode.js';
import { useChatState } from './use-chat-state.js';

interface Props {
  transport: Transport;
  t: PanelStrings;
  locale: string;
  open: boolean;
  inline: boolean;
  onClose: () => void;
}

export function Panel({ transport, t, locale, open, inline, onClose }: Props) {
  const state = useChatState(transport);
  const input = useRef<HTMLTextAreaElement | null>(null);
  const visible = open || inline;
  // A form the visitor opened themself (callback) over whatever the state asks for.
  const [form, setForm] = useState<'callback' | null>(null);
  const view = form ?? panelMode(state);
  // Rating requests the visitor waved away on this page.
  const [dismissed, setDismissed] = useState(0);
  const rating = openRatingRequest(state);

  useEffect(() => {
    // Also after a form gave way to the chat: the visitor goes on writing.
    if (open && !inline) input.current?.focus();
  }, [open, inline, view]);

  useEffect(() => {
    if (visible && document.visibilityState === 'visible') transport.markRead();
  });

  const banner =
    state.connection === 'failed'
      ? t.unavailable
      : state.connection === 'reconnecting'
        ? t.reconnecting
        : state.connection === 'connecting' && !state.events.length
          ? t.connecting
          : null;

  return (
    <section
      class="p"
      part="panel"
      role={inline ? 'region' : 'dialog'}
      aria-modal={inline ? undefined : 'false'}
      aria-label={t.dialogLabel(state.siteName)}
      lang={locale}
      hidden={!visible}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !inline) {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header class="head" part="header">
        <div class="heading">
          <h2 class="title">{state.siteName || t.dialogLabel('')}</h2>
          {state.team && state.team.members.length > 0 && <TeamLine team={state.team} t={t} />}
        </div>
        {!inline && (
          <button type="button" class="x" part="close" aria-label={t.close} onClick={onClose}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
        )}
      </header>
      <div class="main">
        {/* Over the list, not above it: its coming and going must not shift the conversation. */}
        {banner && (
          <p class="banner" role="status">
            {banner}
          </p>
        )}
        {view === 'offline' ? (
          <OfflineForm
            t={t}
            locale={locale}
            nextOpenAt={state.availability?.nextOpenAt}
            prechat={state.prechat}
            onLeave={(profile, message) => {
              transport.perform(profile);
              transport.send(message);
            }}
            onCallback={() => setForm('callback')}
          />
        ) : view === 'prechat' && state.prechat ? (
          <PrechatForm config={state.prechat} t={t} onSubmit={(profile) => transport.perform(profile)} />
        ) : view === 'callback' ? (
          <CallbackForm
            t={t}
            onSubmit={(request) => {
              transport.perform(request);
              setForm(null);
            }}
            onCancel={() => setForm(null)}
          />
        ) : (
          <MessageList state={state} t={t} locale={locale} onRetry={(id) => transport.retry(id)} />
        )}
      </div>
      {view === 'chat' && (
        <>
          {rating !== null && rating !== dismissed && (
            <CsatPrompt key={rating} requestSeq={rating} t={t} onRate={(r) => transport.perform(r)} onDismiss={() => setDismissed(rating)} />
          )}
          {state.availability?.online === false && (
            <p class="away" part="away">
              {t.awayNotice}
            </p>
          )}
          <p class="typing" aria-live="polite">
            {state.typing ? t.typing(state.typing.name ?? t.teamMember) : ''}
          </p>
          <Composer
            t={t}
            inputRef={input}
            onSend={(text) => transport.send(text).ok}
            onTyping={(on) => transport.setTyping(on)}
          />
          <div class="tools">
            <button type="button" class="link" part="callback-button" onClick={() => setForm('callback')}>
              {t.callMeBack}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
