/**
 * Which connector serves which network. The runtime only ever sees the `Connector` interface;
 * adding a network is a folder beside the others and a line here.
 */
import type { ConnectorFactory } from './connector.js';
import type { ChannelRecord } from '../storage/channel-store.js';
import { webhookConnector } from './webhook/webhook-connector.js';
import { mastodonConnector } from './mastodon/mastodon-connector.js';
import { xConnector } from './x/x-connector.js';
import { facebookConnector } from './facebook/facebook-connector.js';
import { blueskyConnector } from './bluesky/bluesky-connector.js';

export const CONNECTORS: Record<ChannelRecord['kind'], ConnectorFactory> = {
  webhook: webhookConnector,
  mastodon: mastodonConnector,
  x: xConnector,
  facebook: facebookConnector,
  bluesky: blueskyConnector,
};
