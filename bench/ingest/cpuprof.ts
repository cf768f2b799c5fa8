// Reads a V8 CPU profile (node --cpu-prof) and prints where the time went: the top functions by
// self time, and by time inside each of the given roots (a function name, e.g. clusterOwed or
// enrichOwed: its self and total time, and its callees' self time by function, so the story step's
// and the enrichment step's Node CPU can be told apart). Time is samples times the mean interval.
// Usage: npx tsx bench/ingest/cpuprof.ts FILE.cpuprofile [--top 30] [--root clusterOwed --root enrichOwed]
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a) && args[args.indexOf(a) - 1] !== '--root');
if (!file) throw new Error('usage: cpuprof.ts FILE.cpuprofile [--top N] [--root NAME ...]');
const top = Number(args[args.indexOf('--top') + 1] ?? 30) || 30;
const roots = args.flatMap((a, i) => (a === '--root' && args[i + 1] ? [args[i + 1]!] : []));

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const hits = new Map<number, number>();
for (const s of profile.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
const msPerSample = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;

const label = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
const idle = new Set(['(idle)', '(program)']);

function report(title: string, samples: Map<number, number>): void {
  const self = new Map<string, number>();
  let total = 0;
  for (const [id, n] of samples) {
    const f = byId.get(id)!.callFrame;
    if (idle.has(f.functionName)) continue;
    total += n;
    self.set(label(f), (self.get(label(f)) ?? 0) + n);
  }
  process.stdout.write(`\n${title}: ${((total * msPerSample) / 1000).toFixed(1)} s busy\n`);
  for (const [name, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${((n * msPerSample) / 1000).toFixed(2).padStart(8)} s ${((100 * n) / total).toFixed(1).padStart(5)}%  ${name}\n`);
}

report('whole profile, self time', hits);
for (const root of roots) {
  // Samples whose stack holds `root` (counted once however deep it recurs).
  const under = new Map<number, number>();
  for (const [id, n] of hits) {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byId.get(at)!.callFrame.functionName === root) {
        under.set(id, n);
        break;
      }
    }
  }
  report(`inside ${root}, self time of callees`, under);
}
