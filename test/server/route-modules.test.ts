// Route modules are Fastify plugins of their own: what one adds (a hook, a decorator) stays inside it,
// while what the root sets (the error handler) reaches every module.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerRouteModules, type RouteModule } from '../../src/server/routes/index.ts';
import type { AppContext } from '../../src/server/context.ts';

describe('route modules are encapsulated', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = Fastify();
    app.setErrorHandler((error, _request, reply) => reply.code(418).send({ root: (error as Error).message }));
    const marking: RouteModule = async (scope) => {
      scope.decorateRequest('marked', true);
      scope.addHook('onSend', async (_request, reply, payload) => {
        reply.header('x-marked', 'yes');
        return payload;
      });
      scope.get('/marking', async (request) => ({ marked: (request as unknown as { marked?: boolean }).marked ?? false }));
    };
    const plain: RouteModule = async (scope) => {
      scope.get('/plain', async (request) => ({ marked: (request as unknown as { marked?: boolean }).marked ?? false }));
      scope.get('/failing', async () => {
        throw new Error('from a module');
      });
    };
    // The modules read nothing from the context here.
    await registerRouteModules(app, {} as AppContext, [marking, plain]);
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
  });

  it("keeps a module's hook and decorator inside that module", async () => {
    const marking = await fetch(`${base}/marking`);
    expect(marking.headers.get('x-marked')).toBe('yes');
    expect(await marking.json()).toEqual({ marked: true });
    const plain = await fetch(`${base}/plain`);
    expect(plain.headers.get('x-marked')).toBeNull();
    expect(await plain.json()).toEqual({ marked: false });
  });

  it("applies the root's error handler inside every module", async () => {
    const failing = await fetch(`${base}/failing`);
    expect(failing.status).toBe(418);
    expect(await failing.json()).toEqual({ root: 'from a module' });
  });
});
