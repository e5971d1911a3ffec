/**
 * What the channel form asks for, per network: the settings of `newChannelSchema` in shared, in
 * words an admin recognises from the network's developer pages (docs/channels.md says where each
 * comes from). Credential names come from the shared `CHANNEL_CREDENTIALS`, so the form offers
 * exactly what the relay accepts; only their labels live here.
 */
import { CHANNEL_CREDENTIALS, type SocialNetwork } from '@eyelevel/shared';

export interface SettingField {
  /** The key in the create body. */
  readonly name: string;
  readonly label: string;
  readonly required: boolean;
  readonly type: 'text' | 'url' | 'number' | 'checkbox';
  readonly placeholder?: string;
}

export interface NetworkForm {
  readonly label: string;
  readonly settings: readonly SettingField[];
  /** Credentials a new channel cannot do without (X takes an access token or a refresh token). */
  readonly requiredCredentials: readonly string[];
}

export const NETWORK_FORMS: Record<SocialNetwork, NetworkForm> = {
  x: {
    label: 'X',
    settings: [
      { name: 'accountId', label: 'Account id (numeric)', required: true, type: 'text', placeholder: '2244994945' },
      { name: 'handle', label: 'Handle', required: true, type: 'text', placeholder: '@brand' },
      { name: 'baseUrl', label: 'API URL (optional)', required: false, type: 'url', placeholder: 'https://api.x.com' },
    ],
    requiredCredentials: [],
  },
  facebook: {
    label: 'Facebook page',
    settings: [
      { name: 'pageId', label: 'Page id', required: true, type: 'text' },
      { name: 'handle', label: 'Page name', required: true, type: 'text' },
      { name: 'baseUrl', label: 'Graph API URL (optional)', required: false, type: 'url', placeholder: 'https://graph.facebook.com/v23.0' },
    ],
    requiredCredentials: ['pageAccessToken', 'appSecret', 'verifyToken'],
  },
  mastodon: {
    label: 'Mastodon',
    settings: [
      { name: 'baseUrl', label: 'Instance URL', required: true, type: 'url', placeholder: 'https://mastodon.social' },
      { name: 'streaming', label: 'Use the streaming API', required: false, type: 'checkbox' },
    ],
    requiredCredentials: ['accessToken'],
  },
  bluesky: {
    label: 'Bluesky',
    settings: [{ name: 'baseUrl', label: 'PDS URL (optional)', required: false, type: 'url', placeholder: 'https://bsky.social' }],
    requiredCredentials: ['identifier', 'appPassword'],
  },
  webhook: {
    label: 'Generic webhook',
    settings: [
      { name: 'replyUrl', label: 'Reply URL (optional)', required: false, type: 'url', placeholder: 'https://forum.example/eyelevel/replies' },
      { name: 'maxReplyLength', label: 'Longest reply (characters, optional)', required: false, type: 'number', placeholder: '5000' },
    ],
    requiredCredentials: ['signingSecret'],
  },
};

const CREDENTIAL_LABELS: Record<string, string> = {
  accessToken: 'Access token',
  refreshToken: 'Refresh token',
  clientId: 'OAuth 2.0 client id',
  clientSecret: 'OAuth 2.0 client secret',
  consumerSecret: 'API key secret (webhooks)',
  bearerToken: 'App bearer token (listening)',
  pageAccessToken: 'Page access token',
  appSecret: 'App secret',
  verifyToken: 'Verify token',
  identifier: 'Handle or e-mail',
  appPassword: 'App password',
  signingSecret: 'Signing secret (16+ characters)',
};

export const credentialNames = (kind: SocialNetwork): readonly string[] => CHANNEL_CREDENTIALS[kind];
export const credentialLabel = (name: string): string => CREDENTIAL_LABELS[name] ?? name;

/** Tracked terms as the admin types them: one per line, blanks and repeats dropped. */
export function parseTerms(text: string): string[] {
  return [...new Set(text.split('\n').map((line) => line.trim()).filter(Boolean))];
}
