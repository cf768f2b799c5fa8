// Feeds out: Atom and JSON Feed for the latest stories, one story's articles, one source's
// articles and a watch's matches (/feed/…{.atom,.json}), and the subscriptions as OPML.
// Documents are written by feedsmith; this module only chooses what goes in them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { generateAtomFeed, generateJsonFeed } from 'feedsmith';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { latestArticlesForFeed, latestStoriesForFeed } from '../../store/feeds-out.ts';
import { getStory } from '../../store/stories.ts';
import { findSourceByName, getSourceSummary } from '../../store/sources.ts';
import { searchArticles } from '../../store/search.ts';
import { getWatchByFeedKey, watchSearch } from '../../store/watches.ts';
import { listFeeds } from '../../store/feeds.ts';
import { feedViewer, subscriptionsOpml } from './feeds.ts';
import { paragraphs } from '../../web/pages/articles.ts';
import type { Article } from '../../model/index.ts';

const ENTRIES = 30;

interface FeedEntry {
  id: string;
  title: string;
  url: string;
  externalUrl: string | null;
  published: Date | null;
  updated: Date;
  author: string | null;
  summary: string;
  html: string | null;
}

interface FeedDocument {
  title: string;
  /** Site-relative page the feed mirrors. */
  page: string;
  /** Site-relative path of the feed without its extension. */
  path: string;
  entries: FeedEntry[];
}

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

function articleEntry(base: string, article: Article): FeedEntry {
  const text = article.excerpt ?? article.text;
  return {
    id: `${base}/articles/${article.id}`,
    title: article.title,
    url: `${base}/articles/${article.id}`,
    externalUrl: article.canonicalUrl ?? article.url,
    published: article.publishedAt,
    updated: article.updatedAt ?? article.publishedAt ?? article.createdAt,
    author: article.byline ?? article.sourceName,
    summary: text.length > 400 ? `${text.slice(0, 400).replace(/\s+\S*$/, '')} …` : text,
    // Stored HTML went through the sanitiser on the way in; plain text is escaped here.
    html: article.html ?? paragraphs(article.text).value,
  };
}

function send(reply: FastifyReply, request: FastifyRequest, format: 'atom' | 'json', doc: FeedDocument) {
  const base = origin(request);
  const updated = doc.entries.reduce<Date | null>((max, e) => (!max || e.updated > max ? e.updated : max), null) ?? new Date(0);
  reply.header('cache-control', 'public, max-age=300');
  if (format === 'json') {
    reply.type('application/feed+json; charset=utf-8');
    return generateJsonFeed({
      title: doc.title,
      home_page_url: base + doc.page,
      feed_url: `${base}${doc.path}.json`,
      items: doc.entries.map((e) => ({
        id: e.id,
        url: e.url,
        external_url: e.externalUrl ?? undefined,
        title: e.title,
        summary: e.summary,
        content_html: e.html ?? undefined,
        content_text: e.html ? undefined : e.summary,
        date_published: e.published ?? undefined,
        date_modified: e.updated,
        authors: e.author ? [{ name: e.author }] : undefined,
      })),
    } as never);
  }
  reply.type('application/atom+xml; charset=utf-8');
  return generateAtomFeed({
    id: `${base}${doc.path}.atom`,
    title: { value: doc.title, type: 'text' },
    updated,
    links: [
      { href: `${base}${doc.path}.atom`, rel: 'self', type: 'application/atom+xml' },
      { href: base + doc.page, rel: 'alternate', type: 'text/html' },
    ],
    generator: { value: 'Dateline' },
    entries: doc.entries.map((e) => ({
      id: e.id,
      title: { value: e.title, type: 'text' },
      updated: e.updated,
      published: e.published ?? undefined,
      links: [{ href: e.url, rel: 'alternate', type: 'text/html' }, ...(e.externalUrl ? [{ href: e.externalUrl, rel: 'related', type: 'text/html' }] : [])],
      authors: e.author ? [{ name: e.author }] : undefined,
      summary: { value: e.summary, type: 'text' },
      content: e.html ? { value: e.html, type: 'html' } : undefined,
    })),
  } as never);
}

/**
 * A story's entry text. Its articles count copies once while its sources include the outlets that
 * ran a copy, so "1 article from 3 sources" would read as a contradiction: say the copies ran.
 */
export function storyCounts(articles: number, sources: number): string {
  const a = `${articles} article${articles === 1 ? '' : 's'}`;
  const s = `${sources} source${sources === 1 ? '' : 's'}`;
  return sources > articles ? `${a}, run by ${s}.` : `${a} from ${s}.`;
}

const FORMAT = /^(.+)\.(atom|json)$/;

/** Splits "name.atom" into the name and the format, or 404s. */
function formatOf(value: string): { name: string; format: 'atom' | 'json' } {
  const match = FORMAT.exec(value);
  if (!match) throw notFound('feeds end in .atom or .json');
  return { name: match[1]!, format: match[2] as 'atom' | 'json' };
}

export async function registerFeedsOutRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Params: { file: string } }>('/feed/:file', async (request, reply) => {
    const { name, format } = formatOf(request.params.file);
    if (name !== 'latest') throw notFound(`no feed ${request.params.file}`);
    const base = origin(request);
    // The latest stories when stories exist; until the clusterer has run, the latest articles.
    const stories = await latestStoriesForFeed(ctx.db, ENTRIES);
    if (stories.length) {
      return send(reply, request, format, {
        title: 'Dateline: latest stories',
        page: '/stories',
        path: '/feed/latest',
        entries: stories.map((s) => {
          const summary = storyCounts(s.articleCount, s.sourceCount);
          return {
            id: `${base}/stories/${s.id}`,
            title: s.headline,
            url: `${base}/stories/${s.id}`,
            externalUrl: null,
            published: s.firstSeenAt ? new Date(s.firstSeenAt) : null,
            updated: new Date(s.lastSeenAt ?? s.updatedAt),
            author: null,
            summary,
            html: null,
          };
        }),
      });
    }
    const articles = await latestArticlesForFeed(ctx.db, { all: true }, ENTRIES);
    return send(reply, request, format, { title: 'Dateline: latest', page: '/', path: '/feed/latest', entries: articles.map((a) => articleEntry(base, a)) });
  });

  app.get<{ Params: { file: string } }>('/feed/stories/:file', async (request, reply) => {
    const { name, format } = formatOf(request.params.file);
    const id = /^\d{1,15}$/.test(name) ? Number(name) : 0;
    const story = id ? await getStory(ctx.db, id) : null;
    if (!story) throw notFound(`story ${name} does not exist`);
    const articles = await latestArticlesForFeed(ctx.db, { storyId: story.id }, ENTRIES);
    const base = origin(request);
    return send(reply, request, format, { title: `Dateline story: ${story.headline}`, page: `/stories/${story.id}`, path: `/feed/stories/${story.id}`, entries: articles.map((a) => articleEntry(base, a)) });
  });

  app.get<{ Params: { file: string } }>('/feed/sources/:file', async (request, reply) => {
    const { name, format } = formatOf(request.params.file);
    const source = /^\d{1,15}$/.test(name) ? await getSourceSummary(ctx.db, Number(name)) : await findSourceByName(ctx.db, name);
    if (!source) throw notFound(`source ${JSON.stringify(name.slice(0, 100))} does not exist`);
    const articles = await latestArticlesForFeed(ctx.db, { sourceId: source.id }, ENTRIES);
    const base = origin(request);
    return send(reply, request, format, {
      title: `Dateline: ${source.name}`,
      page: `/sources/${source.id}`,
      path: `/feed/sources/${source.id}`,
      entries: articles.map((a) => articleEntry(base, a)),
    });
  });

  app.get<{ Params: { file: string } }>('/feed/watches/:file', async (request, reply) => {
    const { name, format } = formatOf(request.params.file);
    const watch = await getWatchByFeedKey(ctx.db, name);
    if (!watch) throw notFound('no watch has this feed');
    const { hits } = await searchArticles(ctx.db, { ...watchSearch(watch, { limit: ENTRIES }), viewerId: watch.userId });
    const articles = hits.length ? await latestArticlesForFeed(ctx.db, { articleIds: hits.map((h) => h.id) }, ENTRIES) : [];
    const base = origin(request);
    return send(reply, request, format, {
      title: `Dateline watch: ${watch.name}`,
      page: `/search?${new URLSearchParams({ q: watch.query })}`,
      path: `/feed/watches/${watch.feedKey}`,
      entries: articles.map((a) => articleEntry(base, a)),
    });
  });

  app.get('/feed/subscriptions.opml', async (request, reply) => {
    const view = await feedViewer(ctx, request);
    reply.type('text/x-opml; charset=utf-8').header('content-disposition', 'inline; filename="dateline-subscriptions.opml"');
    return subscriptionsOpml((await listFeeds(ctx.db)).map(view));
  });
}
