// The plain baseline the enrichment stage is measured against, on the same gold: what one gets from
// the libraries alone with no rules of ours — compromise's people, places and organisations; every
// number with the unit written beside it; every double-quoted span of three words or more with the
// first name after it as speaker; every date chrono-node reads, against the publication time.
import nlp from 'compromise';
import * as chrono from 'chrono-node';
import type { ArticleEnrichment } from '../../src/enrich/index.ts';
import { normaliseKey } from '../../src/enrich/entities.ts';
import type { Enricher } from '../../test/fixtures/gold/score.ts';

const CURRENCY: Record<string, string> = { $: 'USD', US$: 'USD', C$: 'CAD', '¥': 'JPY', '€': 'EUR', '£': 'GBP', '₩': 'KRW' };

function entities(text: string): ArticleEnrichment['entities'] {
  const doc = nlp(text);
  const found = new Map<string, ArticleEnrichment['entities'][number]>();
  for (const [kind, names] of [
    ['person', doc.people().out('array') as string[]],
    ['place', doc.places().out('array') as string[]],
    ['organisation', doc.organizations().out('array') as string[]],
  ] as const) {
    for (const raw of names) {
      const name = raw
        .replace(/[.,;:'’"“”]+$/, '')
        .replace(/['’]s$/, '')
        .trim();
      const key = `${kind}:${normaliseKey(name)}`;
      if (name && !found.has(key)) found.set(key, { key, kind, name, code: null, aliases: [name], roles: [], mentions: [] });
    }
  }
  return [...found.values()];
}

function figures(text: string): ArticleEnrichment['figures'] {
  const out: ArticleEnrichment['figures'] = [];
  for (const m of text.matchAll(/(US\$|C\$|\$|¥|€|£|₩)?(\d[\d,]*(?:\.\d+)?)(\s?%|\s?percent)?(?:\s+([\p{L}]+))?/gu)) {
    const unit = m[3] ? 'percent' : m[1] ? CURRENCY[m[1]]! : (m[4]?.toLowerCase() ?? null);
    const start = m.index!;
    out.push({
      start,
      end: start + m[0].length,
      text: m[0],
      value: Number(m[2]!.replace(/,/g, '')),
      unit,
      subject: m[4] ?? null,
      context: '',
      sentenceIndex: -1,
      subjectKey: null,
      subjectKeys: [],
      measure: unit ?? 'figure',
      change: null,
    });
  }
  return out;
}

function quotes(text: string): ArticleEnrichment['quotes'] {
  const out: ArticleEnrichment['quotes'] = [];
  for (const m of text.matchAll(/["“]([^"“”]{3,600})["”]/g)) {
    if (m[1]!.trim().split(/\s+/).length < 3) continue;
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 80);
    const name = /\p{Lu}\p{Ll}+(?:\s\p{Lu}[\p{Ll}-]+)+/u.exec(after)?.[0] ?? null;
    out.push({ start: m.index!, end: m.index! + m[0].length, text: m[1]!, speaker: name, speakerKey: name ? `person:${normaliseKey(name)}` : null, speakerName: name });
  }
  return out;
}

function events(text: string, publishedAt: Date): ArticleEnrichment['events'] {
  return chrono.parse(text, { instant: publishedAt, timezone: 0 }).map((r) => {
    const c = r.start;
    const precision = c.isCertain('day') || c.isCertain('weekday') ? 'day' : c.isCertain('month') ? 'month' : 'year';
    const d = c.date();
    const date = precision === 'day' ? d.toISOString().slice(0, 10) : precision === 'month' ? `${d.toISOString().slice(0, 7)}-01` : `${d.getUTCFullYear()}-01-01`;
    return { start: r.index, end: r.index + r.text.length, text: r.text, date, precision, sentence: '', sentenceIndex: -1, sentenceStart: 0, sentenceEnd: 0 };
  });
}

export const baselineEnricher: Enricher = (a) => ({
  entities: entities(a.text),
  figures: figures(a.text),
  quotes: quotes(a.text),
  events: events(a.text, a.publishedAt),
  summary: [],
});
