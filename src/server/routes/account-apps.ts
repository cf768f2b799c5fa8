// /account/apps: a signed-in reader makes and revokes personal API tokens and sets the Fever
// password, without the CLI. Forms post with the session's CSRF token (checked globally).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { csrfField } from '../csrf.ts';
import { layout } from '../../web/layout.ts';
import { accountAppsBody, type AccountAppsInput } from '../../web/pages/account-apps.ts';
import { createApiToken, listApiTokens, revokeApiToken, setFeverPassword } from '../../store/api-tokens.ts';
import { notFound } from '../errors.ts';

const NOTICES: Record<string, string> = { revoked: 'Token revoked.', fever: 'Fever password set.' };
const LOGIN = '/login?next=%2Faccount%2Fapps';

export async function registerAccountAppRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const page = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: Partial<AccountAppsInput>) => {
    const user = request.user!;
    const body = accountAppsBody({
      userName: user.username,
      tokens: await listApiTokens(ctx.db, user.id),
      csrf: csrfField(ctx, request, reply),
      newToken: null,
      notice: null,
      error: null,
      origin: `${request.protocol}://${request.host}`,
      ...extra,
    });
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return layout({ title: 'Apps and API tokens', body, userName: user.username });
  };

  app.get<{ Querystring: { done?: string } }>('/account/apps', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', LOGIN).send();
    return page(request, reply, 200, { notice: NOTICES[String(request.query.done ?? '')] ?? null });
  });

  // The new token is shown in the answer itself (never in a URL or stored in clear).
  app.post<{ Body: { name?: unknown } }>('/account/tokens', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', LOGIN).send();
    const name = typeof request.body?.name === 'string' ? request.body.name.trim() : '';
    if (!name || name.length > 100) return page(request, reply, 400, { error: 'Name: give 1 to 100 characters, e.g. the app that will use the token.' });
    const { token } = await createApiToken(ctx.db, request.user.id, { kind: 'api', name });
    return page(request, reply, 201, { newToken: { name, token } });
  });

  app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', LOGIN).send();
    const id = Number(request.params.id);
    const revoked = Number.isSafeInteger(id) && id > 0 && (await revokeApiToken(ctx.db, request.user.id, id));
    if (!revoked) throw notFound(`token ${request.params.id.slice(0, 40)} is not one of yours`);
    return reply.code(303).header('location', '/account/apps?done=revoked').send();
  });

  app.post<{ Body: { password?: unknown } }>('/account/fever', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', LOGIN).send();
    const password = typeof request.body?.password === 'string' ? request.body.password : '';
    if (password.length < 10 || password.length > 200) return page(request, reply, 400, { error: `Fever password: 10 to 200 characters, got ${password.length}.` });
    await setFeverPassword(ctx.db, request.user, password);
    return reply.code(303).header('location', '/account/apps?done=fever').send();
  });
}
