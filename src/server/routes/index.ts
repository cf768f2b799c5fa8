// Every route module of the server, registered in this order. A feature adds one line here.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { registerArticleRoutes } from './articles.ts';
import { registerAssetRoutes } from './assets.ts';
import { registerOpsRoutes } from './ops.ts';
import { registerAccountRoutes } from './accounts.ts';
import { registerCommentRoutes } from './comments.ts';
import { registerAppShellRoutes } from './app-shell.ts';
import { registerSourceRoutes } from './sources.ts';
import { registerStoryRoutes } from './stories.ts';

import { registerOpenApiRoutes } from './openapi.ts';
import { registerSearchRoutes } from './search.ts';
import { registerEnrichRoutes } from './enrich.ts';
import { registerCompatRoutes } from '../compat/index.ts';
import { registerFeedsOutRoutes } from './feeds-out.ts';
import { registerFeedRoutes } from './feeds.ts';
import { registerWebhookRoutes } from './webhooks.ts';
import { registerEmailRoutes } from './email.ts';
import { registerCoverageRoutes } from './coverage.ts';
import { registerWatchPageRoutes } from './watches.ts';
import { registerAccountAppRoutes } from './account-apps.ts';
import { registerRuleRoutes } from './rules.ts';
import { registerHighlightRoutes } from './highlights.ts';
import { registerTranslateRoutes } from './translate.ts';
import { registerImageRoutes } from './images.ts';
import { registerTrendingRoutes } from './trending.ts';

export type RouteModule = (app: FastifyInstance, ctx: AppContext) => Promise<void>;

export const routeModules: RouteModule[] = [
  registerOpsRoutes,
  registerAssetRoutes,
  registerArticleRoutes,
  registerAccountRoutes,
  registerCommentRoutes,
  registerAppShellRoutes,
  registerSourceRoutes,
  registerStoryRoutes,
  registerOpenApiRoutes,
  registerSearchRoutes,
  registerEnrichRoutes,
  registerCompatRoutes,
  registerFeedsOutRoutes,
  registerFeedRoutes,
  registerWebhookRoutes,
  registerEmailRoutes,
  registerCoverageRoutes,
  registerWatchPageRoutes,
  registerAccountAppRoutes,
  registerRuleRoutes,
  registerHighlightRoutes,
  registerTranslateRoutes,
  registerImageRoutes,
  registerTrendingRoutes,
];

/**
 * Registers every route module as a Fastify plugin of its own (app.register, not a plain call): the
 * hooks, decorators, parsers and error handlers a module adds stay inside it. What every route needs
 * (validation, auth, the error and not-found handlers, page headers) is set on the root in app.ts.
 */
export async function registerRouteModules(app: FastifyInstance, ctx: AppContext, modules: readonly RouteModule[] = routeModules): Promise<void> {
  for (const register of modules) await app.register(async (scope) => register(scope, ctx));
}
