/**
 * Where the built widget and console live: in their workspace packages' dist folders, found
 * through module resolution so the relay works from any working directory.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AssetDirs } from './http/static-routes.js';

export function findAssetDirs(): AssetDirs {
  const require = createRequire(import.meta.url);
  const dirOf = (name: string, sub: string): string | null => {
    try {
      return join(dirname(require.resolve(`${name}/package.json`)), sub);
    } catch {
      return null;
    }
  };
  return { widget: dirOf('@eyelevel/widget', 'dist/cdn'), console: dirOf('@eyelevel/console', 'dist') };
}
