// A page's title is not always its headline: a section front's or a failed page's <title> (and
// sometimes its og:title) is only the site's name and a section ("World news - RT International",
// "NPR Search : NPR"). Such a title says nothing about the story and, weighed as a headline, pulls
// the page into whatever story shares its outlet's words. Read here from the title itself and the
// outlet's name or host: a title every word of which names the outlet or is a generic section word
// is a site title. Pure; extraction (src/extract/metadata.ts) and the story features
// (src/cluster/features.ts) both ask it.
import { words } from './tokenise.ts';

/** Words a site or section title is made of besides the outlet's own name (English; lower case). */
const SECTION_WORDS = new Set(
  (
    'news latest breaking top stories story headlines headline home homepage front page pages index search results ' +
    'world international national local regional global us uk europe africa asia americas middle east ' +
    'politics business money markets economy finance tech technology science health sport sports entertainment ' +
    'culture lifestyle travel weather opinion opinions comment analysis video videos live blog blogs podcasts ' +
    'photos gallery section edition online daily today more all archive articles article the and of in on a'
  ).split(' '),
);

/** Labels of a host that say only where it is registered ("co.uk", "com"), never whose it is. */
const HOST_SUFFIXES = new Set('www com co org net gov edu int info biz io news tv uk us de fr au ca ie in nz eu ru es it nl'.split(' '));

/**
 * The words that name an outlet, from its names (a host such as "www.rt.com", a name such as
 * "RT International"): a name's words, and a host's own label ("hawaiinewsnow" for
 * www.hawaiinewsnow.com) that a title may spell as several words ("Hawaii News Now").
 */
export function outletWords(names: (string | null | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    if (!name?.trim()) continue;
    const host = /^(?:[a-z]+:\/\/)?([^\s/]+\.[a-z]{2,})(?:[/:]|$)/i.exec(name.trim());
    if (host && !/\s/.test(name.trim())) {
      const labels = host[1]!.toLowerCase().split('.');
      while (labels.length > 1 && HOST_SUFFIXES.has(labels[labels.length - 1]!)) labels.pop();
      const own = labels[labels.length - 1];
      if (own && !HOST_SUFFIXES.has(own)) out.add(own.replace(/[^\p{L}\p{N}]/gu, ''));
      continue;
    }
    for (const w of words(name)) out.add(w);
  }
  out.delete('');
  return out;
}

/**
 * Whether a title is only the outlet's name and generic section words (a site or section title,
 * not a headline). A run of title words that spells an outlet word ("Hawaii News Now" for
 * "hawaiinewsnow") counts as that word. Without outlet names, a title of section words alone
 * ("World news", "Home") is one too. An empty title is not (there is nothing to judge).
 */
export function isSiteTitle(title: string | null | undefined, outlets: Set<string>): boolean {
  const ws = words(title ?? '').map((w) => w.replace(/['’]s$/, ''));
  if (!ws.length) return false;
  let i = 0;
  while (i < ws.length) {
    if (SECTION_WORDS.has(ws[i]!) || outlets.has(ws[i]!)) {
      i++;
      continue;
    }
    // The outlet's name written as several words.
    let joined = '';
    let j = i;
    while (j < ws.length && joined.length < 40) {
      joined += ws[j++];
      if (outlets.has(joined)) break;
    }
    if (!outlets.has(joined)) return false;
    i = j;
  }
  return true;
}

const SEPARATOR = /\s+(?:\||::|–|—|-|·|»)\s+|\s*:\s+/;

/**
 * The headline a title carries: '' for a site title; otherwise the title without a leading or
 * trailing part that only names the outlet ("Quake hits Iran | RT International" -> "Quake hits Iran").
 */
export function headlineOf(title: string | null | undefined, outlets: Set<string>): string {
  const text = (title ?? '').trim();
  if (!text || isSiteTitle(text, outlets)) return '';
  if (!outlets.size) return text;
  const parts = text.split(SEPARATOR);
  if (parts.length < 2) return text;
  while (parts.length > 1 && isSiteTitle(parts[parts.length - 1], outlets) && words(parts[parts.length - 1]!).some((w) => !SECTION_WORDS.has(w))) parts.pop();
  while (parts.length > 1 && isSiteTitle(parts[0], outlets) && words(parts[0]!).some((w) => !SECTION_WORDS.has(w))) parts.shift();
  return parts.length === text.split(SEPARATOR).length ? text : parts.join(' - ');
}
