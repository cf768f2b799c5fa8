// The demo corpus's articles (demo/src/NN-*.txt) as plain title, outlet and paragraphs, wire
// copies rebuilt from their originals the way demo/tools/build.py rebuilds them (drop, replace,
// prepend, append), for generating page dumps in tests and benchmarks.
import { readFileSync, readdirSync } from 'node:fs';
import type { SourceArticle } from './dump-generator.ts';

interface Block {
  key: string;
  fields: Record<string, string>;
  body: string[];
}

function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let inBody = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('@@ ')) {
      current = { key: line.slice(3).trim(), fields: {}, body: [] };
      blocks.push(current);
      inBody = false;
    } else if (!current) continue;
    else if (inBody) current.body.push(line);
    else if (line.trim() === '---') inBody = true;
    else if (line.trim()) {
      const colon = line.indexOf(':');
      current.fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return blocks;
}

function paragraphsOf(lines: string[]): string[] {
  return lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .join(' ')
        .trim(),
    )
    .filter(Boolean);
}

/** Every article of the demo corpus, originals and copies; sub-headings left out. */
export function loadDemoArticles(demoDir: string): SourceArticle[] {
  const manifest = JSON.parse(readFileSync(`${demoDir}/manifest.json`, 'utf8')) as { outlets: { key: string; name: string }[] };
  const outletName = new Map(manifest.outlets.map((o) => [o.key, o.name]));
  const files = readdirSync(`${demoDir}/src`)
    .filter((f) => /^\d+-.*\.txt$/.test(f))
    .sort();
  const blocks = files.flatMap((f) => parseBlocks(readFileSync(`${demoDir}/src/${f}`, 'utf8')));
  const byKey = new Map(blocks.map((b) => [b.key, b]));
  const paragraphs = new Map<string, string[]>();
  const paragraphsFor = (b: Block): string[] => {
    const known = paragraphs.get(b.key);
    if (known) return known;
    let paras: string[];
    const original = b.fields.copy_of ? byKey.get(b.fields.copy_of) : undefined;
    if (original) {
      const drops = new Set(
        (b.fields.drop ?? '')
          .split(',')
          .map((x) => Number(x.trim()))
          .filter((x) => x > 0),
      );
      paras = paragraphsFor(original).filter((_p, i) => !drops.has(i + 1));
      for (const pair of (b.fields.replace ?? '').split(' || ').filter(Boolean)) {
        const [from, to] = pair.split(' => ');
        const at = paras.findIndex((p) => p.includes(from!));
        if (at >= 0) paras[at] = paras[at]!.replace(from!, to ?? '');
      }
      if (b.fields.prepend) paras.unshift(b.fields.prepend);
      if (b.fields.append) paras.push(b.fields.append);
    } else {
      paras = paragraphsOf(b.body);
    }
    paragraphs.set(b.key, paras);
    return paras;
  };
  return blocks.map((b) => {
    const paras = paragraphsFor(b).filter((p) => !p.startsWith('## '));
    const dateline = b.fields.dateline ?? (b.fields.copy_of ? byKey.get(b.fields.copy_of)?.fields.dateline : undefined);
    if (dateline && paras.length > 0) paras[0] = `${dateline} — ${paras[0]}`;
    const story = b.fields.story ?? (b.fields.copy_of ? byKey.get(b.fields.copy_of)?.fields.story : undefined) ?? b.key;
    return { key: b.key, title: b.fields.title ?? b.key, sourceName: outletName.get(b.fields.outlet ?? '') ?? b.fields.outlet ?? '', paragraphs: paras, group: story };
  });
}
