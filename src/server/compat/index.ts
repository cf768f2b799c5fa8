// The compatibility APIs existing reader apps speak: Fever and Google Reader.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { registerFeverRoutes } from './fever.ts';
import { registerGoogleReaderRoutes } from './google-reader.ts';

export async function registerCompatRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerFeverRoutes(app, ctx);
  await registerGoogleReaderRoutes(app, ctx);
}
