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
        description: 'Articles, search, saved searches (watches) and feeds of a Dateline server. Errors share one body: ' + '{"error": {"code", "message"}}. Lists are paged with an opaque `cursor` (the `nextCursor` of the previous page).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (`dateline tokens create <user>`).' },
        },
      },
    },
    // Only the versioned JSON API belongs in the document; pages, feeds and compat APIs do not.
    transform: ({ schema, url, route }) => ({
      schema: (url.startsWith('/api/v1/') ? describeRoute(schema as RouteSchema | undefined, [route.method].flat()[0] ?? 'GET', url) : { ...(schema ?? {}), hide: true }) as never,
      url,
    }),
  });
}

type RouteSchema = Record<string, unknown> & { summary?: string; querystring?: ObjectSchema; params?: ObjectSchema };
type ObjectSchema = { properties?: Record<string, Record<string, unknown>> };

// Summaries for the routes whose module gives none (a module's own summary always wins), so that
// every route in the document says what it is for.
const SUMMARIES: Record<string, string> = {
  'GET /api/v1/articles': 'Stored articles, latest first',
  'GET /api/v1/articles/:id': 'One article with its clean HTML and the links listed on its page',
  'GET /api/v1/stories': 'Stories, latest first',
  'GET /api/v1/stories/:id': 'One story: its sources and articles, copies folded under their originals',
  'GET /api/v1/articles/:id/related': 'Articles related to one article (same story, links on its page)',
  'GET /api/v1/entities': 'People, organisations and places, most written-about first',
  'GET /api/v1/entities/:id': 'One entity with the articles that mention it',
  'GET /api/v1/articles/:id/enrichment': "An article's entities, figures, quotes and dated events",
  'GET /api/v1/stories/:id/summary': "A story's summary from its articles",
  'GET /api/v1/stories/:id/ask': "An answer to a question from a story's articles, citing them",
  'GET /api/v1/feeds': 'Subscriptions with their health',
  'POST /api/v1/feeds': 'Subscribe to a feed (its URL, or a page that announces it)',
  'GET /api/v1/feeds/export.opml': 'The subscriptions as OPML',
  'GET /api/v1/feeds/:id': 'One subscription with its health',
  'DELETE /api/v1/feeds/:id': 'Unsubscribe (the articles it brought stay)',
};

// What a parameter means, by name, where its schema does not say.
const PARAMETERS: Record<string, string> = {
  limit: 'How many to return',
  cursor: 'The `nextCursor` of the previous page',
  source: 'Only articles from this source (its name)',
  since: 'Only what was published at or after this time (ISO 8601)',
  minSources: 'Only stories covered by at least this many sources',
  sort: '`relevance` (default) or `time` (newest first)',
  kind: 'Only this kind: person, organisation or place',
  q: 'Words to look for',
  offset: 'How many to skip',
};

/** The route's schema with a summary and parameter descriptions filled in where it has none. */
function describeRoute(schema: RouteSchema | undefined, method: string, url: string): RouteSchema {
  const described: RouteSchema = { ...(schema ?? {}) };
  described.summary ??= SUMMARIES[`${method} ${url}`];
  const fill = (part: ObjectSchema | undefined, about: (name: string) => string | undefined): ObjectSchema | undefined => {
    if (!part?.properties) return part;
    const properties = Object.fromEntries(Object.entries(part.properties).map(([name, property]) => [name, property.description || !about(name) ? property : { ...property, description: about(name) }]));
    return { ...part, properties };
  };
  described.querystring = fill(schema?.querystring, (name) => PARAMETERS[name]);
  // ":id" after "/articles" is an article's id, and so on.
  described.params = fill(schema?.params, (name) => {
    const noun = new RegExp(`/([a-z-]+)/:${name}(?:/|$)`).exec(url)?.[1];
    return noun ? `The ${noun.replace(/ies$/, 'y').replace(/s$/, '')}'s ${name}` : undefined;
  });
  if (!described.querystring) delete described.querystring;
  if (!described.params) delete described.params;
  return described;
}

/** Text with `backticks` shown as code, the rest escaped. */
function withCode(text: string) {
  return html`${text.split('`').map((part, i) => (i % 2 ? html`<code>${part}</code>` : part))}`;
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
<p>${withCode(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>
${operations.map(
  ({ path, method, op }) => html`<section class="api-op">
  <h2><code>${method.toUpperCase()} ${path}</code></h2>
  ${op.summary ? html`<p>${withCode(op.summary)}</p>` : null}
  ${op.description ? html`<p>${withCode(op.description)}</p>` : null}
  ${op.security?.length ? html`<p class="meta">Needs a Bearer token.</p>` : null}
  ${
    op.parameters?.length
      ? html`<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>About</th></tr></thead><tbody>${op.parameters.map(
          (p) => html`<tr><td><code>${p.name}</code>${p.required ? ' (required)' : ''}</td><td>${p.in}</td><td>${describeType(p.schema)}</td><td>${withCode(p.description ?? String(p.schema?.description ?? ''))}</td></tr>`,
        )}</tbody></table>`
      : null
  }
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
