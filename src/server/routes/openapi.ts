// The API's description: @fastify/swagger collects every /api/v1 route's JSON schemas (the same
// schemas Fastify validates requests with) into an OpenAPI 3.1 document, served at
// /api/v1/openapi.json, with a readable page of it at /api/v1/docs.
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import type { AppContext } from '../context.ts';
import { layout } from '../../web/layout.ts';
import { html } from '../../web/html.ts';

/** Registered by app.ts before any route, so that swagger sees every route as it is added. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Dateline API',
        version: '1',
        description:
          'Articles, search, saved searches (watches) and feeds of a Dateline server. Errors share one body: ' +
          '{"error": {"code", "message"}}. Lists are paged with an opaque `cursor` (the `nextCursor` of the previous page).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (`dateline tokens create <user>`).' },
        },
      },
    },
    // Only the versioned JSON API belongs in the document; pages, feeds and compat APIs do not.
    transform: ({ schema, url }) => ({
      schema: (url.startsWith('/api/v1/') ? schema : { ...(schema ?? {}), hide: true }) as never,
      url,
    }),
  });
}

interface Operation {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Record<string, unknown> }[];
  requestBody?: unknown;
  security?: unknown[];
}

export async function registerOpenApiRoutes(app: FastifyInstance, _ctx: AppContext): Promise<void> {
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/api/v1/docs', { schema: { hide: true } }, async (_request, reply) => {
    const doc = app.swagger() as { info: { title: string; description?: string }; paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(doc.paths ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    reply.type('text/html; charset=utf-8');
    return layout({
      title: 'API',
      body: html`<h1>${doc.info.title}</h1>
<p>${doc.info.description ?? ''}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>
${operations.map(
  ({ path, method, op }) => html`<section class="api-op">
  <h2><code>${method.toUpperCase()} ${path}</code></h2>
  ${op.summary ? html`<p>${op.summary}</p>` : null}
  ${op.description ? html`<p>${op.description}</p>` : null}
  ${op.security?.length ? html`<p class="meta">Needs a Bearer token.</p>` : null}
  ${op.parameters?.length
    ? html`<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>About</th></tr></thead><tbody>${op.parameters.map(
        (p) => html`<tr><td><code>${p.name}</code>${p.required ? ' (required)' : ''}</td><td>${p.in}</td><td>${describeType(p.schema)}</td><td>${p.description ?? String(p.schema?.description ?? '')}</td></tr>`,
      )}</tbody></table>`
    : null}
</section>`,
)}`,
    });
  });
}

function describeType(schema: Record<string, unknown> | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).join(' | ');
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Record<string, unknown>[]).map(describeType).join(' or ');
  const type = String(schema.type ?? '');
  const range = schema.minimum !== undefined || schema.maximum !== undefined ? ` ${schema.minimum ?? ''}–${schema.maximum ?? ''}` : '';
  return type === 'array' ? `list of ${describeType(schema.items as Record<string, unknown>)}` : type + range;
}
