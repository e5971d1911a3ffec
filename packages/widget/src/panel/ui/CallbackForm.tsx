/**
 * "Call me back" (issue 3): the visitor leaves a phone number, when suits them and what it is
 * about. The request goes out as a `callback` action from the outbox (acked like a message) and
 * becomes a task in the agents' queue; its progress shows in the conversation.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '@eyelevel/shared';
import type { PanelStrings } from '../../i18n/strings.js';
import type { OutboxAction } from '../transport/session-store.js';
import { FormField } from './FormField.js';

/** What the relay accepts (phoneSchema): digits, optional leading +, spaces and ()-./ */
const PHONE = /^\+?[0-9 ()./-]+$/;

interface Props {
  t: PanelStrings;
  onSubmit: (request: Extract<OutboxAction, { type: 'callback' }>) => void;
  onCancel: () => void;
}

export function CallbackForm({ t, onSubmit, onCancel }: Props) {
  const [phone, setPhone] = useState('');
  const [when, setWhen] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // The visitor asked for this form: put them in its first field.
  useEffect(() => formRef.current?.querySelector('input')?.focus(), []);

  const submit = (): void => {
    const number = phone.trim();
    if (!number) return setError(t.fieldRequired(t.phoneLabel));
    if (!PHONE.test(number) || number.replace(/\D/g, '').length < 5) return setError(t.invalidPhone);
    onSubmit({
      type: 'callback',
      phone: number,
      ...(when.trim() ? { preferredTime: when.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };

  return (
    <form
      ref={formRef}
      class="form"
      part="callback"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p class="intro">{t.callbackIntro}</p>
      <FormField id="el-phone" label={t.phoneLabel} required error={error}>
        {(a) => (
          <input {...a} type="tel" autocomplete="tel" maxLength={LIMITS.maxPhoneLength} value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
        )}
      </FormField>
      <FormField id="el-when" label={t.preferredTimeLabel} required={false} error={null}>
        {(a) => (
          <input {...a} type="text" maxLength={LIMITS.maxPreferredTimeLength} placeholder={t.preferredTimeHint} value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
        )}
      </FormField>
      <FormField id="el-note" label={t.callbackNoteLabel} required={false} error={null}>
        {(a) => <textarea {...a} rows={2} maxLength={LIMITS.maxNoteLength} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
      </FormField>
      <div class="row">
        <button type="button" class="link" onClick={onCancel}>
          {t.cancel}
        </button>
        <button type="submit" class="send wide">
          {t.requestCallback}
        </button>
      </div>
    </form>
  );
}
