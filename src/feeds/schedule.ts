// When to poll a feed next. Pure arithmetic over what the last poll saw: a feed that changed
// is polled about as often as it publishes, one that did not drifts towards the upper bound,
// a failing one backs off exponentially (or as long as the server's Retry-After asks), and one
// that failed many times in a row is flagged for a human to look at.

export interface ScheduleBounds {
  minSeconds: number;
  maxSeconds: number;
  /** Consecutive failures after which the feed is flagged. */
  flagAfter: number;
}

export const DEFAULT_BOUNDS: ScheduleBounds = { minSeconds: 300, maxSeconds: 86_400, flagAfter: 10 };

export interface PollOutcome {
  /** Whether the poll brought new or changed entries. */
  changed: boolean;
  /** Publication times of the feed's entries (any order), to estimate its rhythm. */
  entryDates: Date[];
  /** The feed's own hint (RSS ttl, sy:updatePeriod), in seconds. */
  ttlSeconds: number | null;
}

const clamp = (value: number, bounds: ScheduleBounds) => Math.round(Math.min(bounds.maxSeconds, Math.max(bounds.minSeconds, value)));

/** The interval after a successful poll (200 or 304). */
export function intervalAfterSuccess(previousSeconds: number, outcome: PollOutcome, bounds: ScheduleBounds): number {
  let next: number;
  if (outcome.changed) {
    // Poll about twice per typical gap between entries, never faster than the bounds allow.
    const gap = medianGapSeconds(outcome.entryDates);
    next = gap !== null ? Math.min(gap / 2, previousSeconds) : previousSeconds / 2;
  } else {
    next = previousSeconds * 1.5;
  }
  if (outcome.ttlSeconds !== null) next = Math.max(next, outcome.ttlSeconds);
  return clamp(next, bounds);
}

/** The delay before retrying after the `failures`-th failure in a row. */
export function backoffAfterFailure(failures: number, retryAfterSeconds: number | null, bounds: ScheduleBounds): number {
  const exponential = bounds.minSeconds * 2 ** Math.max(0, Math.min(failures - 1, 30));
  return clamp(Math.max(exponential, retryAfterSeconds ?? 0), bounds);
}

export function isFlagged(failures: number, bounds: ScheduleBounds): boolean {
  return failures >= bounds.flagAfter;
}

/** Median gap between consecutive entry dates, in seconds; null with fewer than three dates. */
export function medianGapSeconds(dates: Date[]): number | null {
  const times = dates
    .map((d) => d.getTime())
    .filter(Number.isFinite)
    .sort((a, b) => b - a)
    .slice(0, 20);
  if (times.length < 3) return null;
  const gaps = times
    .slice(1)
    .map((t, i) => (times[i]! - t) / 1000)
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  if (!gaps.length) return null;
  return gaps[Math.floor(gaps.length / 2)]!;
}
