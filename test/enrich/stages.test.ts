// The enrichment stage on short texts written for these tests (in the style of the seeds):
// entities with roles and merged aliases, figures with subjects and units, quotes with speakers,
// dates resolved against publication time, summaries, questions, and story aggregation.
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';
import { findFigures } from '../../src/enrich/figures.ts';
import { findQuotes } from '../../src/enrich/quotes.ts';
import { findEvents } from '../../src/enrich/events.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import { summariseArticle, summariseStory, similarity } from '../../src/enrich/summary.ts';
import { answerQuestion, NO_ANSWER } from '../../src/enrich/ask.ts';
import { enrichArticle } from '../../src/enrich/index.ts';
import { quotesBySpeaker, storyFigures, storyTimeline } from '../../src/enrich/story.ts';
import { terms } from '../../src/text/tokenise.ts';

const entity = (text: string, name: string) => findEntities(text).find((e) => e.name === name || e.aliases.includes(name));

describe('sentences', () => {
  it('does not split at titles, months, initials and U.S.', () => {
    const s = splitSentences('Adm. Kim Myung-soo met Gen. Caine on Aug. 1 in S. Korea. The U.S. side agreed. Talks end Friday.');
    expect(s.map((x) => x.text)).toEqual(['Adm. Kim Myung-soo met Gen. Caine on Aug. 1 in S. Korea.', 'The U.S. side agreed.', 'Talks end Friday.']);
    expect(s[1]!.start).toBe(57);
  });
});

describe('entities', () => {
  it('finds people with the titles and appositions the text gives them', () => {
    const text = 'Secretary of State Marco Rubio spoke first. Adm. Kim Myung-soo, chairman of the Joint Chiefs of Staff, listened. ' + '"It is a test," said Victor Cha, Korea chair at the Center for Strategic and International Studies.';
    expect(entity(text, 'Marco Rubio')?.roles).toEqual(['Secretary of State']);
    const kim = entity(text, 'Kim Myung-soo')!;
    expect(kim.kind).toBe('person');
    expect(kim.roles).toContain('chairman of the Joint Chiefs of Staff');
    expect(kim.roles).toContain('Adm.');
    expect(entity(text, 'Victor Cha')?.roles).toEqual(['Korea chair at the Center for Strategic and International Studies']);
    expect(entity(text, 'Center for Strategic and International Studies')?.kind).toBe('organisation');
    expect(entity(text, 'Joint Chiefs of Staff')?.kind).toBe('organisation');
  });

  it('joins a tagged name with the organisation phrase around it, and keeps hyphenated given names', () => {
    const kinds = (text: string) => findEntities(text).map((e) => [e.name, e.kind]);
    // The model tags "Lisbon" and "Marine Studies"; the organisation words around them decide.
    expect(kinds('Lisbon Energy said on Monday that demand fell, while Oslo Airlines cut routes.')).toEqual([
      ['Lisbon Energy', 'organisation'],
      ['Oslo Airlines', 'organisation'],
    ]);
    expect(kinds('She studied at the University of Tarrow before joining the Institute for Coastal and Marine Studies.')).toContainEqual(['Institute for Coastal and Marine Studies', 'organisation']);
    // Places joined by "and" stay two places.
    expect(kinds('Markets in Seoul and Washington fell on Tuesday.').map(([, kind]) => kind)).toEqual(['place', 'place']);
    const person = findEntities('Opposition lawmaker Paek Min-jae said the levy was unfair.').find((e) => e.kind === 'person');
    expect([person?.name, person?.roles]).toEqual(['Paek Min-jae', ['lawmaker']]);
  });

  it('takes a lower-case role before a name, with where the person works', () => {
    const text = '"Markets priced in a deal," analyst Kim Ji-won at KB Securities said. Chief economist Rahul Mehta agreed.';
    expect(entity(text, 'Kim Ji-won')?.roles).toEqual(['analyst at KB Securities']);
    expect(entity(text, 'KB Securities')?.kind).toBe('organisation');
  });

  it('merges spellings and short forms of one person', () => {
    const text = 'President Lee Jae Myung flew to Tokyo. Lee Jae-myung said little on the plane. ' + 'Later President Lee met reporters, and Lee smiled.';
    const people = findEntities(text).filter((e) => e.kind === 'person');
    expect(people).toHaveLength(1);
    expect(people[0]!.key).toBe('person:leejaemyung');
    expect(people[0]!.mentions).toHaveLength(4);
  });

  it('normalises countries and capitals to ISO codes, and tells the government from the city', () => {
    const text = "The US and the United States Trade Representative agree. Washington wants more from Seoul, and South Korea's exports of Korean steel fell. Officials flew to Seoul.";
    const places = findEntities(text).filter((e) => e.kind === 'place');
    const us = places.find((e) => e.key === 'place:US')!;
    expect(us.name).toBe('United States');
    expect(us.aliases).toEqual(expect.arrayContaining(['US', 'Washington']));
    const kr = places.find((e) => e.key === 'place:KR')!;
    expect(kr.aliases).toEqual(expect.arrayContaining(['Seoul', 'South Korea', 'Korean']));
    expect(places.find((e) => e.key === 'place:seoul')?.code).toBe('KR');
  });

  it('finds organisations by pattern, acronym and employer', () => {
    const text = "An official at Korea's Ministry of Foreign Affairs briefed the People Power Party. The JCS said so. " + 'She held senior roles at Macquarie Bank and Orion Capital, and joined Granite Asia.';
    const orgs = findEntities(text)
      .filter((e) => e.kind === 'organisation')
      .map((e) => e.name);
    expect(orgs).toEqual(expect.arrayContaining(['Ministry of Foreign Affairs', 'People Power Party', 'Joint Chiefs of Staff', 'Macquarie Bank', 'Orion Capital', 'Granite Asia']));
    expect(orgs).not.toContain('JCS');
  });

  it('takes the companies a list names, and stops at the sentence end', () => {
    const text = 'The fund backed companies such as Brightleaf, Kobalt Works and 7seas. Before that it was quiet. Carmakers like Toyota, Honda and Hyundai fell.';
    const orgs = findEntities(text)
      .filter((e) => e.kind === 'organisation')
      .map((e) => e.name);
    expect(orgs).toEqual(expect.arrayContaining(['Brightleaf', 'Kobalt Works', '7seas', 'Toyota', 'Honda', 'Hyundai']));
    expect(orgs.some((o) => o.includes('Before'))).toBe(false);
  });
});

describe('figures', () => {
  const figures = (text: string) => findFigures(text, splitSentences(text)).map((f) => ({ value: f.value, unit: f.unit, subject: f.subject }));

  it('reads percentages with what they are about', () => {
    expect(figures('Others hit include Cambodia at 36 percent and Laos at 40%.')).toEqual([
      { value: 36, unit: 'percent', subject: 'Cambodia' },
      { value: 40, unit: 'percent', subject: 'Laos' },
    ]);
    expect(figures('Mills were hit by a 50 percent US tariff on Korean steel.')[0]).toEqual({ value: 50, unit: 'percent', subject: 'US tariff on Korean steel' });
    expect(figures('The central bank holds rate at 2.5% again.')[0]!.subject).toBe('rate');
    // A date after the tariff is when it starts, not what it is on.
    expect(figures('Goods will be hit with 50-percent tariffs on July 9 unless talks succeed.')[0]!.subject).toBe('tariffs');
    expect(figures('Steel makes up 4.8 percent of national output.')[0]!.subject).toBe('national output');
  });

  it('scales money and counts things', () => {
    expect(figures('Market value reached 3,020.8 trillion won on Thursday.')[0]).toEqual({ value: 3.0208e15, unit: 'KRW', subject: 'Market value' });
    expect(figures('The 28,500 US troops stationed there stay.')[0]).toEqual({ value: 28500, unit: 'troops', subject: 'US troops' });
    expect(figures('It raised US$250 million in anchor commitments.')[0]).toEqual({ value: 2.5e8, unit: 'USD', subject: 'anchor commitments' });
  });

  it('leaves out dates, years, clock times and numbers inside names', () => {
    expect(figures('On July 10, 2025, at 01:42, Insta360 and the G7 met, as in 2006.')).toEqual([]);
  });

  it('gives a figure with no subject phrase the name its clause or sentence gives', () => {
    const about = (text: string) => enrichArticle({ title: '', text, publishedAt: null }).figures.map((f) => [f.text, f.subjectKey]);
    expect(about('Reykjavik Energy said on Friday it expects 12% more orders next year.')).toEqual([['12%', 'organisation:reykjavikenergy']]);
    // A city stands for its country.
    expect(about('Officials in Lisbon expect a 12% rise in visitors.')).toEqual([['12%', 'place:PT']]);
  });

  it('reads whose a figure is from the clause: "its", a change told beside its clause, the reporter left out', () => {
    const about = (text: string) => enrichArticle({ title: '', text, publishedAt: null }).figures.map((f) => [f.text, f.subjectKey ?? f.subject]);
    // "its" is the sentence's topic, not the place named after the figure.
    expect(about('Norway was the main target, hit with levies of 45 percent on its goods and duties of 20 percent on Canadian imports.')).toEqual([
      ['45 percent', 'place:NO'],
      ['20 percent', 'place:CA'],
    ]);
    // "down 6.6 percent from 2,137 to 1,997": the change and both values are of what the clause opens with.
    expect(about('The number of bike couriers also declined, down 6.6 percent from 2,137 to 1,997.')).toEqual([
      ['6.6 percent', 'bike couriers'],
      ['2,137', 'bike couriers'],
      ['1,997', 'bike couriers'],
    ]);
    // "the bank" is the bank named before; a range is of the noun it follows; money earmarked is for its purpose.
    expect(about('The Halden Central Bank met on Monday. Since May, the bank has cut the policy rate by 1 percentage point.')).toEqual([['1 percentage point', 'organisation:haldencentralbank']]);
    expect(about('Notices sent to 9 ports set out new fees ranging from 5% to 9%.').slice(1)).toEqual([
      ['5%', 'new fees'],
      ['9%', 'new fees'],
    ]);
    expect(about('Oslo pledged $40 billion, including $12 billion earmarked for rail lines.')).toEqual([
      ['$40 billion', 'place:NO'],
      ['$12 billion', 'rail lines'],
    ]);
    // A month or "the capital" is when or where, not what; a share of the vote is the person's the clause opens with.
    expect(about('Inflation rose to 3.1% in June. Turnout reached 64% in the capital.')).toEqual([
      ['3.1%', 'Inflation'],
      ['64%', 'Turnout'],
    ]);
    expect(about('Mayor Ilse Brandt won 52% of the vote on Sunday.')).toEqual([['52%', 'person:ilsebrandt']]);
    // Who estimates the duty is not whose duty it is.
    expect(about('Analysts at the Halden Institute estimate that a 30% duty could cut Chilean exports.')).toEqual([['30%', 'place:CL']]);
  });

  it('counts the plain plural noun after a number', () => {
    const units = (text: string) => findFigures(text, splitSentences(text)).map((f) => [f.value, f.unit]);
    expect(units('She runs a cooperative of 340 coffee growers; letters went to 14 governments.')).toEqual([
      [340, 'growers'],
      [14, 'governments'],
    ]);
    // Not a plural noun: a verb in -s, a function word.
    expect(units('Of the 1,200 cyclists this season, 3,400 was the most; 2,100 says little.')).toEqual([
      [1200, 'cyclists'],
      [3400, null],
      [2100, null],
    ]);
  });
});

describe('figures in units of measurement', () => {
  const figures = (text: string) => findFigures(text, splitSentences(text)).map((f) => [f.value, f.unit, f.subject]);

  it('reads the unit as what the figure is in and finds what it measures', () => {
    expect(
      figures(
        'Farmers shipped 12,000 tonnes of barley to the coast. The Ostrava river crested at 27.8 feet on Friday. ' +
          'The new kettle weighs 215 grams. The island covers 48 square kilometres, officials said. ' +
          'The hall, a 12-storey block, sold for 900 sq ft of offices. The pact, signed in 1990 for a 30-year period, lapsed. ' +
          'Divers found 9 old anchors, measuring 2 to 4 metres long.',
      ),
    ).toEqual([
      [12000, 'tonnes', 'barley'],
      [27.8, 'feet', 'Ostrava river'],
      [215, 'grams', 'new kettle'],
      [48, 'square kilometres', 'island'],
      [12, 'storey', 'block'],
      [900, 'square feet', 'offices'],
      // "a 30-year period" says only how long: the article's entities decide what lasted.
      [30, 'year', null],
      [9, 'anchors', 'old anchors'],
      [2, 'metres', 'old anchors'],
      [4, 'metres', 'old anchors'],
    ]);
  });

  it('keeps a market index as what its figure is about', () => {
    const e = enrichArticle({ title: 'Markets', text: 'The warning lifted the dollar and knocked 2.3% off the Kospi in early trading on Friday.', publishedAt: new Date('2025-07-11T09:00:00Z') });
    expect(e.figures.map((f) => [f.value, f.subject])).toEqual([[2.3, 'the Kospi']]);
  });

  it('counts a people by its plural name and leaves "N years ago" to the dates', () => {
    expect(figures('About 4,000 Canadians left 80 years ago.')).toEqual([[4000, 'Canadians', 'Canadians']]);
  });
});

describe('quotes', () => {
  const quotes = (text: string) => findQuotes(text, findEntities(text)).map((q) => [q.text.slice(0, 24), q.speakerName ?? q.speaker]);

  it("finds the speaker by a described name, a surname alone, a statement's author and a sentence that ends on the attribution", () => {
    const text =
      'Finance Minister Pedro Almeida met Anna Lindqvist, who leads the Nordic Port Authority, on Monday.\n\n' +
      '"We need to move quickly on the harbour fees," Swedish transport minister Anna Lindqvist warned.\n\n' +
      "'We are talking with the banks, and the talks will go on for weeks,' Almeida said in an interview.\n\n" +
      'The two sides were "making progress" in their talks, Almeida said at a news conference.\n\n' +
      'Both agreed the levy "must not rise during any review," according to a statement from the Nordic Port Authority.\n\n' +
      '"Our fleet is now part of our trade policy," Lindqvist was quoted as saying.';
    expect(quotes(text)).toEqual([
      ['We need to move quickly ', 'Anna Lindqvist'],
      ['We are talking with the ', 'Pedro Almeida'],
      ['making progress', 'Pedro Almeida'],
      ['must not rise during any', 'Nordic Port Authority'],
      ['Our fleet is now part of', 'Anna Lindqvist'],
    ]);
  });

  it('reads quotes run together from paragraphs, mixed marks, "it said", a second span of one sentence and a plural before "if"', () => {
    const text =
      'Mayor Ilse Brandvold spoke on Monday. Brandvold wrote, "We mourn the crew and their families. "The storm took six boats in an hour," she said. "Our harbour will rebuild." ' +
      "Vantor Motors Inc. opened a plant. \"The first cars come in May,\" it said. The company said the site was chosen 'in collaboration with local councils', and planned by 'a team of engineers'. " +
      "Analyst Odile Marchetti, head of research at Quayside Partners, forecast that \"demand will hold for a decade.' Marchetti also warned of 'hidden costs' if rates rise.";
    expect(quotes(text)).toEqual([
      ['We mourn the crew and th', 'Ilse Brandvold'],
      ['The storm took six boats', 'Ilse Brandvold'],
      ['Our harbour will rebuild', 'Ilse Brandvold'],
      ['The first cars come in M', 'Vantor Motors Inc.'],
      ['in collaboration with lo', 'Vantor Motors Inc.'],
      ['a team of engineers', 'Vantor Motors Inc.'],
      ['demand will hold for a d', 'Odile Marchetti'],
      ['hidden costs', 'Odile Marchetti'],
    ]);
  });

  it('attributes quotes after and before, with straight and curly marks', () => {
    const text =
      "US President Donald Trump spoke on Tuesday. 'Putin is not, he's not treating people right,' Trump said.\n\n" +
      'Analyst Danny Russel was blunt. “Talking points will not resonate with officials here,” Russel noted.\n\n' +
      '"Her judgment is sharp and her record speaks," said Jenny Lee, Senior Managing Partner at Granite Asia.';
    expect(quotes(text)).toEqual([
      ["Putin is not, he's not t", 'Donald Trump'],
      ['Talking points will not ', 'Danny Russel'],
      ['Her judgment is sharp an', 'Jenny Lee'],
    ]);
  });

  it('joins a quote that runs over two paragraphs and resolves "he"', () => {
    const text = 'Trade Minister Ana Ferreira spoke in Brasilia.\n\n' + '“We will answer every measure with a measure of our own, and we will not hurry.\n\n' + '“Our exporters know what is at stake,” she said.';
    const found = findQuotes(text, findEntities(text));
    expect(found).toHaveLength(1);
    expect(found[0]!.text).toMatch(/^We will answer .* Our exporters know what is at stake$/);
    expect(found[0]!.speakerName).toBe('Ana Ferreira');
  });

  it('skips scare quotes and keeps unnamed speakers unresolved', () => {
    const text = "The 'alliance modernization' agenda is vague. A ministry official said the government would 'keep consulting closely with partners on every open question,' but gave no details.";
    const found = findQuotes(text, findEntities(text));
    expect(found).toHaveLength(1);
    expect(found[0]!.speaker).toBe('A ministry official');
    expect(found[0]!.speakerKey).toBeNull();
  });
});

describe('dated events', () => {
  const published = new Date('2025-07-17T09:00:00Z'); // a Thursday
  const events = (text: string) => findEvents(text, splitSentences(text), published).map((e) => [e.text, e.date, e.precision]);

  it('resolves dates against the publication time', () => {
    expect(events('Talks were held on July 10. The deadline is by Aug. 1.')).toEqual([
      ['July 10', '2025-07-10', 'day'],
      ['Aug. 1', '2025-08-01', 'day'],
    ]);
    expect(events('The ministers met Tuesday.')).toEqual([['Tuesday', '2025-07-15', 'day']]);
    expect(events('The ministers will meet Tuesday.')).toEqual([['Tuesday', '2025-07-22', 'day']]);
    expect(events('A summit is expected later this month.')).toEqual([['this month', '2025-07-01', 'month']]);
    expect(events('The allies agreed on it in 2006.')).toEqual([['2006', '2006-01-01', 'year']]);
    expect(events('Prices are higher than in August last year.')).toEqual([['August last year', '2024-08-01', 'month']]);
  });

  it('keeps only absolute dates when the publication time is unknown', () => {
    expect(findEvents('They met Tuesday, and on March 3, 2024, and in 2006.', splitSentences('They met Tuesday, and on March 3, 2024, and in 2006.'), null).map((e) => e.date)).toEqual(['2024-03-03', '2006-01-01']);
  });
});

const storyArticles = [
  {
    articleId: 1,
    sourceName: 'Meridian Wire',
    title: 'US sets 25% tariffs on Japan',
    publishedAt: new Date('2025-07-07T19:00:00Z'),
    text: "The United States will impose tariffs of 25% on imports from Japan starting Aug. 1, the White House said on Monday.\n\nJapan's negotiator Kenji Moriyama is expected in Washington on July 10.\n\nCarmakers led the declines in Tokyo trading.",
  },
  {
    articleId: 2,
    sourceName: 'Harbour Courier',
    title: 'Washington hits Japan with 25 percent tariff threat',
    publishedAt: new Date('2025-07-07T21:00:00Z'),
    text: 'The United States will impose tariffs of 25% on imports from Japan starting Aug. 1, the White House said on Monday.\n\nPort reporters found that one in five containers carried Japanese goods.',
  },
  {
    articleId: 3,
    sourceName: 'Capital Observer',
    title: 'Japan secures 15% tariff deal',
    publishedAt: new Date('2025-07-23T10:00:00Z'),
    text: 'Japan and the United States reached a trade agreement on Tuesday that sets a 15% tariff on most Japanese goods.\n\nThe deal was welcomed by carmakers in Nagoya and by investors in Tokyo.',
  },
];

describe('summaries and questions', () => {
  it('summarises an article in three sentences, in order', () => {
    const text =
      'Ports reopened on Monday after the strike ended. Unions won a wage rise of 4%. Shippers said queues would clear within a week. A festival opened in the old town on Saturday evening. Ports expect record volumes after the strike.';
    const summary = summariseArticle('Strike ends as ports reopen', text);
    expect(summary).toHaveLength(3);
    expect(summary.map((s) => s.index)).toEqual([...summary.map((s) => s.index)].sort((a, b) => a - b));
    expect(summary[0]!.text).toBe('Ports reopened on Monday after the strike ended.');
  });

  it('summarises a story across sources without near-identical sentences, each cited', () => {
    const summary = summariseStory(storyArticles, 5);
    expect(summary.length).toBeGreaterThanOrEqual(3);
    for (const s of summary) expect([1, 2, 3]).toContain(s.articleId);
    const sets = summary.map((s) => new Set(terms(s.text)));
    for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) expect(similarity(sets[i]!, sets[j]!)).toBeLessThan(0.6);
  });

  it('answers from the most relevant sentences, citing them, and says when it does not know', () => {
    const answer = answerQuestion(storyArticles, 'What tariff did Japan agree to in the deal?');
    expect(answer.found).toBe(true);
    expect(answer.sentences[0]!.articleId).toBe(3);
    expect(answer.sentences[0]!.text).toContain('15%');
    const none = answerQuestion(storyArticles, 'How many penguins live in Antarctica?');
    expect(none).toMatchObject({ found: false, text: NO_ANSWER, sentences: [] });
  });

  it('answers "what happened" asked with an article\'s whole headline from that article', () => {
    const articles = [
      {
        articleId: 1,
        sourceName: null,
        publishedAt: null,
        title: 'Harbour board approves a second ferry pier',
        text: 'The harbour board voted on Tuesday to build a second pier for the night ferries. Work on the pier is due to start in the spring and last two years.',
      },
      {
        articleId: 2,
        sourceName: null,
        publishedAt: null,
        title: 'Opinion: a pier worth building, slowly',
        text: 'Towns that rushed their waterfronts have regretted it for decades afterwards. A second pier should be planned with the people who live beside it.',
      },
    ];
    const answer = answerQuestion(articles, 'What happened: Opinion: a pier worth building, slowly?');
    expect(answer.found).toBe(true);
    expect(answer.sentences[0]!.articleId).toBe(2);
  });
});

describe('story aggregation', () => {
  const refs = storyArticles.map(({ text: _t, ...r }) => r);
  const enriched = storyArticles.map((a) => ({ a, e: enrichArticle(a) }));

  it('builds a figures table: values of about the same time that differ are a dispute, later ones the figure over time', () => {
    const rows = storyFigures(refs, [
      { articleId: 1, subject: 'Japan', subjectKey: 'place:JP', value: 25, unit: 'percent', text: '25%', context: '' },
      { articleId: 2, subject: 'Japan', subjectKey: 'place:JP', value: 25, unit: 'percent', text: '25 percent', context: '' },
      { articleId: 3, subject: 'Japan', subjectKey: 'place:JP', value: 15, unit: 'percent', text: '15%', context: '' },
      { articleId: 3, subject: 'Brazil', subjectKey: 'place:BR', value: 30, unit: 'percent', text: '30%', context: '' },
    ]);
    // 25% on 7 July from two outlets, 15% on 23 July: the rate over time, not sources that differ.
    expect(rows[0]).toMatchObject({ subjectKey: 'place:JP', disagree: false, overTime: true });
    expect(rows[0]!.values.map((v) => [v.value, v.sources.map((s) => s.articleId)])).toEqual([
      [25, [1, 2]],
      [15, [3]],
    ]);
    expect(rows[1]).toMatchObject({ subjectKey: 'place:BR', disagree: false, overTime: false });
    // Two outlets two hours apart giving 25% and 20%: sources differ.
    const sameDay = storyFigures(refs, [
      { articleId: 1, subject: 'Japan', subjectKey: 'place:JP', value: 25, unit: 'percent', text: '25%', context: '' },
      { articleId: 2, subject: 'Japan', subjectKey: 'place:JP', value: 20, unit: 'percent', text: '20 percent', context: '' },
    ]);
    expect(sameDay[0]).toMatchObject({ subjectKey: 'place:JP', disagree: true, overTime: false });
  });

  it("folds a wire copy's repeated events into one timeline entry with both sources", () => {
    const events = enriched.flatMap(({ a, e }) => e.events.map((ev) => ({ ...ev, articleId: a.articleId })));
    const timeline = storyTimeline(refs, events);
    const dates = timeline.map((t) => t.date);
    expect(dates).toEqual([...dates].sort());
    const deadline = timeline.find((t) => t.date === '2025-08-01')!;
    expect(deadline.sources.map((s) => s.articleId)).toEqual([1, 2]);
    expect(timeline.find((t) => t.date === '2025-07-10')?.sentence).toContain('Moriyama');
  });

  it("groups quotes by speaker and drops a copy's repeat", () => {
    const groups = quotesBySpeaker(refs, [
      { articleId: 1, text: 'We have been patient', speaker: 'Reardon', speakerKey: 'person:thomasreardon', speakerName: 'Thomas Reardon' },
      { articleId: 2, text: 'We have been patient', speaker: 'Reardon', speakerKey: 'person:thomasreardon', speakerName: 'Thomas Reardon' },
      { articleId: 3, text: 'A fair deal for both', speaker: 'an official', speakerKey: null, speakerName: null },
      { articleId: 3, text: 'Talks will go on', speaker: 'a statement', speakerKey: null, speakerName: null },
    ]);
    expect(groups.map((g) => [g.speaker, g.quotes.length])).toEqual([
      ['Thomas Reardon', 1],
      ['Unattributed', 2],
    ]);
    expect(groups[1]!.quotes.map((q) => q.description)).toEqual(['an official', null]);
  });
});

describe('bad input', () => {
  it('says which field is wrong', () => {
    expect(() => enrichArticle({ title: 't', text: undefined as unknown as string, publishedAt: null })).toThrow(/article\.text must be a string/);
  });

  it('survives empty and hostile text', () => {
    const result = enrichArticle({ title: '', text: '"'.repeat(500) + ' \u0000 ' + '(((('.repeat(200), publishedAt: null });
    expect(result.entities).toEqual([]);
    expect(result.quotes).toEqual([]);
  });
});

describe('hostile sizes', () => {
  it('reads only the start of a huge text, quote-mark floods included', () => {
    const text = 'Secretary of State Marco Rubio spoke. ' + "'a ".repeat(120_000) + ' Prime Minister Kim Min-seok spoke last.';
    const result = enrichArticle({ title: '', text, publishedAt: null });
    expect(result.entities.map((e) => e.name)).toContain('Marco Rubio');
    expect(result.entities.map((e) => e.name)).not.toContain('Kim Min-seok');
    expect(result.quotes).toEqual([]);
  });
});
