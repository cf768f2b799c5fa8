// Roles and quote speakers as real news writes them (issue #17, the news part's misses): a title
// or an occupation before the name, a role set off by commas before it, an occupation after it,
// a rank after a role word, and speakers named after their role ("said the firm's CEO, X") or
// announced at the end of the paragraph before ("X also said:"). Sentences written for these
// tests; each case failed before the change it covers.
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';
import { findQuotes } from '../../src/enrich/quotes.ts';

const rolesOf = (text: string, name: string) => findEntities(text).find((e) => e.kind === 'person' && e.name === name)?.roles ?? [];
const speakers = (text: string) => {
  const entities = findEntities(text);
  return findQuotes(text, entities).map((q) => [q.text.split(' ').slice(0, 3).join(' '), q.speakerName]);
};

describe('roles news gives a person', () => {
  it('reads an occupation right before the name', () => {
    expect(rolesOf('A study by sociologist Marta Lindqvist found that teenagers sleep less than before.', 'Marta Lindqvist')).toEqual(['sociologist']);
    expect(rolesOf('Riverton Hawks goalkeeper Tomas Brandt saved two penalties on Saturday.', 'Tomas Brandt')).toEqual(['goalkeeper']);
  });

  it('reads a role set off by commas before the name', () => {
    expect(rolesOf('In March, the Norbridge CEO, Helena Varga, said the plant would close.', 'Helena Varga')).toEqual(['Norbridge CEO']);
    expect(rolesOf("Last year, Corvin's founding chairman, Peter Aldous, said the firm had grown too fast.", 'Peter Aldous')).toEqual(['founding chairman']);
  });

  it('reads an occupation as the head of an apposition, but not an occupation word inside a clause', () => {
    expect(rolesOf('Among the passengers was Irene Kowalczyk, a wildlife photographer who lived in Oslo.', 'Irene Kowalczyk')).toEqual(['wildlife photographer']);
    expect(rolesOf('Kowalczyk Partners opened the Aldine Growth Fund, securing anchor commitments from pension funds. Greta Lund, securing anchor commitments, left.', 'Greta Lund')).toEqual([]);
  });

  it('gives the role word, not the rank, of "spokesman Col. X", and "Chief Executive Officer" whole', () => {
    expect(rolesOf('Army spokesman Col. Dana Whitcombe confirmed the test in an email.', 'Dana Whitcombe')).toEqual(['spokesman']);
    expect(rolesOf('Chief Executive Officer Laura Mendel received a stock award last year.', 'Laura Mendel')).toEqual(['Chief Executive Officer']);
  });
});

describe('quote speakers news names by role or before the paragraph', () => {
  it('takes the name after "said the firm\'s CEO," and keeps it for the quotes that follow', () => {
    const text =
      'Parents are worried about screens.\n“Phone makers are testing their designs on our children,” said Brightline’s CEO, Oren Talbot, warning that such designs may harm “the attention and the sleep of young people”.\n“When families see how this works, they will ask for change,” he added.';
    expect(speakers(text)).toEqual([
      ['Phone makers are', 'Oren Talbot'],
      ['the attention and', 'Oren Talbot'],
      ['When families see', 'Oren Talbot'],
    ]);
  });

  it('gives a quote opening a paragraph to the speaker announced at the end of the one before ("X also said:")', () => {
    const text =
      'Prime Minister Elsa Moreau spoke to reporters on Tuesday about the missile test.\nMoreau also said:\n"The launch over our islands is a grave threat to the region and we have protested. "We will ask the council to meet at once."';
    expect(speakers(text)).toEqual([
      ['The launch over', 'Elsa Moreau'],
      ['We will ask', 'Elsa Moreau'],
    ]);
  });
});
