// The enrichment blocks on other features' pages: the article page's "AI features" panel
// (summary, entities linked to their pages, figures, quotes, dates) and the story page's
// summary, timeline, figures table, quotes by speaker and question box; and the answer page.
import { html, type SafeHtml } from '../html.ts';
import type { ArticleEnrichmentView } from '../../store/enrich.ts';
import type { FigureTableRow, SpeakerQuotes, TimelineEntry } from '../../enrich/story.ts';
import type { StoryAnswer, StorySummary } from '../../llm/story.ts';
import { formatValue } from '../../enrich/figures.ts';

const KIND_LABEL: Record<string, string> = { person: 'People', organisation: 'Organisations', place: 'Places' };

export function formatFigure(value: number, unit: string | null): string {
  const number = formatValue(value);
  if (!unit) return number;
  if (unit === 'percent') return `${number}%`;
  if (unit === 'percentage point') return `${number} pp`;
  return `${number} ${unit}`;
}

function formatDate(date: string, precision: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (precision === 'year') return String(d.getUTCFullYear());
  const options: Intl.DateTimeFormatOptions = precision === 'month' ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return d.toLocaleDateString('en-GB', options);
}

const citation = (articleId: number | null, label: string | null, n?: number) => (articleId ? html` <a class="cite" href="/articles/${articleId}" title="${label ?? 'source'}">[${n ?? label ?? 'source'}]</a>` : null);

/** Turns "[2]" markers of a written text into links to the cited articles; the text is escaped. */
function linkCitations(text: string, sentences: { articleId: number | null; sourceName: string | null }[]): SafeHtml {
  const parts = text.split(/(\[\d{1,2}\])/);
  return html`${parts.map((part) => {
    const m = /^\[(\d{1,2})\]$/.exec(part);
    const cited = m ? sentences[Number(m[1]) - 1] : undefined;
    return cited ? citation(cited.articleId, cited.sourceName, Number(m![1])) : part;
  })}`;
}

/** The article's dates, each (day and precision) once as first written, in time order: an article that names "Aug. 1" twice lists it once. */
function distinctDates(events: ArticleEnrichmentView['events']): ArticleEnrichmentView['events'] {
  const seen = new Map<string, ArticleEnrichmentView['events'][number]>();
  for (const e of events) if (!seen.has(`${e.date}|${e.precision}`)) seen.set(`${e.date}|${e.precision}`, e);
  return [...seen.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The article's figures, each (value, subject, measure) once as first written: "15%" told twice of South Korea's tariff is one row. */
function distinctFigures(figures: ArticleEnrichmentView['figures']): ArticleEnrichmentView['figures'] {
  const seen = new Set<string>();
  return figures.filter((f) => {
    const key = [f.value, f.unit, f.subjectEntityId ?? f.subject, f.measure].join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function articleEnrichmentPanel(view: ArticleEnrichmentView | null): SafeHtml {
  if (!view) {
    return html`<section class="panel ai-features" aria-labelledby="ai-heading"><h2 id="ai-heading">AI features</h2>
<p class="meta">Not enriched yet. Run <code>dateline enrich</code>.</p></section>`;
  }
  const byKind = new Map<string, ArticleEnrichmentView['entities']>();
  for (const e of view.entities) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
  return html`<section class="panel ai-features" aria-labelledby="ai-heading">
<h2 id="ai-heading">AI features</h2>
${view.error ? html`<p class="notice error">Enrichment failed: ${view.error}</p>` : null}
${view.summary.length ? html`<h3>Summary</h3><ul class="summary">${view.summary.map((s) => html`<li>${s.text}</li>`)}</ul>` : null}
${
  view.entities.length
    ? html`<h3>Entities</h3>${['person', 'organisation', 'place']
        .filter((k) => byKind.has(k))
        .map(
          (kind) =>
            html`<p><strong>${KIND_LABEL[kind]}:</strong> ${byKind.get(kind)!.map((e, i) => html`${i ? ', ' : ''}<a href="/entities/${e.id}">${e.name}</a>${e.roles.length ? html` <span class="meta">(${e.roles[0]})</span>` : null}`)}</p>`,
        )}`
    : null
}
${
  view.figures.length
    ? html`<h3>Figures</h3><table><thead><tr><th scope="col">Figure</th><th scope="col">About</th><th scope="col">Measure</th><th scope="col">As written</th></tr></thead><tbody>${distinctFigures(view.figures).map(
        // About: the entity the figure was resolved to ("South Korea" for "the levy"), by its own name.
        (f) =>
          html`<tr><td>${formatFigure(f.value, f.unit)}</td><td>${f.subjectEntityId ? html`<a href="/entities/${f.subjectEntityId}">${f.subjectName ?? f.subject ?? 'entity'}</a>` : (f.subject ?? '')}</td><td>${f.measure ?? ''}</td><td class="meta">${f.text}</td></tr>`,
      )}</tbody></table>`
    : null
}
${
  view.quotes.length
    ? html`<h3>Quotes</h3>${view.quotes.map(
        (q) => html`<blockquote><p>“${q.text}”</p><footer>— ${q.speakerEntityId ? html`<a href="/entities/${q.speakerEntityId}">${q.speakerName}</a>` : (q.speaker ?? 'unattributed')}</footer></blockquote>`,
      )}`
    : null
}
${view.events.length ? html`<h3>Dates</h3><ul>${distinctDates(view.events).map((e) => html`<li><time datetime="${e.date}">${formatDate(e.date, e.precision)}</time> <span class="meta">(“${e.text}”)</span></li>`)}</ul>` : null}
</section>`;
}

export function storySummaryPanel(summary: StorySummary): SafeHtml | null {
  if (!summary.sentences.length) return null;
  return html`<section class="panel story-summary" aria-labelledby="story-summary-heading">
<h2 id="story-summary-heading">Summary</h2>
${summary.written ? html`<p>${linkCitations(summary.written.text, summary.sentences)}</p><p class="meta">Written by ${summary.written.model} from the sentences below.</p>` : null}
<ol class="summary">${summary.sentences.map((s) => html`<li>${s.text}${citation(s.articleId, s.sourceName)}</li>`)}</ol>
</section>`;
}

/**
 * Citations of the articles that state one thing: an outlet cited for two of its articles is told
 * apart by each article's day ("[Pacific Dispatch, 8 Jul] [Pacific Dispatch, 31 Jul]").
 */
function sourceCitations(sources: TimelineEntry['sources']): SafeHtml {
  const count = new Map<string, number>();
  for (const s of sources) count.set(s.sourceName ?? '', (count.get(s.sourceName ?? '') ?? 0) + 1);
  const day = (at: string) => new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return html`${sources.map((s) => {
    if ((count.get(s.sourceName ?? '') ?? 0) < 2) return citation(s.articleId, s.sourceName);
    const label = `${s.sourceName ?? 'source'}, ${s.publishedAt ? day(s.publishedAt) : `article ${s.articleId}`}`;
    return citation(s.articleId, label);
  })}`;
}

// Dates shown before the rest of a long timeline folds away.
const TIMELINE_SHOWN = 6;

export function storyTimelinePanel(entries: TimelineEntry[]): SafeHtml | null {
  const timeline = dedupeTimeline(entries);
  if (!timeline.length) return null;
  const item = (t: TimelineEntry) =>
    html`<li><time datetime="${t.date}">${formatDate(t.date, t.precision)}</time> — ${t.sentence}${sourceCitations(t.sources)}${
      t.also.length ? html`<details><summary>${t.also.length} more on this date</summary><ul>${t.also.map((a) => html`<li>${a.sentence}${sourceCitations(a.sources)}</li>`)}</ul></details>` : null
    }</li>`;
  const rest = timeline.slice(TIMELINE_SHOWN);
  return html`<section class="panel timeline" aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
<ol>${timeline.slice(0, TIMELINE_SHOWN).map(item)}</ol>
${rest.length ? html`<details class="timeline-more"><summary>Show ${rest.length} more date${rest.length === 1 ? '' : 's'}</summary><ol start="${String(TIMELINE_SHOWN + 1)}">${rest.map(item)}</ol></details>` : null}
</section>`;
}

/** One entry per statement: the same sentence (wire copies) on another date folds into the first, sources joined. */
export function dedupeTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  const key = (sentence: string) =>
    sentence
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const seen = new Map<string, TimelineEntry>();
  const out: TimelineEntry[] = [];
  for (const entry of entries) {
    const first = seen.get(key(entry.sentence));
    if (first) {
      for (const s of entry.sources) if (!first.sources.some((f) => f.articleId === s.articleId)) first.sources.push(s);
      continue;
    }
    const copy = { ...entry, sources: [...entry.sources], also: entry.also.filter((a) => key(a.sentence) !== key(entry.sentence)) };
    seen.set(key(entry.sentence), copy);
    out.push(copy);
  }
  return out;
}

/**
 * A row's values, each on its own line with the articles that give it: a struck old value, the new
 * one, a dated list of sources beside each. Values every source gives together (a range, "between
 * 8% and 14%") share one line, so their sources are listed once.
 */
function figureValueLines(r: FigureTableRow): SafeHtml {
  const sourcesOf = (v: FigureTableRow['values'][number]) => v.sources.map((s) => `${s.articleId}`).join(' ');
  const lines: FigureTableRow['values'][] = [];
  for (const v of r.values) {
    const last = lines[lines.length - 1];
    if (last && last[0]!.superseded === v.superseded && sourcesOf(last[0]!) === sourcesOf(v)) last.push(v);
    else lines.push([v]);
  }
  const value = (v: FigureTableRow['values'][number]) =>
    html`${v.superseded ? html`<s>${formatFigure(v.value, r.unit)}</s>` : formatFigure(v.value, r.unit)}${v.equivalents.length ? html` <span class="meta">(${v.equivalents.join(', ')})</span>` : null}`;
  return html`<ul class="figure-values">${lines.map(
    (line) => html`<li><span class="figure-value">${line.map((v, i) => html`${i ? ', ' : ''}${value(v)}`)}</span> <span class="figure-sources">${outletsOf(line[0]!.sources)}</span></li>`,
  )}</ul>`;
}

/**
 * The articles that give a value, by outlet: the outlet named once, linked to its first article,
 * each further article of it as a link on its day ("Pacific Dispatch 2025-07-08, 2025-07-31").
 */
function outletsOf(sources: FigureTableRow['values'][number]['sources']): SafeHtml {
  const byOutlet = new Map<string, typeof sources>();
  for (const s of sources) byOutlet.set(s.sourceName ?? '', [...(byOutlet.get(s.sourceName ?? '') ?? []), s]);
  const day = (s: (typeof sources)[number]) => s.publishedAt?.slice(0, 10) ?? `article ${s.articleId}`;
  return html`${[...byOutlet.values()].map(
    ([first, ...more], i) =>
      html`${i ? ', ' : ''}<a href="/articles/${first!.articleId}">${first!.sourceName ?? 'source'}</a>${first!.publishedAt ? html` <span class="meta">${day(first!)}</span>` : null}${more.map(
        (s) => html`<span class="meta">, <a href="/articles/${s.articleId}" title="${first!.sourceName ?? 'source'}, another article">${day(s)}</a></span>`,
      )}`,
  )}`;
}

export function storyFiguresPanel(rows: FigureTableRow[], entityIds: Map<string, number>): SafeHtml | null {
  if (!rows.length) return null;
  return html`<section class="panel figures" aria-labelledby="figures-heading">
<h2 id="figures-heading">Figures</h2>
<table><thead><tr><th scope="col">About</th><th scope="col">Measure</th><th scope="col">Values and sources</th></tr></thead><tbody>${rows.map((r) => {
    const id = r.subjectKey ? entityIds.get(r.subjectKey) : undefined;
    const change = r.changes.map((c) => html`<span class="meta">changed from ${formatFigure(c.from, r.unit)} to ${formatFigure(c.to, r.unit)}</span>`);
    return html`<tr${r.disagree ? html` class="disagree"` : null}><th scope="row">${id ? html`<a href="/entities/${id}">${r.subject}</a>` : r.subject}</th><td>${r.measure}</td>
<td>${figureValueLines(r)}${change}${r.disagree ? html` <span class="meta">(sources differ)</span>` : r.overTime ? html` <span class="meta">(over time, as reported)</span>` : null}</td></tr>`;
  })}</tbody></table>
</section>`;
}

export function storyQuotesPanel(groups: SpeakerQuotes[], entityIds: Map<string, number>): SafeHtml | null {
  if (!groups.length) return null;
  return html`<section class="panel quotes" aria-labelledby="quotes-heading">
<h2 id="quotes-heading">Quotes by speaker</h2>
${groups.map((g) => {
  const id = g.speakerKey ? entityIds.get(g.speakerKey) : undefined;
  // One block per speaker: the page's columns never put a speaker's quote under another's name.
  return html`<div class="speaker-quotes"><h3>${id ? html`<a href="/entities/${id}">${g.speaker}</a>` : g.speaker}</h3>${g.quotes.map(
    (q) => html`<blockquote><p>“${q.text}”</p><footer>${q.description ? html`— ${q.description} ` : null}${citation(q.articleId, q.sourceName)}</footer></blockquote>`,
  )}</div>`;
})}
</section>`;
}

/** The longest question about a story, in characters: the ask box, the page, the API and `dateline ask` all take this. */
export const QUESTION_MAX_CHARS = 300;

export function questionBox(storyId: number, question = ''): SafeHtml {
  return html`<section class="panel ask" aria-labelledby="ask-heading">
<h2 id="ask-heading">Ask about this story</h2>
<form action="/stories/${storyId}/ask" method="get">
  <label for="ask-q">Question</label>
  <input id="ask-q" name="q" type="text" maxlength="${QUESTION_MAX_CHARS}" required value="${question}">
  <button type="submit">Ask</button>
</form>
</section>`;
}

export function answerBody(storyId: number, headline: string, answer: StoryAnswer): SafeHtml {
  return html`<article class="reading" aria-labelledby="answer-heading">
<p class="meta"><a href="/stories/${storyId}">← ${headline}</a></p>
<h1 id="answer-heading">${answer.question}</h1>
${answer.written ? html`<p>${linkCitations(answer.written.text, answer.sentences)}</p><p class="meta">Written by ${answer.written.model} from the sentences below.</p>` : null}
${answer.found ? html`<ol class="answer">${answer.sentences.map((s) => html`<li>${s.text}${citation(s.articleId, s.sourceName)}</li>`)}</ol>` : html`<p class="notice">I don't know: nothing in this story's articles answers that.</p>`}
${questionBox(storyId, answer.question)}
</article>`;
}
