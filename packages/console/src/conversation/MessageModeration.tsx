/**
 * Hide, unhide, delete or warn about one message (issue 6), inside its bubble. Each asks for the
 * reason first; the action goes out through the outbox and comes back as a log entry naming who
 * did it and why, so the bubble then shows the mark.
 */
import { useState } from 'preact/hooks';
import type { WarnTemplate } from '@eyelevel/shared';
import type { OfferedAction, EntryAction } from './moderation-permission.js';
import { ReasonForm } from './ReasonForm.js';
import { WarnForm } from './WarnForm.js';

const LABEL: Record<EntryAction, string> = { hide: 'Hide', unhide: 'Unhide', delete: 'Delete' };

interface Props {
  readonly seq: number;
  readonly actions: readonly OfferedAction[];
  readonly warnTemplates: readonly WarnTemplate[];
  readonly name: string | null;
  readonly publicOnly: boolean;
  /** An action on this entry is on its way. */
  readonly busy: boolean;
  readonly onModerate: (action: EntryAction, reason: string) => void;
  readonly onWarn: (template: string, text: string | null, reason: string) => void;
}

export function MessageModeration({ seq, actions, warnTemplates, name, publicOnly, busy, onModerate, onWarn }: Props) {
  const [panel, setPanel] = useState<EntryAction | 'warn' | null>(null);
  if (busy) return <p class="moderation-busy" role="status">Moderating…</p>;
  if (panel === 'warn') {
    return (
      <WarnForm
        templates={warnTemplates}
        name={name}
        publicOnly={publicOnly}
        onWarn={(template, text, reason) => {
          onWarn(template, text, reason);
          setPanel(null);
        }}
        onCancel={() => setPanel(null)}
      />
    );
  }
  if (panel) {
    return (
      <ReasonForm
        label={`${LABEL[panel]} message #${seq}`}
        submit={LABEL[panel]}
        onSubmit={(reason) => {
          onModerate(panel, reason);
          setPanel(null);
        }}
        onCancel={() => setPanel(null)}
      />
    );
  }
  return (
    <div class="moderation-controls" role="group" aria-label={`Moderate message #${seq}`}>
      {actions.map(({ action, blocked }) => (
        <button key={action} type="button" class="link-button" disabled={blocked !== null} title={blocked ?? undefined} onClick={() => setPanel(action)}>
          {LABEL[action]}…
        </button>
      ))}
      <button type="button" class="link-button" onClick={() => setPanel('warn')}>
        Warn…
      </button>
    </div>
  );
}
