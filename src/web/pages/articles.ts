// The reader's home page (latest articles) and an article page (clean body, related links).
import { html, raw, safeUrl, type SafeHtml } from '../html.ts';
import { formatAge } from '../time.ts';
import type { Article } from '../../model/index.ts';
import type { ArticleLink } from '../../store/articles.ts';
import { sourceLabel } from '../source-label.ts';

/** Read state shown to a signed-in reader; undefined for a visitor (no marker at all). */
export type ReadState = 'read' | 'unread' | undefined;

export function articleListItem(article: Article, now: Date, state?: ReadState): SafeHtml {
  // The marker is a word for screen readers and a dot for the eye (style.css: li.unread).
  return html`<li${state ? html` class="${state}"` : null}>
  <h3><a href="/articles/${article.id}">${state === 'unread' ? html`<span class="visually-hidden">Unread: </span>` : null}${article.title}</a></h3>
  <p class="meta">${sourceLabel(article.sourceName, article.canonicalUrl ?? article.url)} · <time datetime="${article.publishedAt?.toISOString() ?? ''}">${formatAge(article.publishedAt, now)}</time></p>
</li>`;
}

export function articleList(articles: Article[], now: Date, read?: Set<number>): SafeHtml {
  if (!articles.length) return html`<p class="notice">No articles yet. Import some with <code>dateline import</code>.</p>`;
  return html`<ul class="article-list">${articles.map((a) => articleListItem(a, now, read ? (read.has(a.id) ? 'read' : 'unread') : undefined))}</ul>`;
}

export interface HomeInput {
  latest: Article[];
  now: Date;
  topStories?: SafeHtml;
  /** Panels beside the latest articles (trending entities). */
  aside?: SafeHtml[];
  nextCursor?: string | null;
  /** For a signed-in reader: the listed articles they have read, and the "mark all read" form's token. */
  read?: Set<number>;
  csrf?: SafeHtml;
  /** The newest article id when the page was made: "mark all read" goes up to it. */
  newestId?: number;
}

export function homeBody(input: HomeInput): SafeHtml {
  // One h1 for the page first; the top stories and the latest articles are its h2 sections.
  // Desktop: top stories | trending entities and the latest articles (style.css .home-columns); phone: one column.
  return html`<h1 class="page-title">Today's news</h1>
<div class="home-columns">
<div class="home-main">${input.topStories}</div>
<div class="home-side">
${input.aside ?? []}
<section class="latest" aria-labelledby="latest-heading">
  <h2 id="latest-heading">Latest articles</h2>
  ${
    input.read && input.csrf
      ? html`<form class="mark-all" method="post" action="/read/all">${input.csrf}<input type="hidden" name="upto" value="${String(input.newestId ?? 0)}">
  <span class="meta">${input.latest.filter((a) => !input.read!.has(a.id)).length} unread here</span> <button type="submit">Mark all read</button></form>`
      : null
  }
  ${articleList(input.latest, input.now, input.read)}
  ${input.nextCursor ? html`<p><a rel="next" href="/?cursor=${input.nextCursor}">Older articles</a></p>` : null}
</section>
</div>
</div>`;
}

/** Paragraphs of a stored clean text, each escaped; one run-on block is read as several. */
export function paragraphs(text: string): SafeHtml {
  return html`${text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap(readableParagraphs)
    .map((p) => html`<p>${p}</p>`)}`;
}

// A dump's related item arrives as one line of 2–6k characters: its paragraph breaks were lost
// and an "Advertisement" slot marks where one was. Past this length a block is split at sentence
// ends into paragraphs of about this size.
const LONG_PARAGRAPH = 900;
const PARAGRAPH_TARGET = 480;

export function readableParagraphs(block: string): string[] {
  const parts = block
    .split(/(?<=[.!?"”’)])\s+Advertisement\s+(?=["“‘A-Z0-9])/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.flatMap((part) => {
    if (part.length <= LONG_PARAGRAPH) return [part];
    // Sentence ends: a full stop (or ?/!) and a closing quote if any, then a capital or an opening quote.
    const sentences = part.split(/(?<=[.!?]["”’]?)\s+(?=["“‘]?[A-Z0-9])/);
    const out: string[] = [];
    let current = '';
    for (const sentence of sentences) {
      current = current ? `${current} ${sentence}` : sentence;
      if (current.length >= PARAGRAPH_TARGET) {
        out.push(current);
        current = '';
      }
    }
    if (current) {
      if (out.length && current.length < PARAGRAPH_TARGET / 3) out[out.length - 1] += ` ${current}`;
      else out.push(current);
    }
    return out;
  });
}

export interface ArticlePageInput {
  article: Article;
  links: ArticleLink[];
  now: Date;
  /** Panels other features add (AI features, related articles, comments). */
  panels?: SafeHtml[];
  aside?: SafeHtml[];
}

export function articleBody(input: ArticlePageInput): SafeHtml {
  const { article, links, now } = input;
  // The stored HTML went through the sanitiser on its way in; the text is escaped here.
  const body = article.html ? raw(article.html) : paragraphs(article.text);
  return html`<div class="columns">
<article class="reading" aria-labelledby="article-title">
  <h1 id="article-title">${article.title}</h1>
  <p class="meta">${sourceLabel(article.sourceName, article.canonicalUrl ?? article.url)}${article.byline ? html` · ${article.byline}` : null} ·
    <time datetime="${article.publishedAt?.toISOString() ?? ''}">${formatAge(article.publishedAt, now)}</time>
    ${article.canonicalUrl ? html` · <a href="${safeUrl(article.canonicalUrl)}" rel="noopener nofollow">original</a>` : null}</p>
  <div class="body">${body}</div>
  ${input.panels ?? []}
</article>
<div class="side">
  ${
    links.length
      ? html`<aside class="panel" aria-labelledby="listed-heading"><h2 id="listed-heading">Listed on its page</h2><ul>${links.map(
          (link) =>
            html`<li>${
              link.relatedArticleId ? html`<a href="/articles/${link.relatedArticleId}">${link.title}</a>` : link.url ? html`<a href="${safeUrl(link.url)}" rel="noopener nofollow">${link.title}</a>` : link.title
            }${link.sourceName ? html` <span class="meta">· ${link.sourceName}</span>` : null}</li>`,
        )}</ul></aside>`
      : null
  }
  ${input.aside ?? []}
</div>
</div>`;
}
