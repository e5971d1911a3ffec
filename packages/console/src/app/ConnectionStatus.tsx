/**
 * Whether the console is live. Agents must know when what they see may be stale, and when a
 * reconnect is due, instead of wondering why nothing arrives.
 */
import type { ConnectionInfo } from '../state/console-state.js';

export function ConnectionStatus({ connection, now }: { connection: ConnectionInfo; now: number }) {
  const text =
    connection.status === 'online'
      ? 'Live'
      : connection.status === 'connecting'
        ? 'Connecting…'
        : connection.retryAt !== null && connection.retryAt > now
          ? `Offline — retrying in ${Math.ceil((connection.retryAt - now) / 1000)} s`
          : 'Offline — reconnecting…';
  return (
    <span class={`connection connection-${connection.status}`} role="status">
      {text}
    </span>
  );
}
