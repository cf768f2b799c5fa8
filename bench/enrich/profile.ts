// The pure enrichment stage in a loop over the demo and seed articles, for a CPU profile:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/enrich/profile.ts [--passes N]
// Prints articles per CPU-second and the load average; the profile shows where the time goes.
import { loadavg } from 'node:os';
import { enrichArticle } from '../../src/enrich/index.ts';
import { clearNameCache } from '../../src/enrich/entities.ts';
import { stageCorpus } from './corpus.ts';

const argPasses = process.argv.indexOf('--passes');
const passes = argPasses > 0 ? Number(process.argv[argPasses + 1]) : 20;
const corpus = stageCorpus();
for (const a of corpus) enrichArticle(a);
const cpuStart = process.cpuUsage();
for (let p = 0; p < passes; p++) {
  clearNameCache();
  for (const a of corpus) enrichArticle(a);
}
const cpu = process.cpuUsage(cpuStart);
const seconds = (cpu.user + cpu.system) / 1e6;
console.log(
  `${corpus.length} articles x ${passes} passes: ${((corpus.length * passes) / seconds).toFixed(1)} articles per CPU-second (${seconds.toFixed(2)} s CPU); load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
