// A broadcaster and a photo agency that news cites by name (src/enrich/patterns.ts NEWS_AGENCIES):
// the first three cases failed before RT, Getty Images, GETTY, TechCrunch, CoinDesk and ABC7 were listed.
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';

const organisations = (text: string) =>
  findEntities(text)
    .filter((e) => e.kind === 'organisation')
    .map((e) => e.name);

describe('outlets and agencies as organisations', () => {
  it('reads RT, cited as a source, as an organisation', () => {
    const text = 'The ferry turned back after two hours, the operator told RT on Sunday. "Nobody was hurt," a spokeswoman told RT.com later.';
    expect(organisations(text)).toContain('RT');
  });

  it('reads a photo credit of Getty Images, in any case, as an organisation', () => {
    expect(organisations('Image copyright Getty Images\nThe harbour reopened on Friday after the storm.')).toContain('Getty Images');
    expect(organisations('HARBOUR AUTHORITY•GETTY The harbour reopened on Friday after the storm.').map((n) => n.toLowerCase())).toContain('getty');
  });

  it('reads outlets with coined names as organisations', () => {
    const text = 'According to Coindesk, the token fell 9% on Monday. TechCrunch first reported the outage, and local station ABC7 showed the queue. CoinDesk later corrected the figure.';
    expect(organisations(text)).toEqual(expect.arrayContaining(['Coindesk', 'TechCrunch', 'ABC7']));
  });

  it('keeps Getty as a family name and as the first word of a museum', () => {
    const found = findEntities('Tilda Getty opened the new wing of the Getty Museum on Tuesday.');
    expect(found.filter((e) => e.kind === 'person').map((e) => e.name)).toContain('Tilda Getty');
    expect(found.filter((e) => e.kind === 'organisation').map((e) => e.name)).not.toContain('Getty');
  });
  it('reads no agency in a retweet marker or inside a social handle', () => {
    const text = 'The ferry turned back after two hours. RT @harbourwatch: all passengers safe. The broadcaster posted the video as @RT_com on Sunday.';
    expect(organisations(text)).not.toContain('RT');
  });
});
