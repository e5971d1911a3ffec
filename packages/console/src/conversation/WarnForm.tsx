/**
 * Warn from one of the workspace's templates (issue 6): pick one, read and edit the text that
 * will be sent (as a reply, so review policies still apply to a public one), and give the reason
 * for the audit log. Private templates are not offered where the conversation is public.
 */
import { useState } from 'preact/hooks';
import { LIMITS, renderWarnTemplate, type WarnTemplate } from '@eyelevel/shared';
import { ActionPanel } from './ActionPanel.js';

interface Props {
  readonly templates: readonly WarnTemplate[];
  /** The person's name or handle, for `{name}`. */
  readonly name: string | null;
  /** A social conversation: only public warnings reach the author. */
  readonly publicOnly: boolean;
  readonly onWarn: (template: string, text: string | null, reason: string) => void;
  readonly onCancel: () => void;
}

export function WarnForm({ templates, name, publicOnly, onWarn, onCancel }: Props) {
  const offered = templates.filter((template) => !publicOnly || template.visibility === 'public');
  const [key, setKey] = useState(offered[0]?.key ?? '');
  const template = offered.find((t) => t.key === key) ?? null;
  const filled = template ? renderWarnTemplate(template.text, name) : '';
  const [text, setText] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const shown = text ?? filled;
  if (!template) return <p class="action-panel">No warn templates fit this conversation; an admin can add some.</p>;
  return (
    <ActionPanel
      label="Warn"
      submit="Send warning"
      ready={reason.trim() !== '' && shown.trim() !== ''}
      onSubmit={() => onWarn(template.key, shown === filled ? null : shown, reason)}
      onCancel={onCancel}
    >
      <label>
        Template
        <select
          value={key}
          onChange={(event) => {
            setKey(event.currentTarget.value);
            setText(null);
          }}
        >
          {offered.map((t) => (
            <option key={t.key} value={t.key}>
              {t.title} ({t.visibility})
            </option>
          ))}
        </select>
      </label>
      <label>
        Message ({template.visibility === 'public' ? 'sent as a reply; review rules apply' : 'only this person sees it'})
        <textarea rows={3} maxLength={LIMITS.maxMessageLength} value={shown} onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <label>
        Reason (kept in the audit log)
        <textarea rows={2} required maxLength={LIMITS.maxNoteLength} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
      </label>
    </ActionPanel>
  );
}
