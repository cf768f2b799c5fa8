// The reader's home page (latest articles) and an article page (clean body, related links).
import { html, raw, safeUrl, type SafeHtml } from '../html.ts';
import { formatAge } from '../time.ts';
import type { Article } from '../../model/index.ts';
import type { ArticleLink } from '../../store/articles.ts';

export function articleListItem(article: Article, now: Date): SafeHtml {
  return html`<li>
  <h3><a href="/articles/${article.id}">${article.title}</a></h3>
  <p class="meta">${article.sourceName ?? 'Unknown source'} · <time datetime="${article.publishedAt?.toISOString() ?? ''}">${formatAge(article.publishedAt, now)}</time></p>
</li>`;
}

export function articleList(articles: Article[], now: Date): SafeHtml {
  if (!articles.length) return html`<p class="notice">No articles yet. Import some with <code>dateline import</code>.</p>`;
  return html`<ul class="article-list">${articles.map((a) => articleListItem(a, now))}</ul>`;
}

export function homeBody(input: { latest: Article[]; now: Date; topStories?: SafeHtml; nextCursor?: string | null }): SafeHtml {
  // One h1 for the page first; the top stories and the latest articles are its h2 sections.
  return html`<h1 class="page-title">Today's news</h1>
${input.topStories}
<section aria-labelledby="latest-heading">
  <h2 id="latest-heading">Latest articles</h2>
  ${articleList(input.latest, input.now)}
  ${input.nextCursor ? html`<p><a rel="next" href="/?cursor=${input.nextCursor}">Older articles</a></p>` : null}
</section>`;
}

/** Paragraphs of a stored clean text, each escaped. */
export function paragraphs(text: string): SafeHtml {
  return html`${text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`)}`;
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
  <p class="meta">${article.sourceName ?? 'Unknown source'}${article.byline ? html` · ${article.byline}` : null} ·
    <time datetime="${article.publishedAt?.toISOString() ?? ''}">${formatAge(article.publishedAt, now)}</time>
    ${article.canonicalUrl ? html` · <a href="${safeUrl(article.canonicalUrl)}" rel="noopener nofollow">original</a>` : null}</p>
  <div class="body">${body}</div>
  ${input.panels ?? []}
</article>
<div class="side">
  ${links.length
    ? html`<aside class="panel" aria-labelledby="listed-heading"><h2 id="listed-heading">Listed on its page</h2><ul>${links.map(
        (link) =>
          html`<li>${link.relatedArticleId
            ? html`<a href="/articles/${link.relatedArticleId}">${link.title}</a>`
            : link.url
              ? html`<a href="${safeUrl(link.url)}" rel="noopener nofollow">${link.title}</a>`
              : link.title}${link.sourceName ? html` <span class="meta">· ${link.sourceName}</span>` : null}</li>`,
      )}</ul></aside>`
    : null}
  ${input.aside ?? []}
</div>
</div>`;
}
