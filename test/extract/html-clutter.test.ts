// Line-level furniture of an article body: which paragraphs go, and which similar-looking ones stay.
import { describe, expect, it } from 'vitest';
import { clutterReason, dropClutter } from '../../src/extract/html-clutter.ts';

const PROSE = [
  'The harbour authority said on Monday that the new breakwater would be finished by the end of the year, two months later than planned.',
  'Engineers found softer rock than expected under the eastern end, which forced the contractor to drive longer piles, a spokesperson said.',
  'The project, which costs about $48 million, is meant to protect the fishing fleet from winter storms that have sunk three boats since 2019.',
];

describe('clutterReason', () => {
  it('recognises interface lines', () => {
    expect(clutterReason('01:42')).toBe('duration');
    expect(clutterReason('(2:05:10)')).toBe('duration');
    expect(clutterReason('Advertisement')).toBe('ad label');
    expect(clutterReason('Story continues below advertisement')).toBe('ad label');
    expect(clutterReason('Share on Facebook Twitter Email')).toBe('share bar');
    expect(clutterReason('Sign up for our daily newsletter')).toBe('prompt');
    expect(clutterReason('Get the best of the week in your inbox: subscribe to our free newsletter here.')).toBe('newsletter');
  });

  it('recognises the same prompts in other languages, not words that only begin like them', () => {
    for (const line of ['Das könnte Sie auch interessieren!', 'Lesen Sie auch: Streit um die Brücke', 'LE PUEDE INTERESAR: La ficha del juicio', 'Pour lire la suite, abonnez-vous', 'Leggi anche', 'Next article']) {
      expect(clutterReason(line), line).toBe('prompt');
    }
    for (const line of ['If you enjoyed reading this post, share it.', 'Wir respektieren deine Privatsphäre', 'Sie sind aktuell nicht eingeloggt.', 'Want more stories like this?']) expect(clutterReason(line), line).toBe('prompt');
    expect(clutterReason('To view the full story, please subscribe to the Lakeside Tribune.')).toBe('paywall');
    expect(clutterReason("If you're seeing this message but you're already a subscriber, log in below.")).toBe('paywall');
    expect(clutterReason('The paper lost a third of its subscribers in a year, and with them the money for a full story on every council meeting, the editor said.')).toBeNull();
    for (const line of ['Lesen Sie aufmerksam die Hinweise der Behörde.', 'Nextdoor said the feature would launch in May.', 'Follow-up talks are planned.']) {
      expect(clutterReason(line), line).toBeNull();
    }
  });

  it('leaves reporting alone, even when it uses the same words', () => {
    expect(clutterReason('Advertising revenue at the group fell 12% in the third quarter, the company said.')).toBeNull();
    expect(clutterReason('Shares of the company rose 4% after it said it would subscribe to the new listing rules.')).toBeNull();
    expect(clutterReason('12:30')).toBe('duration');
    expect(clutterReason('The meeting ended at 12:30 with no agreement.')).toBeNull();
  });
});

describe('dropClutter', () => {
  it('drops captions, credits, rights lines, the headline repeated and gallery controls; keeps the story', () => {
    const lines = [
      'Breakwater delayed by soft rock',
      'Image 1 of 9',
      'Caption',
      PROSE[0],
      'Crews work on the eastern end of the breakwater on Friday. (AP Photo/Jo Lane)',
      'Photo: Harbour Authority',
      PROSE[1],
      'Jo Lane | Reuters',
      PROSE[2],
      '© 2026 Coast Daily. All rights reserved.',
    ];
    const { kept, removed } = dropClutter(lines, { title: 'Breakwater delayed by soft rock' });
    expect(kept).toEqual(PROSE);
    expect(removed).toHaveLength(7);
  });

  it('drops a byline-and-date line above the story and wire credits and label lines after it', () => {
    const lines = ['Published : Feb. 3, 2026 - 09:15 Mira Sato', ...PROSE, '(Reporting by Mira Sato; Editing by Tom Hale)', 'Our Standards: The Coastwire Trust Principles.'];
    const { kept } = dropClutter(lines, { byline: 'Mira Sato' });
    expect(kept).toEqual(PROSE);
  });

  it('drops the author box but not reporting that mentions social networks', () => {
    const quoted = 'The union said on Twitter that members had not been consulted, and that it would ballot them on strike action next week.';
    const lines = [...PROSE, quoted, 'Email Mira Sato at msato@coast.example or follow her @mirasato.'];
    expect(dropClutter(lines).kept).toEqual([...PROSE, quoted]);
  });

  it('keeps a list or a results table that follows the last paragraph, and short sub-headings inside', () => {
    const results = ['GIRLS BASKETBALL', 'Palm Bay d. Rockledge 70-44', 'Rockledge 14 11 6 15 — 44', 'Palm Bay 18 22 13 17 — 70'];
    expect(dropClutter([...PROSE, ...results]).kept).toEqual([...PROSE, ...results]);
    const withHeading = [PROSE[0], 'Reuters poll shows rising support', PROSE[1], PROSE[2]];
    expect(dropClutter(withHeading).kept).toEqual(withHeading);
  });

  it('does not mistake a paragraph in a script without spaces for a short label', () => {
    const japanese = '港湾局は月曜日、新しい防波堤の完成が予定より二か月遅れ、年末になると発表した。東側の地盤が想定より柔らかかったためだという。';
    const { kept } = dropClutter(['メニュー', japanese, PROSE[0]]);
    expect(kept).toContain(japanese);
  });

  it('drops widget messages and disclosures', () => {
    const lines = [PROSE[0], 'This slideshow requires JavaScript.', PROSE[1], 'This post may contain affiliate links.', PROSE[2], 'Note: all comments are moderated before they appear.'];
    expect(dropClutter(lines).kept).toEqual(PROSE);
    // The moderation note in other languages; a sentence about modern art is not one.
    const foreign = [PROSE[0], PROSE[1], PROSE[2], 'ATENÇÃO: Comentários ofensivos não serão aprovados pelo moderador.', 'Kommentare werden vor der Freischaltung moderiert.'];
    expect(dropClutter(foreign).kept).toEqual(PROSE);
    expect(dropClutter([PROSE[0], 'Comments about modern art filled the hall, the curator said on Friday.', PROSE[1]]).kept).toHaveLength(3);
  });

  it("drops the page's own address printed as a line but keeps other URLs", () => {
    const own = 'https://coast.example/news/breakwater-delayed-4410';
    const other = 'https://harbour-authority.example/reports/2026-breakwater.pdf';
    const { kept } = dropClutter([PROSE[0], own, PROSE[1], other, PROSE[2]], { urls: [own] });
    expect(kept).toEqual([PROSE[0], PROSE[1], other, PROSE[2]]);
  });
});
