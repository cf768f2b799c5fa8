// Quote speakers on news layouts read in the dev parts' misses (news-dev2), on sentences written for
// this test (none is an article's). Each case failed before its rule.
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';
import { findQuotes } from '../../src/enrich/quotes.ts';

const speakers = (text: string) => findQuotes(text, findEntities(text)).map((q) => [q.text.split(/\s+/).slice(0, 3).join(' '), q.speakerName]);

describe('quote speakers (s17a)', () => {
  it('gives a paragraph of quotation alone to the one already quoted who opens the paragraph before', () => {
    const text = [
      '"We are opening the trial to more players this spring," Nintendo said in a post on Monday.',
      'Sign-up closes once the trial begins.',
      'Nintendo has also changed its sign-up rules so that players can join later trials at once.',
      '"From this trial on, you can ask to be added to every future trial without signing up again."',
      '"If you do, you will get a badge for your profile."',
    ].join('\n');
    expect(speakers(text)).toEqual([
      ['We are opening', 'Nintendo'],
      ['From this trial', 'Nintendo'],
      ['If you do,', 'Nintendo'],
    ]);
    // Not to someone the article has not quoted.
    const unquoted = ['Nintendo has also changed its sign-up rules so that players can join later trials at once.', '"From this trial on, you can ask to be added to every future trial without signing up again."'].join('\n');
    expect(speakers(unquoted)).toEqual([['From this trial', null]]);
  });

  it('gives a quotation of "the prime minister" to the one person the article gave that role', () => {
    const text = 'Prime Minister Anna Keller met union leaders in Bern on Monday. According to a source quoted by the Daily Courier, the prime minister told the leaders on Tuesday, “there is a real effort to bring this government down.”';
    expect(speakers(text)).toEqual([['there is a', 'Anna Keller']]);
    // Two people with that role: no one.
    const two = `Prime Minister Anna Keller met Prime Minister Jonas Brandt in Bern on Monday. ${text.slice(text.indexOf('According'))}`;
    expect(speakers(two)).toEqual([['there is a', null]]);
  });

  it("does not read a pronoun after a name a preposition governs as that name's gender", () => {
    const text =
      'Lena Vos shared a video on Sunday. The singer posted photos of herself with 24-year-old Marco Bellini on Instagram on Tuesday, writing that she missed the summer. In the video he says, "It is great to be back home with all of my friends here."';
    expect(speakers(text)).toEqual([['It is great', 'Marco Bellini']]);
  });
});
