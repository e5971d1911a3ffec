/**
 * Runs an admin screen's changes against the relay: a refused change leaves its message for the
 * screen to show, a successful one clears it and reloads the list it changed. Every admin screen
 * has exactly one such message, whichever of its buttons or forms caused it.
 */
import { useState } from 'preact/hooks';
import type { ApiResult } from './admin-api.js';

export interface Changes {
  /** The relay's last refusal, or null. */
  readonly error: string | null;
  /** Resolves to the relay's answer, or null when it refused. */
  readonly run: <T>(action: Promise<ApiResult<T>>) => Promise<T | null>;
  readonly clearError: () => void;
}

export function useChanges(reload: () => void): Changes {
  const [error, setError] = useState<string | null>(null);
  return { error, run: (action) => change(action, setError, reload), clearError: () => setError(null) };
}

/** Runs a change and reports its error, or reloads on success. */
async function change<T>(action: Promise<ApiResult<T>>, onError: (message: string | null) => void, reload: () => void): Promise<T | null> {
  const result = await action;
  if (!result.ok) {
    onError(result.message);
    return null;
  }
  onError(null);
  reload();
  return result.value;
}
