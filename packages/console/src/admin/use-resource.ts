/**
 * Loads one admin list and reloads it after a change, keeping the last error to show. Admin
 * screens are few and small, so a plain fetch-on-demand beats a cache with invalidation rules.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiResult } from './admin-api.js';

export interface Resource<T> {
  readonly data: T | null;
  readonly error: string | null;
  readonly reload: () => void;
}

export function useResource<T>(load: () => Promise<ApiResult<T>>): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void load().then((result) => {
      if (!live) return;
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else {
        setError(result.message);
      }
    });
    return () => {
      live = false;
    };
  }, [version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload };
}
