/**
 * What every connection needs from the relay, handed over as one object so connections stay
 * free of construction details.
 */
import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';
import type { Storage } from '../storage/storage.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { RateLimit } from './rate-limiter.js';
import type { Router } from '../routing/router.js';
import type { QueueStates } from '../routing/queue-states.js';
import type { CallbackTasks } from '../routing/callback-tasks.js';
import type { Availability } from '../availability/availability.js';
import type { PresenceTracker } from './presence-tracker.js';
import type { Channels } from '../connectors/channels.js';
import type { SpikeMonitor } from '../alerts/spike-monitor.js';
import type { ModerationActions } from '../moderation/moderation-actions.js';
import type { EscalationDecisions } from '../moderation/escalation-decisions.js';
import type { Blocks } from '../moderation/blocks.js';
import type { Reviews } from '../review/reviews.js';

export interface GatewayContext {
  storage: Storage;
  bus: Bus;
  conversations: ConversationService;
  router: Router;
  queueStates: QueueStates;
  /** Callback tasks, agent side (issue 3). */
  callbacks: CallbackTasks;
  /** Business hours and agent presence, as visitors see them (issue 3). */
  availability: Availability;
  presence: PresenceTracker;
  log: Logger;
  rateLimits: { visitor: RateLimit; agent: RateLimit };
  /** Social channels (issue 5): public replies, retries and moderation. */
  channels: Channels;
  /** Spike alerts (issue 6): web chat messages are counted, consoles get recent alerts. */
  spikes: SpikeMonitor;
  /** Moderation, blocks and escalation decisions (issue 6). */
  moderation: { actions: ModerationActions; decisions: EscalationDecisions; blocks: Blocks };
  /** Four-eyes review (issue 6): every agent reply goes through it. */
  reviews: Reviews;
}
