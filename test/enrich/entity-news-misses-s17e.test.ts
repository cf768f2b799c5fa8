// Issue 17 item 1: entity misses of the stage on real news (seen on the news-dev3 and news-dev2 dev
// parts of the gold), each fixed by a post-rule on the model's spans. Sentences written for this
// test (not article or corpus text).
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';

const kinds = (text: string) => findEntities(text).map((e) => `${e.name}/${e.kind}`);

describe('entity misses on real news (s17e)', () => {
  it("keeps the whole title in an office named by the title's possessive", () => {
    const text = "The approval came a day after the vote.\nThe Prime Minister's Bureau rejected any claims that the funds were political.";
    expect(kinds(text)).toContain("Prime Minister's Bureau/organisation");
    expect(kinds(text)).not.toContain("Minister's Bureau/organisation");
  });

  it('makes a name after a lower-case newspaper, party or company noun an organisation', () => {
    const text = 'A commentator in the left-wing newspaper Haaretz said the plan would fail. Parliament member Dan Rubin of the right-wing party Beit Hadash, explained the vote.';
    expect(kinds(text)).toContain('Haaretz/organisation');
    expect(kinds(text)).toContain('Beit Hadash/organisation');
    expect(kinds(text)).not.toContain('Beit Hadash/person');
    expect(kinds(text)).toContain('Dan Rubin/person');
    // Found also where the model saw no name.
    expect(kinds('Mark Durbin, a spokesman for the parent company First Energy, said the bill was wrong.')).toContain('First Energy/organisation');
    // A person the company's sentence is about stays a person.
    expect(kinds('Sales fell at the company Elon Musk founded, analysts said.')).not.toContain('Elon Musk/organisation');
  });

  it('makes a name after a place noun and "of" a place', () => {
    expect(kinds('Hundreds gathered in the French resort of Nice on Friday.')).toContain('Nice/place');
    expect(kinds('She grew up in the village of Kfar Melech, near the border.')).toContain('Kfar Melech/place');
    expect(kinds('She grew up in the village of Kfar Melech, near the border.')).not.toContain('Kfar Melech/person');
  });

  it('makes a one-word name a person where the text names its father or lawyer by its possessive', () => {
    const text = "The charge sheet against Barghouti, seen by Reuters, included four counts. Barghouti's father is a prominent activist. Barghouti was not asked to enter a plea.";
    expect(kinds(text)).toContain('Barghouti/person');
    expect(kinds(text)).not.toContain('Barghouti/organisation');
  });

  it("makes a name between an outlet's possessive and a verb of reporting the outlet's reporter", () => {
    const text = "The release has not been verified, NPR's Ama Kuffour-Mensah reports. As Ama explains, the talks went on.";
    expect(kinds(text)).toContain('Ama Kuffour-Mensah/person');
    expect(kinds(text)).toContain('NPR/organisation');
    expect(kinds(text)).not.toContain('Ama Kuffour-Mensah/organisation');
  });

  it('does not make a person of an organisation the model names elsewhere because of the phrase after one mention', () => {
    const text = 'According to a source cited by Haaretz, the prime minister told the rabbis he would act. Haaretz reported the meeting on Monday.';
    expect(kinds(text)).toContain('Haaretz/organisation');
    expect(kinds(text)).not.toContain('Haaretz/person');
  });

  it('knows the West Bank as a place, whatever its last word says', () => {
    const text = 'The cabinet approved new funds for West Bank settlements on Sunday. About 400,000 settlers live in the West Bank.';
    expect(kinds(text)).toContain('West Bank/place');
    expect(kinds(text)).not.toContain('West Bank/organisation');
  });

  it('makes a place ending in a plural known from teams and companies an organisation', () => {
    const text = 'Only the Browns were worse last season, and the Bears lost twice to the Broncos.';
    expect(kinds(text)).toContain('Browns/organisation');
    expect(kinds(text)).not.toContain('Browns/place');
    // A plural place the gazetteer or the lexicon knows stays a place.
    expect(kinds('The ship sailed from the Bahamas to the Netherlands.')).toContain('Bahamas/place');
  });

  it('makes a name an organisation where its apposition calls it a company or a producer', () => {
    const text = 'Ivan served as the CEO of Hipcricket, a mobile marketing company, until 2011.';
    expect(kinds(text)).toContain('Hipcricket/organisation');
    expect(kinds(text)).not.toContain('Hipcricket/place');
    const producer = 'The firm will integrate its software with Dräger, a global producer of medical and safety technology.';
    expect(kinds(producer)).toContain('Dräger/organisation');
    expect(kinds(producer)).not.toContain('Dräger/person');
  });

  it("makes a person's name before a store or a plant the company's", () => {
    const text = 'Thieves took almost all the gems from the Harry Winston jewellery store.';
    expect(kinds(text)).toContain('Harry Winston/organisation');
    expect(kinds(text)).not.toContain('Harry Winston/person');
    // A place we know before a plant stays the place.
    expect(kinds('Workers at the Detroit plant went on strike.')).toContain('Detroit/place');
  });

  it("does not make a tournament's group an organisation", () => {
    const text = 'Spain (Group F) and Poland (Group G) qualified on Sunday.';
    expect(kinds(text)).not.toContain('Group F/organisation');
    expect(kinds(text)).not.toContain('Group G/organisation');
    expect(kinds(text)).toContain('Spain/place');
  });

  it("makes a place with an organisation word inside and a place after it the organisation's branch", () => {
    const text = 'Gen. Robert Ashby, commander of US Forces Korea, agreed that deterrence must not be weakened.';
    expect(kinds(text)).toContain('US Forces Korea/organisation');
    expect(kinds(text)).not.toContain('US Forces Korea/place');
  });

  it("leaves a place's possessive out of the organisation after it", () => {
    const text = "The girls were in the custody of Nigeria's Department of State Services, the minister said. The South's Joint Chiefs of Staff said the drills would go ahead.";
    expect(kinds(text)).toContain('Department of State Services/organisation');
    expect(kinds(text)).toContain('Joint Chiefs of Staff/organisation');
    expect(kinds(text)).not.toContain("Nigeria's Department of State Services/organisation");
    // A possessive that is no place stays in the name.
    expect(kinds("A professor at King's College London said the plan was sound.")).toContain("King's College London/organisation");
  });
});
