/**
 * The site's pre-chat form (issue 3): the fields the site asks for, its topics, and the consent
 * checkbox with the site's privacy text. Shown once, before a new visitor's first message; the
 * answers go out as one `profile` action (acked like a message, so a reload does not lose it).
 * Every label is a real <label>; errors are announced and name the field they belong to.
 */
import { useState } from 'preact/hooks';
import { LIMITS } from '@eyelevel/shared';
import type { PanelStrings } from '../../i18n/strings.js';
import type { PrechatConfig } from '../state/chat-state.js';
import type { OutboxAction } from '../transport/session-store.js';
import { FormField } from './FormField.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SAFE_URL = /^https?:\/\//i;

interface Props {
  config: PrechatConfig;
  t: PanelStrings;
  onSubmit: (profile: Extract<OutboxAction, { type: 'profile' }>) => void;
}

export function PrechatForm({ config, t, onSubmit }: Props) {
  const [values, setValues] = useState({ name: '', email: '', topic: '' });
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const asks = (field: 'name' | 'email' | 'topic') => config.fields.includes(field);
  const needs = (field: 'name' | 'email' | 'topic') => config.required.includes(field) && asks(field);
  const set = (field: keyof typeof values) => (value: string) => setValues({ ...values, [field]: value });

  const submit = (): void => {
    const name = values.name.trim();
    const email = values.email.trim();
    const topic = values.topic.trim();
    const missing = (['name', 'email', 'topic'] as const).find((f) => needs(f) && !{ name, email, topic }[f]);
    if (missing) return setError({ field: missing, text: t.fieldRequired(t[`${missing}Label`]) });
    if (email && !EMAIL.test(email)) return setError({ field: 'email', text: t.invalidEmail });
    if (config.privacyText && !consent) return setError({ field: 'consent', text: t.consentRequired });
    setError(null);
    onSubmit({
      type: 'profile',
      ...(name ? { name } : {}),
      ...(email ? { email } : {}),
      ...(topic ? { topic } : {}),
      ...(config.privacyText && config.textVersion ? { consent: { at: Date.now(), textVersion: config.textVersion } } : {}),
    });
  };

  const fieldError = (field: string) => (error?.field === field ? error.text : null);
  return (
    <form
      class="form"
      part="prechat"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p class="intro">{t.prechatIntro}</p>
      {asks('name') && (
        <FormField id="el-name" label={t.nameLabel} required={needs('name')} error={fieldError('name')}>
          {(a) => <input {...a} type="text" autocomplete="name" maxLength={LIMITS.maxNameLength} value={values.name} onInput={(e) => set('name')(e.currentTarget.value)} />}
        </FormField>
      )}
      {asks('email') && (
        <FormField id="el-email" label={t.emailLabel} required={needs('email')} error={fieldError('email')}>
          {(a) => <input {...a} type="email" autocomplete="email" maxLength={LIMITS.maxEmailLength} value={values.email} onInput={(e) => set('email')(e.currentTarget.value)} />}
        </FormField>
      )}
      {asks('topic') && (
        <FormField id="el-topic" label={t.topicLabel} required={needs('topic')} error={fieldError('topic')}>
          {(a) =>
            config.topics?.length ? (
              <select {...a} value={values.topic} onChange={(e) => set('topic')(e.currentTarget.value)}>
                <option value="">{t.topicChoose}</option>
                {config.topics.map((topic) => (
                  <option key={topic} value={topic}>
                    {topic}
                  </option>
                ))}
              </select>
            ) : (
              <input {...a} type="text" maxLength={LIMITS.maxTopicLength} value={values.topic} onInput={(e) => set('topic')(e.currentTarget.value)} />
            )
          }
        </FormField>
      )}
      {config.privacyText && (
        <div class="check">
          <input
            id="el-consent"
            type="checkbox"
            checked={consent}
            aria-invalid={!!fieldError('consent')}
            aria-describedby={fieldError('consent') ? 'el-consent-err' : undefined}
            onChange={(e) => setConsent(e.currentTarget.checked)}
          />
          <label for="el-consent">
            {config.privacyText}{' '}
            {config.privacyUrl && SAFE_URL.test(config.privacyUrl) && (
              <a href={config.privacyUrl} target="_blank" rel="noopener noreferrer">
                {t.privacyLink}
              </a>
            )}
          </label>
          {fieldError('consent') && (
            <p id="el-consent-err" class="hint err" role="alert">
              {fieldError('consent')}
            </p>
          )}
        </div>
      )}
      <button type="submit" class="send wide" part="send">
        {t.startChat}
      </button>
    </form>
  );
}
