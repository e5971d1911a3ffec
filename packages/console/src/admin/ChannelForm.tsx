/**
 * Connecting a social channel, or changing one: the network's own settings (new channels only),
 * name, team, signature, poll interval, tracked keywords and hashtags (listening), and the
 * credentials. Credentials are write-only: the fields always start empty, an existing channel
 * only says which are set, and an empty field on save keeps the stored value.
 */
import { useState } from 'preact/hooks';
import { SOCIAL_NETWORKS, type NewChannelInput, type SocialNetwork, type TeamEntry, type UpdateChannel } from '@eyelevel/shared';
import type { ChannelView } from './admin-api.js';
import { NETWORK_FORMS, credentialLabel, credentialNames, parseTerms } from './channel-fields.js';
import { AdminForm } from './AdminForm.js';
import { FormActions } from '../forms/FormActions.js';

interface Props {
  readonly channel: ChannelView | null;
  readonly teams: readonly TeamEntry[];
  readonly onCreate: (body: NewChannelInput) => void;
  readonly onUpdate: (body: UpdateChannel) => void;
  readonly onCancel: () => void;
}

export function ChannelForm({ channel, teams, onCreate, onUpdate, onCancel }: Props) {
  const [kind, setKind] = useState<SocialNetwork>(channel?.kind ?? 'mastodon');
  const [name, setName] = useState(channel?.name ?? '');
  const [teamId, setTeamId] = useState(channel?.teamId ?? '');
  const [signature, setSignature] = useState(channel?.signature ?? '');
  const [pollSeconds, setPollSeconds] = useState(channel ? String(channel.pollSeconds) : '');
  const [terms, setTerms] = useState((channel?.listen ?? []).join('\n'));
  const [settings, setSettings] = useState<Record<string, string | boolean>>({ streaming: true });
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const network = NETWORK_FORMS[kind];
  const isSet = (credential: string) => channel?.credentialsSet.includes(credential) ?? false;

  function submit() {
    const credentials = Object.fromEntries(
      credentialNames(kind)
        .map((credential) => [credential, (secrets[credential] ?? '').trim()] as const)
        .filter(([, value]) => value !== ''),
    );
    const common = {
      name: name.trim(),
      teamId: teamId || null,
      ...(signature.trim() ? { signature } : {}),
      ...(pollSeconds.trim() ? { pollSeconds: Number(pollSeconds) } : {}),
      listen: parseTerms(terms),
    };
    if (channel) {
      onUpdate({ ...common, ...(Object.keys(credentials).length > 0 ? { credentials } : {}) });
      return;
    }
    const own: Record<string, string | number | boolean> = {};
    for (const field of network.settings) {
      const value = settings[field.name];
      if (field.type === 'checkbox') own[field.name] = value === true;
      else if (typeof value === 'string' && value.trim() !== '') own[field.name] = field.type === 'number' ? Number(value) : value.trim();
    }
    onCreate({ kind, ...common, ...own, credentials } as NewChannelInput);
  }

  return (
    <AdminForm label={channel ? `Edit ${channel.name}` : 'New channel'} onSubmit={submit}>
      {!channel && (
        <label>
          Network
          <select value={kind} onChange={(event) => setKind(event.currentTarget.value as SocialNetwork)}>
            {SOCIAL_NETWORKS.map((one) => (
              <option key={one} value={one}>
                {NETWORK_FORMS[one].label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Channel name
        <input required value={name} onInput={(event) => setName(event.currentTarget.value)} />
      </label>
      {!channel &&
        network.settings.map((field) =>
          field.type === 'checkbox' ? (
            <label key={`${kind}-${field.name}`} class="admin-check">
              <input
                type="checkbox"
                checked={settings[field.name] === true}
                onChange={(event) => setSettings({ ...settings, [field.name]: event.currentTarget.checked })}
              />
              {field.label}
            </label>
          ) : (
            <label key={`${kind}-${field.name}`}>
              {field.label}
              <input
                type={field.type}
                required={field.required}
                placeholder={field.placeholder}
                value={String(settings[field.name] ?? '')}
                onInput={(event) => setSettings({ ...settings, [field.name]: event.currentTarget.value })}
              />
            </label>
          ),
        )}
      <label>
        Team
        <select value={teamId} onChange={(event) => setTeamId(event.currentTarget.value)}>
          <option value="">General queue</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Signature (optional, e.g. " ^{'{initials}'}")
        <input value={signature} onInput={(event) => setSignature(event.currentTarget.value)} />
      </label>
      <label>
        Poll every (seconds, optional)
        <input type="number" min={5} max={3600} value={pollSeconds} onInput={(event) => setPollSeconds(event.currentTarget.value)} />
      </label>
      <label>
        Tracked keywords and hashtags (one per line; listening)
        <textarea rows={3} value={terms} placeholder={'#BrandRouter\nbrand router'} onInput={(event) => setTerms(event.currentTarget.value)} />
      </label>
      <fieldset class="admin-checks">
        <legend>Credentials (write-only: never shown again{channel ? '; leave empty to keep' : ''})</legend>
        {credentialNames(kind).map((credential) => (
          <label key={`${kind}-${credential}`}>
            {credentialLabel(credential)}
            {isSet(credential) && <span class="badge">set</span>}
            <input
              type="password"
              autocomplete="new-password"
              spellcheck={false}
              required={!channel && network.requiredCredentials.includes(credential)}
              value={secrets[credential] ?? ''}
              onInput={(event) => setSecrets({ ...secrets, [credential]: event.currentTarget.value })}
            />
          </label>
        ))}
      </fieldset>
      <FormActions primary submit={channel ? 'Save channel' : 'Connect channel'} onCancel={onCancel} />
    </AdminForm>
  );
}
