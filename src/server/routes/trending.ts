// Trending entities on the home page: an aside panel beside the latest articles, counted from
// the reader's reference time (DATELINE_NOW in the demo).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { addPanel } from '../panels.ts';
import { trendingEntities } from '../../store/trending.ts';
import { trendingPanel } from '../../web/pages/trending.ts';

export async function registerTrendingRoutes(_app: FastifyInstance, ctx: AppContext): Promise<void> {
  addPanel(ctx, 'home', {
    slot: 'aside',
    order: 10,
    render: async () => trendingPanel(await trendingEntities(ctx.db, { now: ctx.now(), limit: 8 })),
  });
}
