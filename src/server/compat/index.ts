// The compatibility APIs existing reader apps speak (Fever, Google Reader), and the routes that
// manage the credentials those apps and other programs use.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { registerFeverRoutes } from './fever.ts';
import { registerGoogleReaderRoutes } from './google-reader.ts';
import { registerTokenRoutes } from '../auth-token.ts';

export async function registerCompatRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerFeverRoutes(app, ctx);
  await registerGoogleReaderRoutes(app, ctx);
  await registerTokenRoutes(app, ctx);
}
