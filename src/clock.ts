// One clock for a process: pages, API, CLI output and every background step count from the
// same `now` — DATELINE_NOW (or the reference time stored with the database, see
// src/store/clock.ts), else the wall clock. Steps get it as a parameter; only the shell reads it.
export type Clock = () => Date;

export function clockOf(settings: { now: Date | null }): Clock {
  return () => settings.now ?? new Date();
}

/**
 * The wall clock, for what is about live processes and the outside world rather than the
 * reader's reference time: feed leases and poll times, webhook retries, session expiry.
 */
export const wallClock: Clock = () => new Date();
