// Page dumps written for these tests (fictional text in the seeds' two layouts): rejoining lines
// broken at links, splitting a title or standfirst off a first sentence, ages, datelines,
// and the site profile's general way of finding clutter.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePageDump } from '../../src/extract/dump.ts';
import { buildSiteProfile, findOrphanWords } from '../../src/extract/clutter.ts';
import { continuesSentence, fixLinkArtifacts, rejoinLines, splitLeadingHeadline } from '../../src/extract/rejoin.ts';
import { PageError } from '../../src/extract/errors.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/dumps/${name}`, import.meta.url), 'utf8');
const FILE_TIME = new Date('2026-06-01T00:00:00Z');

describe('rejoining lines broken at inline links', () => {
  it('joins a line that stops mid-sentence with the next', () => {
    expect(continuesSentence('South Korea and the', 'United States are racing to finalise a deal.')).toBe(true);
    expect(continuesSentence('a larger role in countering', 'China , both of which align with US President')).toBe(true);
    expect(continuesSentence('both of which align with US President', "Donald Trump' s explicit demands")).toBe(true);
    expect(continuesSentence('Secretary of State for China,', 'Japan , South Korea, and')).toBe(true);
  });

  it('leaves finished sentences, headings and subheads alone', () => {
    expect(continuesSentence('The meeting ended on Monday.', 'Officials said more talks would follow.')).toBe(false);
    expect(continuesSentence('Alliance modernization gains focus', "The 'alliance modernization' agenda was first proposed.")).toBe(false);
    expect(continuesSentence('Explore what the app can do for you:', 'Comments')).toBe(false);
  });

  it('repairs the punctuation a link left detached', () => {
    expect(fixLinkArtifacts('countering China , both')).toBe('countering China, both');
    expect(fixLinkArtifacts("Donald Trump' s explicit")).toBe("Donald Trump's explicit");
    expect(fixLinkArtifacts('Mongolia , on July 10 .')).toBe('Mongolia, on July 10.');
    expect(fixLinkArtifacts('rates fell -- again ... slowly')).toBe('rates fell -- again ... slowly');
  });

  it('never joins across a blank line or into a line the caller protects', () => {
    const units = rejoinLines(['Fares will rise for the', '', 'islands next year.', 'Harbor Gazette'], (i) => i !== 3);
    expect(units.map((u) => u.text)).toEqual(['Fares will rise for the', '', 'islands next year.', 'Harbor Gazette']);
  });
});

describe('splitting a headline or standfirst off the first sentence', () => {
  it('finds where the headline ends and the sentence starts', () => {
    expect(splitLeadingHeadline('Bridge tolls rise again to fund ten-year repair plan Drivers crossing the river will pay more from May, the council said.')).toEqual({
      headline: 'Bridge tolls rise again to fund ten-year repair plan',
      rest: 'Drivers crossing the river will pay more from May, the council said.',
    });
  });

  it('does not split ordinary first sentences', () => {
    for (const sentence of [
      "Russia's Security Council Secretary Sergei Shoigu met with North Korean leader Kim Jong-un in Pyongyang for talks, the embassy said.",
      'President Lee Jae Myung on Tuesday offered his condolences to the victims, a day before the anniversary.',
      'Student-led startups are losing momentum across most of South Korea for the first time in three years.',
      'National Security Adviser Wi Sung-lak met with two visiting US Representatives on Tuesday and discussed ways forward.',
    ]) {
      expect(splitLeadingHeadline(sentence)).toBeNull();
    }
  });
});

describe('a dump in the layout with the source glued to the age (harbor-gazette.txt)', () => {
  const page = parsePageDump(fixture('harbor-gazette.txt'), {
    referenceTime: new Date('2026-03-10T09:00:00Z'),
    fallbackTime: FILE_TIME,
  });

  it('reads the main article: title once, glued source and age, rejoined paragraphs', () => {
    expect(page.main.title).toBe('Ferry fares to rise as Northbay port renews its fleet');
    expect(page.main.sourceName).toBe('Harbor Gazette');
    expect(page.main.publishedText).toBe('3 hours ago');
    expect(page.main.publishedAt?.toISOString()).toBe('2026-03-10T06:00:00.000Z');
    expect(page.main.text.split('\n\n')).toEqual([
      'Fares on the three ferry lines that serve the Northbay islands will rise by 8 percent from October, the port authority said on Monday.',
      "The increase will pay for two new hybrid vessels, according to Mira Castellan, the authority's finance director, who said the old boats had become too costly to repair.",
      "Commuters' groups said the rise was steep but welcomed the promise of more frequent crossings, which Castellan's office said would start in the spring.",
      'Slow crossings',
      'The current fleet is more than thirty years old and breaks down several times a month, leaving islanders waiting on the quay for hours.',
    ]);
  });

  it('splits a standfirst, and a title that shares its line with the first sentence', () => {
    const [school, market] = page.related;
    expect(school!.title).toBe('Island school opens new science wing');
    expect(school!.excerpt).toBe('Students settle into labs after two-year build');
    expect(school!.text.startsWith('Pupils at Westholm Secondary started lessons')).toBe(true);
    expect(market!.title).toBe('Fish market moves to the old customs house');
    expect(market!.text.startsWith('Traders will sell from the restored customs house')).toBe(true);
    expect(market!.publishedText).toBe('yesterday');
    expect(market!.publishedAt?.toISOString()).toBe('2026-03-09T09:00:00.000Z');
  });

  it('drops the furniture, the repeated titles and the inline advertisement labels', () => {
    expect(market()).not.toContain('Advertisement');
    expect(market()).toBe(
      "Traders will sell from the restored customs house on the east quay from next month, the town council said on Friday. The move ends a decade of complaints about the market's leaking roof. Stallholders will pay the same rent as before for the first year. Council members voted for the plan without a debate.",
    );
    for (const line of ['logo', 'Orange background', 'No comments yet...', '• Harbor Gazette', 'DOWNLOAD THE APP', 'app-storeplay-store', 'Advertisement']) {
      expect(page.removedLines).toContain(line);
    }
    expect(page.links.map((l) => [l.position, l.title, l.articleIndex])).toEqual([
      [1, 'Island school opens new science wing', 0],
      [2, 'Fish market moves to the old customs house', 1],
    ]);
    function market() {
      return page.related[1]!.text;
    }
  });
});

describe('a dump in the layout with source lines around the age (wire-list.txt)', () => {
  it('resolves ages against the dateline when there is no --as-of', () => {
    const page = parsePageDump(fixture('wire-list.txt'), { referenceTime: null, fallbackTime: FILE_TIME });
    // "PORTLAND, Mar. 3, 2026" with "2 hours ago": the page was saved at 14:00 UTC that day.
    expect(page.related.map((a) => [a.title, a.sourceName, a.publishedText, a.publishedAt?.toISOString()])).toEqual([
      ['Harbour authority appoints new pilot chief', 'Coastal Wire', '2 hours ago', '2026-03-03T12:00:00.000Z'],
      ['Gulls return to the breakwater colony', 'Coastal Wire', 'a week ago', '2026-02-24T14:00:00.000Z'],
      ['Bridge closes for night repairs', 'Northbay Times', 'just now', '2026-03-03T14:00:00.000Z'],
    ]);
    // No age for the main article: the time the page was saved stands in.
    expect(page.main.publishedAt?.toISOString()).toBe('2026-03-03T14:00:00.000Z');
    expect(page.main.timeBasis).toBe('file');
  });

  it('gives the main article no source when its related list names several', () => {
    const page = parsePageDump(fixture('wire-list.txt'), { referenceTime: null, fallbackTime: FILE_TIME });
    expect(page.main.sourceName).toBeNull();
    expect(page.main.title).toBe("Lighthouse keepers' archive goes online");
    expect(page.main.text).toBe(
      'The regional museum has put the logbooks of four lighthouses online, covering more than a century of weather, shipwrecks and visiting ships, the museum said.\n\n' +
        'Volunteers spent two winters scanning the pages, which had been kept in a damp cellar until the museum took them in.',
    );
    expect(page.removedLines).toEqual(expect.arrayContaining(['03:15', 'Museum shows its storm photographs', '- Coastal Wire', '- Northbay Times']));
  });

  it("falls back to the file's time when neither --as-of nor the page gives one", () => {
    const text = fixture('wire-list.txt').replace('PORTLAND, Mar. 3, 2026 /Coastal Wire/ -- ', '');
    const page = parsePageDump(text, { referenceTime: null, fallbackTime: FILE_TIME });
    expect(page.related[0]!.publishedAt?.toISOString()).toBe('2026-05-31T22:00:00.000Z');
  });
});

describe('site profile: lines that recur across pages of one site', () => {
  const first = fixture('harbor-gazette.txt');
  // A second page of the same site: another main article, listing one of the same related articles.
  const second = first
    .replaceAll('Ferry fares to rise as Northbay port renews its fleet', 'Lifeboat crew rescues two kayakers off Westholm')
    .replace(
      /Harbor Gazette3 hours ago\n[\s\S]*?Orange background/,
      [
        'Harbor Gazette5 hours ago',
        'The volunteer lifeboat crew brought two kayakers ashore on Sunday after their boats overturned in a sudden squall.',
        'Orange background',
        'Both were treated for cold at the harbour and released the same evening, the crew said.',
      ].join('\n'),
    );

  it('takes recurring furniture for clutter but never recurring titles, sources or ages', () => {
    const profile = buildSiteProfile([first, second]);
    expect(profile.clutterLines).toEqual(expect.arrayContaining(['orange background', 'try our ai features', 'no comments yet...', 'app-storeplay-store']));
    expect(profile.clutterLines).not.toContain('island school opens new science wing');
    expect(profile.clutterLines).not.toContain('harbor gazette');
    expect(profile.clutterLines.some((l) => l.includes('ago'))).toBe(false);
    expect(profile.sourceNames).toEqual(['Harbor Gazette']);
  });

  it('removes a recurring line even inside a body, where a single page cannot tell', () => {
    const alone = parsePageDump(second, { referenceTime: null, fallbackTime: FILE_TIME });
    expect(alone.main.text).toContain('Orange background');
    const profile = buildSiteProfile([first, second]);
    const withProfile = parsePageDump(second, { referenceTime: null, fallbackTime: FILE_TIME, siteProfile: profile });
    expect(withProfile.main.text).toBe(
      'The volunteer lifeboat crew brought two kayakers ashore on Sunday after their boats overturned in a sudden squall.\n\n' + 'Both were treated for cold at the harbour and released the same evening, the crew said.',
    );
    expect(withProfile.main.title).toBe('Lifeboat crew rescues two kayakers off Westholm');
  });

  it('finds words dropped between sentences only when they never occur inside one', () => {
    expect(findOrphanWords(['One sentence. Sponsored Another one. Sponsored', 'Text. Sponsored More text.'])).toEqual(['Sponsored']);
    expect(findOrphanWords(['One sentence. Sponsored Another one.', 'It was sponsored by the city. Sponsored Text.'])).toEqual([]);
    expect(findOrphanWords(['It rained. The end. The sea rose.'])).toEqual([]);
  });
});

describe('dumps with no article text', () => {
  it('throws a PageError saying so', () => {
    expect(() => parsePageDump('logo\n\nComments\nNo comments yet...\n', { referenceTime: null, fallbackTime: FILE_TIME })).toThrow(PageError);
    expect(() => parsePageDump('logo\n', { referenceTime: null, fallbackTime: FILE_TIME })).toThrow('no article text found in the page dump');
  });
});

describe('furniture inside a broken sentence', () => {
  it('steps over a video block to rejoin the sentence it interrupted', () => {
    const text = [
      '',
      'Tram drivers vote to strike over rosters',
      'Tram drivers in Eastport voted on Monday to strike for two days next week over new rosters.',
      'The',
      '02:05',
      'Inside the depot where the trams sleep',
      'Inside the depot where the trams sleep',
      'Eastport Transit Workers Union , which represents 900 drivers, said talks had failed.',
      'Managers said the rosters were needed to run more trams in the evening.',
    ].join('\n');
    const page = parsePageDump(text, { referenceTime: null, fallbackTime: FILE_TIME });
    expect(page.main.text.split('\n\n')).toEqual([
      'Tram drivers in Eastport voted on Monday to strike for two days next week over new rosters.',
      'The Eastport Transit Workers Union, which represents 900 drivers, said talks had failed.',
      'Managers said the rosters were needed to run more trams in the evening.',
    ]);
    expect(page.removedLines).toEqual(['02:05', 'Inside the depot where the trams sleep', 'Inside the depot where the trams sleep']);
  });

  it('keeps a word that twice opens the same quoted sentence (two copies of one wire story)', () => {
    const copy = 'Crews worked overnight. Hydrologist Tom Reyes said the river would fall by Friday.';
    expect(findOrphanWords([copy, copy])).toEqual([]);
  });
});

describe('dumps with little structure', () => {
  it('reads a plain text article (CRLF lines, no ages, no related list)', () => {
    const text =
      'Night trains return to the coast line\r\n\r\nThe night trains between Eastport and the coast will run again from May, the rail operator said on Monday.\r\n\r\nTickets go on sale next week, and a return fare will cost the same as before the pause.\r\n';
    const page = parsePageDump(text, { referenceTime: null, fallbackTime: FILE_TIME });
    expect(page.main.title).toBe('Night trains return to the coast line');
    expect(page.main.text).toBe('The night trains between Eastport and the coast will run again from May, the rail operator said on Monday.\n\n' + 'Tickets go on sale next week, and a return fare will cost the same as before the pause.');
    expect(page.main.publishedAt).toEqual(FILE_TIME);
    expect(page.main.timeBasis).toBe('file');
    expect(page.related).toEqual([]);
    expect(page.links).toEqual([]);
  });

  it('lists related links that carry no text, with no article index', () => {
    const text = [
      '',
      'Harbour reopens after storm',
      'The harbour reopened on Tuesday after three days of closure, the port authority said, and ferries resumed their normal timetable.',
      '',
      'Related Articles',
      '',
      '',
      'Coastal Wire',
      '2 hours ago',
      '- Coastal Wire',
      'Gulls return to the breakwater',
      '',
      '',
      'Coastal Wire',
      '3 hours ago',
      '- Coastal Wire',
      'Bridge closes for night repairs',
      '',
    ].join('\n');
    const page = parsePageDump(text, { referenceTime: null, fallbackTime: FILE_TIME });
    expect(page.related).toEqual([]);
    expect(page.links).toEqual([
      { position: 1, title: 'Gulls return to the breakwater', sourceName: 'Coastal Wire', url: null, articleIndex: null },
      { position: 2, title: 'Bridge closes for night repairs', sourceName: 'Coastal Wire', url: null, articleIndex: null },
    ]);
    expect(page.main.text).not.toContain('Related Articles');
  });
});

describe('a related title run into its first sentence, with nothing repeating it', () => {
  const text = [
    '',
    'Harbour reopens after storm',
    'The harbour reopened on Tuesday after three days of closure, the port authority said, and ferries resumed their normal timetable.',
    '',
    'Related Articles',
    '',
    '',
    'Coastal Wire',
    '2 hours ago',
    '- Coastal Wire',
    'Gulls return to breakwater in record numbers Ornithologists counted more than four hundred nesting pairs on the breakwater this spring, the highest number in a decade. They credit a ban on dogs along the pier.',
  ].join('\n');

  it('takes the headline from the front of the line, not the heading above the list', () => {
    const page = parsePageDump(text, { referenceTime: null, fallbackTime: FILE_TIME });
    expect(page.related[0]!.title).toBe('Gulls return to breakwater in record numbers');
    expect(page.related[0]!.text.startsWith('Ornithologists counted more than four hundred nesting pairs')).toBe(true);
    expect(page.removedLines).toContain('Related Articles');
  });
});

describe('labels before an age', () => {
  it('takes "Updated" for a label, not for the source', () => {
    const text = [
      'logo',
      'Quay wall repairs finish early',
      '',
      'Quay wall repairs finish early',
      '',
      'Updated 2 hours ago',
      'Repairs to the east quay wall finished a week early, the port authority said on Friday, and berths reopened at once.',
    ].join('\n');
    const page = parsePageDump(text, { referenceTime: new Date('2026-03-10T12:00:00Z'), fallbackTime: FILE_TIME });
    expect(page.main.sourceName).toBeNull();
    expect(page.main.publishedText).toBe('2 hours ago');
    expect(page.main.title).toBe('Quay wall repairs finish early');
  });
});

describe('a comment box with ages', () => {
  it("does not take readers' comments for related articles", () => {
    const text = [
      '',
      'Harbour reopens after storm',
      'The harbour reopened on Tuesday after three days of closure, the port authority said, and ferries resumed their normal timetable.',
      '',
      'Comments',
      '',
      'Mara K',
      '2 hours ago',
      'About time, the ferries were badly missed.',
      '',
      'Old Salt',
      '40 minutes ago',
      'Good news for the islands.',
      '',
      'Related Articles',
      '',
      '',
      'Coastal Wire',
      '3 hours ago',
      '- Coastal Wire',
      'Gulls return to the breakwater',
      'Ornithologists counted more than four hundred nesting pairs on the breakwater this spring, the highest number in a decade.',
    ].join('\n');
    const page = parsePageDump(text, { referenceTime: null, fallbackTime: FILE_TIME });
    expect(page.links.map((l) => l.title)).toEqual(['Gulls return to the breakwater']);
    expect(page.related.map((a) => a.title)).toEqual(['Gulls return to the breakwater']);
    expect(page.main.text).toBe('The harbour reopened on Tuesday after three days of closure, the port authority said, and ferries resumed their normal timetable.');
    expect(page.removedLines).toEqual(expect.arrayContaining(['Comments', 'About time, the ferries were badly missed.', 'Good news for the islands.', 'Related Articles']));
  });
});
