// A site or section title ("World news - RT International") is no headline: it is read from the
// title and the outlet's name or host, and it weighs nothing in the story decision.
import { describe, expect, it } from 'vitest';
import { headlineOf, isSiteTitle, outletWords } from '../../src/text/site-title.ts';
import { articleTerms, isHeadlineTerm } from '../../src/cluster/features.ts';
import { OnlineClusterer } from '../../src/cluster/online.ts';

const at = (hour: number) => new Date(Date.UTC(2025, 7, 1, hour));

describe('site titles', () => {
  it("reads an outlet's words from a host or a name", () => {
    expect([...outletWords(['www.rt.com'])]).toEqual(['rt']);
    expect([...outletWords(['https://www.bbc.co.uk/news/world-1'])]).toEqual(['bbc']);
    expect([...outletWords(['RT International'])]).toEqual(['rt', 'international']);
    expect(outletWords([null, '', undefined]).size).toBe(0);
  });

  it('tells a site or section title from a headline', () => {
    const rt = outletWords(['www.rt.com', 'RT International']);
    expect(isSiteTitle('World news - RT International', rt)).toBe(true);
    expect(isSiteTitle('NPR Search : NPR', outletWords(['www.npr.org']))).toBe(true);
    // The outlet's one-word host written as words.
    expect(isSiteTitle('Top stories | Hawaii News Now', outletWords(['www.hawaiinewsnow.com']))).toBe(true);
    expect(isSiteTitle('World news', new Set())).toBe(true);
    expect(isSiteTitle('Quake hits island off Iran - RT International', rt)).toBe(false);
    expect(isSiteTitle('Russia news agency RT banned in Latvia', rt)).toBe(false);
    expect(isSiteTitle('', rt)).toBe(false);
  });

  it("drops a title's end part that only names the outlet, and a site title whole", () => {
    const rt = outletWords(['www.rt.com', 'RT International']);
    expect(headlineOf('World news - RT International', rt)).toBe('');
    expect(headlineOf('Quake hits island off Iran | RT International', rt)).toBe('Quake hits island off Iran');
    expect(headlineOf('RT: Quake hits island off Iran', rt)).toBe('Quake hits island off Iran');
    // A part of section words alone stays: "Live" may be the headline's own.
    expect(headlineOf('Quake hits island off Iran - live', rt)).toBe('Quake hits island off Iran - live');
    expect(headlineOf('N. Korean missile put millions into cover - Mattis', rt)).toBe('N. Korean missile put millions into cover - Mattis');
  });

  it('gives a site title no weight in the story features', () => {
    const text = 'A magnitude 5.6 earthquake struck the island of Qeshm in the Gulf on Sunday, injuring five people and damaging homes in three villages.';
    const terms = articleTerms({ title: 'World news - RT International', text, sourceName: 'www.rt.com' });
    expect([...terms.keys()].filter(isHeadlineTerm)).toEqual([]);
    expect(terms.has('world')).toBe(false);
    // Without the outlet's name, "RT International" is a name in a headline like any other.
    expect([...articleTerms({ title: 'Quake hits Qeshm - RT International', text }).keys()].some(isHeadlineTerm)).toBe(true);
  });

  it('does not join two unrelated pages of one outlet because both carry its site title', async () => {
    const clusterer = new OnlineClusterer();
    const quake = await clusterer.assign({
      id: 1,
      title: 'World news - RT International',
      text: 'A magnitude 5.6 earthquake struck the island of Qeshm in the Gulf on Sunday, injuring five people and damaging homes in three villages, state media said. Rescue teams were sent from Bandar Abbas.',
      publishedAt: at(8),
      sourceName: 'www.rt.com',
      url: 'https://www.rt.com/news/1-qeshm-quake/',
    });
    const football = await clusterer.assign({
      id: 2,
      title: 'World news - RT International',
      text: 'Zenit Saint Petersburg signed the Brazilian midfielder Claudinho for a club record fee on Monday, the club announced, after weeks of talks with Red Bull Bragantino over the transfer.',
      publishedAt: at(10),
      sourceName: 'www.rt.com',
      url: 'https://www.rt.com/sport/2-zenit-transfer/',
    });
    expect(football.storyId).not.toBe(quake.storyId);
  });
});
