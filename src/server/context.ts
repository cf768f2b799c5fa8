// What every route gets: the database, the settings and the reference clock.
import type { Db } from '../store/db.ts';
import type { Settings } from '../config.ts';
import type { PanelRegistry } from './panels.ts';

export interface AppContext {
  db: Db;
  settings: Settings;
  /** The reference time for ages; fixed by DATELINE_NOW for reproducible demos. */
  now: () => Date;
  /** Blocks features add to the reader's pages (see panels.ts). */
  panels: PanelRegistry;
}

export function makeContext(db: Db, settings: Settings): AppContext {
  return { db, settings, now: () => settings.now ?? new Date(), panels: new Map() };
}
