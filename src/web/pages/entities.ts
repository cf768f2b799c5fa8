// Entity pages: the list of people, organisations and places (/entities) and one entity
// (/entities/:id) with its mentions over time, stories, the entities seen with it, the roles
// the text gave it, its timeline of dated statements and its quotes.
import { html, type SafeHtml } from '../html.ts';
import type { EntityDetail, StoredEntity } from '../../store/enrich.ts';
import { sourceLabel } from '../source-label.ts';

const KINDS = [
  ['', 'All'],
  ['person', 'People'],
  ['organisation', 'Organisations'],
  ['place', 'Places'],
] as const;

export function entityListBody(input: { entities: StoredEntity[]; kind: string | null; q: string | null; nextOffset: number | null }): SafeHtml {
  const query = (extra: Record<string, string | number | null>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ kind: input.kind, q: input.q, ...extra })) if (v !== null && v !== '') params.set(k, String(v));
    const text = params.toString();
    return text ? `/entities?${text}` : '/entities';
  };
  return html`<section aria-labelledby="entities-heading">
<h1 id="entities-heading">Entities</h1>
<nav aria-label="Entity kinds" class="tabs">${KINDS.map(([kind, label]) => html`<a href="${query({ kind: kind || null, offset: null })}"${(input.kind ?? '') === kind ? html` aria-current="page"` : null}>${label}</a> `)}</nav>
<form action="/entities" method="get" role="search">
  ${input.kind ? html`<input type="hidden" name="kind" value="${input.kind}">` : null}
  <label for="entity-q">Name</label> <input id="entity-q" name="q" type="search" maxlength="100" value="${input.q ?? ''}">
  <button type="submit">Find</button>
</form>
${
  input.entities.length
    ? html`<table><thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Articles</th><th scope="col">Last seen</th></tr></thead><tbody>${input.entities.map(
        (e) =>
          html`<tr><th scope="row"><a href="/entities/${e.id}">${e.name}</a>${e.code ? html` <span class="meta">${e.code}</span>` : null}</th><td>${e.kind}</td><td>${e.articleCount}</td><td>${e.lastSeenAt ? e.lastSeenAt.toISOString().slice(0, 10) : ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="notice">No entities yet. Import articles, then run <code>dateline enrich</code>.</p>`
}
${input.nextOffset !== null ? html`<p><a rel="next" href="${query({ offset: input.nextOffset })}">More</a></p>` : null}
</section>`;
}

function bars(days: EntityDetail['mentionsByDay']): SafeHtml {
  if (!days.length) return html`<p class="meta">No dated mentions.</p>`;
  const max = Math.max(...days.map((d) => d.articles));
  return html`<table class="mentions-over-time"><caption class="visually-hidden">Articles mentioning it per day</caption>
<thead><tr><th scope="col">Day</th><th scope="col">Articles</th></tr></thead><tbody>${days.map(
    (d) => html`<tr><td>${d.day}</td><td><span class="bar" style="display:inline-block;background:currentColor;height:.6em;width:${Math.max(4, Math.round((d.articles / max) * 200))}px" aria-hidden="true"></span> ${d.articles}</td></tr>`,
  )}</tbody></table>`;
}

export function entityBody(entity: StoredEntity, detail: EntityDetail): SafeHtml {
  const otherNames = entity.aliases.filter((a) => a !== entity.name);
  return html`<div class="columns">
<article class="reading" aria-labelledby="entity-name">
  <h1 id="entity-name">${entity.name}</h1>
  <p class="meta">${entity.kind}${entity.code ? html` · ${entity.code}` : null} · ${entity.articleCount} article${entity.articleCount === 1 ? '' : 's'} · ${entity.mentionCount} mention${entity.mentionCount === 1 ? '' : 's'}</p>
  ${otherNames.length ? html`<p><strong>Also written:</strong> ${otherNames.join(', ')}</p>` : null}
  ${detail.roles.length ? html`<h2>Roles seen</h2><ul>${detail.roles.map((r) => html`<li>${r.role} <span class="meta">(${r.count})</span></li>`)}</ul>` : null}
  <h2>Mentions over time</h2>
  ${bars(detail.mentionsByDay)}
  ${
    detail.timeline.length
      ? html`<h2>Timeline</h2><ol class="timeline">${detail.timeline.map(
          (t) =>
            html`<li><time datetime="${t.date}">${t.precision === 'year' ? t.date.slice(0, 4) : t.precision === 'month' ? t.date.slice(0, 7) : t.date}</time> — ${t.sentence} <a class="cite" href="/articles/${t.articleId}">[${t.sourceName ?? 'source'}]</a></li>`,
        )}</ol>`
      : null
  }
  ${detail.quotes.length ? html`<h2>Quotes</h2>${detail.quotes.map((q) => html`<blockquote><p>“${q.text}”</p><footer><a href="/articles/${q.articleId}">${q.sourceName ?? 'source'}</a></footer></blockquote>`)}` : null}
  <h2>Articles</h2>
  <ul class="article-list">${detail.articles.map(
    (a) => html`<li><a href="/articles/${a.id}">${a.title}</a> <span class="meta">· ${sourceLabel(a.sourceName)}${a.publishedAt ? html` · ${a.publishedAt.toISOString().slice(0, 10)}` : null}</span></li>`,
  )}</ul>
</article>
<div class="side">
  ${
    detail.stories.length
      ? html`<aside class="panel" aria-labelledby="entity-stories"><h2 id="entity-stories">Stories</h2><ul>${detail.stories.map(
          (s) => html`<li><a href="/stories/${s.id}">${s.headline}</a> <span class="meta">(${s.articles})</span></li>`,
        )}</ul></aside>`
      : null
  }
  ${
    detail.cooccurring.length
      ? html`<aside class="panel" aria-labelledby="entity-with"><h2 id="entity-with">Seen with</h2><ul>${detail.cooccurring.map(
          (c) => html`<li><a href="/entities/${c.id}">${c.name}</a> <span class="meta">${c.kind} · ${c.articles}</span></li>`,
        )}</ul></aside>`
      : null
  }
</div>
</div>`;
}
