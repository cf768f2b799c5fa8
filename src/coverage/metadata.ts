// Per-source metadata, the pure part: checking what an admin sets (country, language, owner,
// lean) and reading it from their CSV (header: source,country,language,owner,lean). A bad row is
// reported with its line and never stops the good ones; an empty cell means "not known".
import { parse } from 'csv-parse/sync';
import { LEANS, type Lean, type SourceFacts } from './compare.ts';

export class MetadataInputError extends Error {}

const LEAN_SPELLINGS: Record<string, Lean> = { left: 'left', centre: 'centre', center: 'centre', right: 'right' };

/** Checks and normalises one source's facts; empty strings become null (unknown). */
export function checkFacts(input: { country?: unknown; language?: unknown; owner?: unknown; lean?: unknown }): SourceFacts {
  const text = (field: string, value: unknown, max: number, pattern?: RegExp, expected?: string): string | null => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw new MetadataInputError(`${field}: expected text`);
    const trimmed = value.trim();
    if (!trimmed) return null;
    if (trimmed.length > max) throw new MetadataInputError(`${field}: longer than ${max} characters`);
    if (pattern && !pattern.test(trimmed)) throw new MetadataInputError(`${field}: ${JSON.stringify(trimmed.slice(0, 40))} is not ${expected}`);
    return trimmed;
  };
  const country = text('country', input.country, 2, /^[A-Za-z]{2}$/, 'a two-letter country code (ISO 3166-1, e.g. GB)')?.toUpperCase() ?? null;
  const language = text('language', input.language, 12, /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language code (en, pt-BR)') ?? null;
  const owner = text('owner', input.owner, 200);
  const leanText = text('lean', input.lean, 10);
  const lean = leanText === null ? null : LEAN_SPELLINGS[leanText.toLowerCase()];
  if (lean === undefined) throw new MetadataInputError(`lean: ${JSON.stringify(leanText)} is not one of ${LEANS.join(', ')} (or empty)`);
  return { country, language: language?.toLowerCase() ?? null, owner, lean };
}

export interface CsvRow {
  line: number;
  source: string;
  facts: SourceFacts;
}

export interface CsvReading {
  rows: CsvRow[];
  errors: { line: number; message: string }[];
}

const COLUMNS = ['source', 'country', 'language', 'owner', 'lean'];

/** Reads an admin's CSV; columns may come in any order, `source` is required. */
export function readMetadataCsv(text: string): CsvReading {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // `info` gives each record's line (where it ends), so errors point at the file's own lines.
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as never;
  } catch (error) {
    throw new MetadataInputError(`the CSV cannot be read: ${(error as Error).message}`);
  }
  const header = (records[0]?.record ?? []).map((h) => h.toLowerCase());
  if (!header.includes('source')) throw new MetadataInputError(`line 1: expected a header row naming the columns (${COLUMNS.join(', ')}); "source" is required`);
  const unknown = header.filter((h) => !COLUMNS.includes(h));
  if (unknown.length) throw new MetadataInputError(`line 1: unknown column ${JSON.stringify(unknown[0])}; expected ${COLUMNS.join(', ')}`);
  const rows: CsvRow[] = [];
  const errors: CsvReading['errors'] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (name: string) => record[header.indexOf(name)];
    const source = (cell('source') ?? '').trim();
    if (!source) {
      errors.push({ line, message: 'source: empty' });
      continue;
    }
    try {
      rows.push({ line, source, facts: checkFacts({ country: cell('country'), language: cell('language'), owner: cell('owner'), lean: cell('lean') }) });
    } catch (error) {
      errors.push({ line, message: `${source}: ${(error as Error).message}` });
    }
  }
  return { rows, errors };
}
