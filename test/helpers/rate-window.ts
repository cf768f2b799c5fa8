// The rate limits count in fixed windows of real time (src/server/rate-limit.ts), so a test that
// sends a limit's worth of requests across a window's end sees the count start again (a CI run saw 53
// of 55 Fever guesses pass at 21:45:00). Tests that count up to a limit first wait, when the next
// window edge is near, until it has passed.

/** Resolves at once when at least `marginMs` is left in the current `windowMs` window, else just after its end. */
export async function awayFromWindowEdge(windowMs: number, marginMs = 30_000): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
