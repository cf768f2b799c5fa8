// The HTTP server: JSON API, reader pages, assets. Routes come from routes/index.ts; errors
// share one body shape; request validation errors are 400s with the schema's message.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyError } from 'fastify';
import formbody from '@fastify/formbody';
import type { AppContext } from './context.ts';
import { registerRouteModules } from './routes/index.ts';
import { CONTENT_SECURITY_POLICY } from './routes/app-shell.ts';
import { errorBody, HttpError } from './errors.ts';
import { layout } from '../web/layout.ts';
import { html } from '../web/html.ts';
import { httpDuration, httpRequests } from '../metrics.ts';
import { registerAuth } from './auth.ts';
import { registerOpenApi } from './routes/openapi.ts';
import { registerValidation } from './validation.ts';
import { validationMessage } from './validation-message.ts';
import { registerResponses } from './responses.ts';

export interface ServerOptions {
  /** Where request logs go (see src/log.ts); none when absent. */
  logger?: FastifyBaseLogger;
}

export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // A request id from the proxy in front, or a fresh one; logged with every line and echoed back.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
  });
  await app.register(formbody);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpRequests.inc({ route, method: request.method, status: String(reply.statusCode) });
    httpDuration.observe({ route, method: request.method }, reply.elapsedTime / 1000);
  });
  // Before any route: every route's parameters pass validation.ts's checks before its schema's.
  registerValidation(app);
  // Before the OpenAPI plugin, so the document shows the response schemas this fills in.
  registerResponses(app);
  // Before any route, so the OpenAPI document sees every route's schemas.
  await registerOpenApi(app);
  // Before every route: request.user from the session cookie, and the CSRF check.
  await registerAuth(app, ctx);

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const wantsHtml = !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    let status: number;
    let code: string;
    let message: string;
    if (error instanceof HttpError) {
      status = error.statusCode;
      code = error.code;
      message = error.message;
    } else if ((error as FastifyError).validation) {
      status = 400;
      code = 'bad_request';
      message = validationMessage(error as FastifyError, request);
    } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      status = (error as FastifyError).statusCode!;
      code = (error as FastifyError).code?.toLowerCase() ?? 'bad_request';
      message = error.message;
    } else {
      request.log.error(error);
      status = 500;
      code = 'internal';
      message = 'internal error';
    }
    reply.code(status);
    if (wantsHtml) {
      return reply.type('text/html; charset=utf-8').send(layout({ title: status === 404 ? 'Not found' : 'Error', body: html`<h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1><p class="notice error">${message}</p>` }));
    }
    return reply.send(errorBody(code, message));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404);
    if (!request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')) {
      return reply.type('text/html; charset=utf-8').send(layout({ title: 'Not found', body: html`<h1>Not found</h1><p>No page at ${request.url}.</p>` }));
    }
    return reply.send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
  });

  // Every HTML answer, from any route module or the not-found handler: the page policy and headers.
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
    }
    return payload;
  });

  await registerRouteModules(app, ctx);
  return app;
}
