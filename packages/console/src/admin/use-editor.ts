/**
 * The inline editor of an admin list (sites, agents, channels, canned replies): which entry is
 * open — one of the list, a new one, or none — and the changes made from the screen. A change
 * saved from the editor closes it once the relay accepts it; cancelling closes it and forgets
 * the refusal, which was about what the admin just gave up.
 */
import { useState } from 'preact/hooks';
import type { ApiResult } from './admin-api.js';
import { useChanges, type Changes } from './use-changes.js';

export interface Editor<T> extends Changes {
  readonly editing: T | 'new' | null;
  /** The entry open in the editor; null for a new one or when it is closed. */
  readonly entry: T | null;
  readonly open: (target: T | 'new') => void;
  readonly cancel: () => void;
  /** Runs the editor's change; closes the editor when the relay accepts it. */
  readonly save: <R>(action: Promise<ApiResult<R>>) => Promise<R | null>;
}

export function useEditor<T>(reload: () => void): Editor<T> {
  const changes = useChanges(reload);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return {
    ...changes,
    editing,
    entry: editing === 'new' ? null : editing,
    open: setEditing,
    cancel: () => {
      setEditing(null);
      changes.clearError();
    },
    save: async (action) => {
      const saved = await changes.run(action);
      if (saved) setEditing(null);
      return saved;
    },
  };
}
