// Background work that runs alongside the server in one process: in embedded mode only one
// process may own the data directory, so the worker loop (feed polling, retention) runs here.
// Features register a starter; `start` runs them all and returns one function that stops them.
import type { AppContext } from './context.ts';

export type BackgroundStarter = (ctx: AppContext) => Promise<() => Promise<void>>;

const starters: { name: string; start: BackgroundStarter }[] = [];

export const serveHooks = {
  register(name: string, start: BackgroundStarter): void {
    if (!starters.some((s) => s.name === name)) starters.push({ name, start });
  },
  async start(ctx: AppContext): Promise<() => Promise<void>> {
    const stops: (() => Promise<void>)[] = [];
    for (const starter of starters) stops.push(await starter.start(ctx));
    return async () => {
      for (const stop of stops.reverse()) await stop();
    };
  },
};
