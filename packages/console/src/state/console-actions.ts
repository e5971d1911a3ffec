/**
 * Everything that can change the console's state: frames from the relay, frames the controller
 * put on the wire, and what the agent does. One union so the reducer handles each in one place.
 */
import type { AgentClientFrame, AgentServerFrame, PresenceStatus } from '@eyelevel/shared';
import type { OutboxEntry } from './outbox.js';
import type { ConnectionStatus } from './console-state.js';

export type ConsoleAction =
  | { type: 'connection'; status: ConnectionStatus; retryAt: number | null }
  | { type: 'frame'; frame: AgentServerFrame; now: number }
  /** The relay sent something that is not a valid frame; shown, never acted on. */
  | { type: 'badFrame'; message: string }
  /** The controller put this frame on the wire (on the current epoch). */
  | { type: 'sent'; frame: AgentClientFrame }
  | { type: 'open'; conversationId: string | null }
  | { type: 'enqueue'; entry: OutboxEntry }
  | { type: 'retry'; id: string }
  | { type: 'discard'; id: string }
  | { type: 'visible'; visible: boolean }
  | { type: 'tick'; now: number }
  | { type: 'dismissNotice'; id: number }
  /** Hides a spike alert's banner in this console (it stays in the list). */
  | { type: 'dismissAlert'; id: string }
  /** The agent switched their own presence. */
  | { type: 'presence'; status: PresenceStatus };
