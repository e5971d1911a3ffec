/**
 * Offline mode (issue 3): nobody can answer live (outside business hours, or no agent of the
 * team online), so the chat becomes a leave-a-message form. The e-mail is required, because the
 * answer may come after the visitor left; it goes out as a `profile` action, the message as a
 * normal `send` — both from the outbox, in that order — so it is a normal conversation.
 */
import { useState } from 'preact/hooks';
import { LIMITS } from '@eyelevel/shared';
import type { PanelStrings } from '../../i18n/strings.js';
import type { PrechatConfig } from '../state/chat-state.js';
import type { OutboxAction } from '../transport/session-store.js';
import { formatTime } from '../text/format-time.js';
import { FormField } from './FormField.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SAFE_URL = /^https?:\/\//i;

interface Props {
  t: PanelStrings;
  locale: string;
  nextOpenAt: number | undefined;
  /** The site's pre-chat settings: its privacy text applies to the e-mail we keep here too. */
  prechat: PrechatConfig | null;
  onLeave: (profile: Extract<OutboxAction, { type: 'profile' }>, message: string) => void;
  onCallback: () => void;
}

export function OfflineForm({ t, locale, nextOpenAt, prechat, onLeave, onCallback }: Props) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const privacy = prechat?.privacyText ?? null;

  const submit = (): void => {
    const address = email.trim();
    const text = message.trim();
    if (!address) return setError({ field: 'email', text: t.fieldRequired(t.emailLabel) });
    if (!EMAIL.test(address) || address.length > LIMITS.maxEmailLength) return setError({ field: 'email', text: t.invalidEmail });
    if (!text) return setError({ field: 'message', text: t.fieldRequired(t.messageLabel) });
    if (privacy && !consent) return setError({ field: 'consent', text: t.consentRequired });
    setError(null);
    onLeave(
      {
        type: 'profile',
        email: address,
        ...(name.trim() ? { name: name.trim().slice(0, LIMITS.maxNameLength) } : {}),
        ...(privacy && prechat?.textVersion ? { consent: { at: Date.now(), textVersion: prechat.textVersion } } : {}),
      },
      text,
    );
  };
  const fieldError = (field: string) => (error?.field === field ? error.text : null);

  return (
    <form
      class="form"
      part="offline"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p class="intro">
        <strong>{t.offlineTitle}</strong> {t.offlineIntro}
        {nextOpenAt !== undefined && <> {t.backAt(formatTime(nextOpenAt, locale))}</>}
      </p>
      <FormField id="el-off-name" label={t.nameLabel} required={false} error={null}>
        {(a) => <input {...a} type="text" autocomplete="name" maxLength={LIMITS.maxNameLength} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
      </FormField>
      <FormField id="el-off-email" label={t.emailLabel} required error={fieldError('email')}>
        {(a) => <input {...a} type="email" autocomplete="email" maxLength={LIMITS.maxEmailLength} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
      </FormField>
      <FormField id="el-off-message" label={t.messageLabel} required error={fieldError('message')}>
        {(a) => <textarea {...a} rows={4} maxLength={LIMITS.maxMessageLength} value={message} onInput={(e) => setMessage(e.currentTarget.value)} />}
      </FormField>
      {privacy && (
        <div class="check">
          <input
            id="el-off-consent"
            type="checkbox"
            checked={consent}
            aria-invalid={!!fieldError('consent')}
            aria-describedby={fieldError('consent') ? 'el-off-consent-err' : undefined}
            onChange={(e) => setConsent(e.currentTarget.checked)}
          />
          <label for="el-off-consent">
            {privacy}{' '}
            {prechat?.privacyUrl && SAFE_URL.test(prechat.privacyUrl) && (
              <a href={prechat.privacyUrl} target="_blank" rel="noopener noreferrer">
                {t.privacyLink}
              </a>
            )}
          </label>
          {fieldError('consent') && (
            <p id="el-off-consent-err" class="hint err" role="alert">
              {fieldError('consent')}
            </p>
          )}
        </div>
      )}
      <div class="row">
        <button type="button" class="link" onClick={onCallback}>
          {t.callMeBack}
        </button>
        <button type="submit" class="send wide">
          {t.leaveMessage}
        </button>
      </div>
    </form>
  );
}
