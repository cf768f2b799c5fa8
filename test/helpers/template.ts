// The run's migrated embedded database (built once by global-setup.ts, DATELINE_TEST_TEMPLATE), copied
// where a test needs a database directory that starts migrated. Only node:fs here, so a test that runs
// `dateline` processes does not load the store to get it.
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Copies the migrated template into `dataDir`; false (nothing copied: the first open migrates) when
 * there is none, as in a run without the global setup.
 */
export function copyMigratedTemplate(dataDir: string): boolean {
  const template = process.env.DATELINE_TEST_TEMPLATE;
  if (!template || !existsSync(join(template, 'READY'))) return false;
  cpSync(template, dataDir, { recursive: true });
  return true;
}
