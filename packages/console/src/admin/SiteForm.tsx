/**
 * A site's settings: its name, the exact origins allowed to embed the widget (one per line),
 * and the widget's settings — header title, pre-chat form (fields, which are required, topics,
 * consent text and link) and business hours. Field names follow the shared `siteSettingsSchema`,
 * which the relay validates against.
 */
import { useState } from 'preact/hooks';
import { PRECHAT_FIELDS, type PrechatField, type SiteSettingsInput } from '@eyelevel/shared';
import type { AdminSite } from './admin-api.js';
import { formatWeekly, parseWeekly } from './business-hours-text.js';
import { AdminForm } from './AdminForm.js';
import { FormError } from './FormError.js';
import { FormActions } from '../forms/FormActions.js';

export interface SiteFormValues {
  readonly name: string;
  readonly allowedOrigins: string[];
  readonly settings: SiteSettingsInput;
}

interface Props {
  readonly site: AdminSite | null;
  readonly onSave: (values: SiteFormValues) => void;
  readonly onCancel: () => void;
}

const FIELD_LABELS: Record<PrechatField, string> = { name: 'Name', email: 'E-mail', topic: 'Topic' };
const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

export function SiteForm({ site, onSave, onCancel }: Props) {
  const settings = site?.settings ?? {};
  const [name, setName] = useState(site?.name ?? '');
  const [origins, setOrigins] = useState((site?.allowedOrigins ?? []).join('\n'));
  const [title, setTitle] = useState(settings.title ?? '');
  const [fields, setFields] = useState<PrechatField[]>(settings.prechat?.fields ?? []);
  const [required, setRequired] = useState<PrechatField[]>(settings.prechat?.required ?? []);
  const [topics, setTopics] = useState((settings.prechat?.topics ?? []).join('\n'));
  const [privacyText, setPrivacyText] = useState(settings.prechat?.privacyText ?? '');
  const [privacyUrl, setPrivacyUrl] = useState(settings.prechat?.privacyUrl ?? '');
  const [timeZone, setTimeZone] = useState(settings.businessHours?.timeZone ?? '');
  const [weekly, setWeekly] = useState(formatWeekly(settings.businessHours?.weekly ?? []));
  const [problem, setProblem] = useState<string | null>(null);

  function submit() {
    const hours = parseWeekly(weekly);
    if (!hours.ok) return setProblem(`Business hours, ${hours.message}`);
    if (hours.weekly.length > 0 && !timeZone.trim()) return setProblem('Business hours need a time zone, e.g. Europe/Berlin');
    setProblem(null);
    const usePrechat = fields.length > 0 || privacyText.trim() !== '';
    onSave({
      name,
      allowedOrigins: lines(origins),
      settings: {
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(usePrechat
          ? {
              prechat: {
                fields,
                required: required.filter((field) => fields.includes(field)),
                ...(lines(topics).length > 0 ? { topics: lines(topics) } : {}),
                ...(privacyText.trim() ? { privacyText: privacyText.trim() } : {}),
                ...(privacyUrl.trim() ? { privacyUrl: privacyUrl.trim() } : {}),
              },
            }
          : {}),
        ...(timeZone.trim() ? { businessHours: { timeZone: timeZone.trim(), weekly: hours.weekly } } : {}),
      },
    });
  }

  const toggle = (list: PrechatField[], field: PrechatField, on: boolean) => (on ? [...list, field] : list.filter((f) => f !== field));

  return (
    <AdminForm label={site ? `Edit ${site.name}` : 'New site'} onSubmit={submit}>
      <label>
        Site name
        <input required value={name} onInput={(event) => setName(event.currentTarget.value)} />
      </label>
      <label>
        Allowed origins (one per line, e.g. https://www.example.com)
        <textarea required rows={3} value={origins} onInput={(event) => setOrigins(event.currentTarget.value)} />
      </label>
      <label>
        Widget title (optional)
        <input value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <fieldset class="admin-checks">
        <legend>Pre-chat form</legend>
        {PRECHAT_FIELDS.map((field) => (
          <span key={field} class="admin-check-pair">
            <label>
              <input type="checkbox" checked={fields.includes(field)} onChange={(event) => setFields(toggle(fields, field, event.currentTarget.checked))} />
              Ask for {FIELD_LABELS[field].toLowerCase()}
            </label>
            <label>
              <input
                type="checkbox"
                disabled={!fields.includes(field)}
                checked={required.includes(field)}
                onChange={(event) => setRequired(toggle(required, field, event.currentTarget.checked))}
              />
              required
            </label>
          </span>
        ))}
        <label>
          Topics (one per line; empty: free text)
          <textarea rows={2} value={topics} onInput={(event) => setTopics(event.currentTarget.value)} />
        </label>
        <label>
          Consent text (visitors must tick it before chatting)
          <textarea rows={2} value={privacyText} onInput={(event) => setPrivacyText(event.currentTarget.value)} />
        </label>
        <label>
          Privacy policy URL
          <input type="url" value={privacyUrl} onInput={(event) => setPrivacyUrl(event.currentTarget.value)} />
        </label>
      </fieldset>
      <fieldset class="admin-checks">
        <legend>Business hours (empty: always open)</legend>
        <label>
          Time zone
          <input value={timeZone} placeholder="Europe/Berlin" onInput={(event) => setTimeZone(event.currentTarget.value)} />
        </label>
        <label>
          Opening hours (one interval per line: mon 09:00-17:00)
          <textarea rows={4} value={weekly} onInput={(event) => setWeekly(event.currentTarget.value)} />
        </label>
      </fieldset>
      <FormError message={problem} />
      <FormActions primary submit={site ? 'Save site' : 'Create site'} onCancel={onCancel} />
    </AdminForm>
  );
}
