// The entity tagger: tokens with offsets, the corpus reader and its cleaning, the fast scoring
// path against the full feature lists, reproducible training, the model file's errors, and the
// shipped model on news sentences the rules never saw. The corpus checks skip, with a message,
// where ../shared/bench/entities is missing.
import { describe, expect, it } from 'vitest';
import { findEntities, namedEntitySpans } from '../../src/enrich/entities.ts';
import { cleanSentence, CORPORA_DIR, corporaPresent, loadCorpora, parseConll, SHARE_ALIKE_PARTS } from '../../src/enrich/tagger/conll.ts';
import { caseBucket, caseProfile, countCases, serialiseCaseProfile } from '../../src/enrich/tagger/case-profile.ts';
import { cityNames, serialiseCityList } from '../../src/enrich/tagger/cities.ts';
import { lexiconClasses } from '../../src/enrich/tagger/lexicon.ts';
import { clusterWords, serialiseWordClusters, wordClusters } from '../../src/enrich/tagger/word-clusters.ts';
import { DocumentMemory, documentView, gazetteerMarksOf, isShouted, shoutedSentence, staticFeatures } from '../../src/enrich/tagger/features.ts';
import { entityModel, parseModel, serialiseModel, tagText } from '../../src/enrich/tagger/model.ts';
import { staticScores, staticScoresReference, tagDocument, tagDocumentReference, TAGS, train, viterbi, type TrainingDoc, type Weights } from '../../src/enrich/tagger/perceptron.ts';
import { tokenise } from '../../src/enrich/tagger/tokens.ts';
import { caseAugmenter, trainingDocs } from '../../src/enrich/tagger/train.ts';
import { seededRandom } from '../../src/text/random.ts';

describe('tokens', () => {
  it('cuts text as the corpora are cut, with offsets into the text', () => {
    const text = "Mr. Lee Jae-myung's aide didn't go to the U.S. on Aug. 25; AT&T paid $1,362.5m.";
    const tokens = tokenise(text);
    expect(tokens.map((t) => t.text)).toEqual(['Mr.', 'Lee', 'Jae-myung', "'s", 'aide', 'did', "n't", 'go', 'to', 'the', 'U.S.', 'on', 'Aug.', '25', ';', 'AT&T', 'paid', '$', '1,362.5m', '.']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('corpus reader', () => {
  it('reads documents and sentences, and names the file and line of a bad row', () => {
    const docs = parseConll('-DOCSTART-\n\nKim\tB-PER\nspoke\tO\n\nSeoul\tB-LOC\n\n-DOCSTART-\n\nUN\tB-ORG\n', 'x.conll');
    expect(docs.map((d) => d.sentences.map((s) => s.tokens.join(' ')))).toEqual([['Kim spoke', 'Seoul'], ['UN']]);
    expect(() => parseConll('Kim\tB-PERSON\n', 'bad.conll')).toThrow(/bad\.conll:1: .*B-PERSON/);
    expect(() => parseConll('Kim B-PER\n', 'bad.conll')).toThrow(/bad\.conll:1/);
  });

  it('leaves out what a corpus tags by its own conventions, and trims "the"', () => {
    const gum = cleanSentence('gum', {
      tokens: ['He', 'met', 'the', 'Indonesian', 'Navy', 'and', 'the', 'city', 'council', 'in', 'Texas'],
      tags: ['B-PER', 'O', 'B-ORG', 'I-ORG', 'I-ORG', 'O', 'B-ORG', 'I-ORG', 'I-ORG', 'O', 'O'],
    });
    expect(gum.tags.slice(2, 5)).toEqual(['O', 'B-ORG', 'I-ORG']);
    expect(gum.known).toEqual([false, true, true, true, true, true, false, false, false, true, false]);
    const sec = cleanSentence('sec_filings', { tokens: ['the', 'Borrower', 'and', 'John', 'Smith'], tags: ['O', 'B-PER', 'O', 'B-PER', 'I-PER'] });
    expect(sec.known).toEqual([true, false, true, true, true]);
  });
});

// A few sentences written for this test: enough for weights to move, small enough to train in a blink.
const tiny: TrainingDoc[] = [
  ['Maria Lopez visited Lisbon', 'B-PER I-PER O B-LOC'],
  ['The Acme Corporation hired Maria Lopez', 'O B-ORG I-ORG O B-PER I-PER'],
  ['Lisbon welcomed the Acme Corporation', 'B-LOC O O B-ORG I-ORG'],
].map(([words, tags]) => ({ sentences: [{ tokens: words!.split(' '), tags: tags!.split(' '), known: words!.split(' ').map(() => true) }], weight: 1 }));

function trained(seed: number): Weights {
  let weights: Weights = new Map();
  train(tiny, 5, seed, (_, averaged) => (weights = averaged()));
  return weights;
}

describe('perceptron', () => {
  it('gives the same file for the same data and seed', () => {
    const a = serialiseModel(trained(17), 0.01, { seed: 17 });
    const b = serialiseModel(trained(17), 0.01, { seed: 17 });
    expect(a.equals(b)).toBe(true);
    expect(tagDocument(parseModel(a, 'tiny'), [['Maria', 'Lopez', 'visited', 'Lisbon']])).toEqual([['B-PER', 'I-PER', 'O', 'B-LOC']]);
  });

  it('scores a token the same by the cached sums as by its full feature list', () => {
    const weights = entityModel();
    const words = 'Chancellor Olaf Scholz told the Bundestag in Berlin that Siemens would stay'.split(' ');
    const doc = documentView([words]);
    const fast = staticScores(weights, words, doc);
    const slow = staticScoresReference(weights, words, doc);
    expect(fast.length).toBe(words.length * 7);
    for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 4);
    const sentences = [words, 'Officials in Kyiv said Zelensky would meet the IMF'.split(' ')];
    expect(tagDocument(weights, sentences)).toEqual(tagDocumentReference(weights, sentences));
  });

  it('scores a headline in capitals the same by the cached sums as by its full feature list', () => {
    const weights = entityModel();
    const words = 'RUGBY - PERU EDGE CHILE IN LATE FINISH , NEPAL IN SURPRISE LOSS .'.split(' ');
    const doc = documentView([words]);
    const fast = staticScores(weights, words, doc);
    const slow = staticScoresReference(weights, words, doc);
    for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 4);
  });

  it('remembers the types a document gave its capitalised words, and tags by them as the full feature lists do', () => {
    const memory = new DocumentMemory();
    const words = 'Coach Talia Brennick said the Marlow Otters would travel'.split(' ');
    memory.record(
      words,
      words.map((w) => w.toLowerCase()),
      ['O', 'B-PER', 'I-PER', 'O', 'O', 'B-ORG', 'I-ORG', 'O', 'O'],
    );
    expect(memory.features('Brennick', 'brennick')).toEqual(['h=PER']);
    expect(memory.features('BRENNICK', 'brennick')).toEqual(['h=PER']);
    expect(memory.features('Coach', 'coach')).toEqual(['h=O']);
    // Words in lower case are neither remembered nor given the features.
    expect(memory.features('said', 'said')).toEqual([]);
    expect(memory.features('Travel', 'travel')).toEqual([]);
    memory.record(['Otters'], ['otters'], ['B-LOC']);
    expect(memory.features('Otters', 'otters')).toEqual(['h=ORG', 'h=LOC']);

    const weights = entityModel();
    expect(weights.get('h=PER')).toBeDefined();
    const sentences = [words, 'Brennick told reporters the Otters had trained in Dunmore .'.split(' '), 'OTTERS SIGN BRENNICK AGAIN'.split(' ')];
    expect(tagDocument(weights, sentences)).toEqual(tagDocumentReference(weights, sentences));
  });

  it('scores word pairs that hold "|" and shapes past the numbered ones as the full feature lists do', () => {
    // A model of three features (a word pair whose words may hold the separator, and a shape triple), weighing B-PER.
    const weigh = (x: number) => Float32Array.from(TAGS, (t) => (t === 'B-PER' ? x : 0));
    const model: Weights = new Map([
      ['ww-1=a|b|c', weigh(1.5)],
      ['ww+1=a|b|c', weigh(-0.5)],
      ['ss=<s>|Xx|x', weigh(0.25)],
    ]);
    const same = (weights: Weights, words: string[]) => {
      const doc = documentView([words]);
      const fast = staticScores(weights, words, doc);
      const slow = staticScoresReference(weights, words, doc);
      for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 6);
      return fast;
    };
    // Both cuts of "a|b|c" make the same two features: "ww+1=" for the first token, "ww-1=" for the second.
    for (const words of [
      ['a|b', 'c'],
      ['a', 'b|c'],
    ]) {
      const scores = same(model, words);
      expect([scores[1], scores[8]]).toEqual([-0.5, 1.5]);
    }
    expect(same(model, ['a', 'b', 'c']).every((x) => x === 0)).toBe(true);
    // A fresh model (fresh caches) sees 1,100 shapes first (ideographs, each its own shape), so
    // "Xx" and "x" come after the numbered ones; the triple is still weighed.
    const fresh: Weights = new Map(model);
    same(
      fresh,
      Array.from({ length: 1100 }, (_, i) => String.fromCodePoint(0x4e00 + i)),
    );
    expect(same(fresh, ['Ab', 'cd'])[1]).toBeCloseTo(0.25, 6);
  });

  it('says what is wrong with a model file that is not one', () => {
    expect(() => parseModel(Buffer.from('not gzip'), 'broken.json.gz')).toThrow(/broken\.json\.gz: not a gzipped JSON entity model/);
  });
});

describe('viterbi decoding', () => {
  const N = TAGS.length;
  const tag = (name: string) => TAGS.indexOf(name as (typeof TAGS)[number]);
  // Scores of each token for each tag, the same whatever tags came before.
  const tables = (rows: Record<string, number>[]) => {
    const local = new Float64Array(rows.length * N * N);
    rows.forEach((row, i) => {
      for (let p = 0; p < N; p++) for (const [t, v] of Object.entries(row)) local[(i * N + p) * N + tag(t)] = v;
    });
    return { local, pair: new Float64Array(N * N * N) };
  };
  const names = (tags: number[]) => tags.map((t) => TAGS[t]);

  it('finds the best whole sequence where a greedy choice would not', () => {
    // Greedy takes B-PER (1.0 > 0.9) and then cannot take I-ORG (5): the sequence B-ORG I-ORG is worth more.
    const { local, pair } = tables([
      { 'B-PER': 1, 'B-ORG': 0.9 },
      { 'I-ORG': 5, O: 0.5 },
    ]);
    expect(names(viterbi(2, local, pair))).toEqual(['B-ORG', 'I-ORG']);
  });

  it('never starts a name with I-X nor follows O or another type with it', () => {
    const { local, pair } = tables([
      { 'I-LOC': 9, O: 0.1 },
      { 'I-PER': 9, 'B-LOC': 1 },
      { 'I-ORG': 3, O: 1 },
    ]);
    const tags = names(viterbi(3, local, pair));
    expect(tags[0]!.startsWith('I-')).toBe(false);
    for (let i = 1; i < tags.length; i++) if (tags[i]!.startsWith('I-')) expect(tags[i - 1]!.slice(2)).toBe(tags[i]!.slice(2));
    // I-PER (9) is reached only through a B-PER before it; I-LOC (9) and I-ORG (3) cannot be.
    expect(tags).toEqual(['B-PER', 'I-PER', 'O']);
  });

  it('keeps forced tags and chooses the rest, and reads second-order pair scores', () => {
    const { local, pair } = tables([{ 'B-PER': 2 }, { 'I-PER': 1, O: 1.5 }, { O: 1 }]);
    expect(names(viterbi(3, local, pair, [-1, tag('I-PER'), -1]))).toEqual(['B-PER', 'I-PER', 'O']);
    expect(names(viterbi(3, local, pair))).toEqual(['B-PER', 'O', 'O']);
    // Tag O after (B-PER, O) scored down: the sequence through I-PER wins.
    pair[(tag('B-PER') * N + tag('O')) * N + tag('O')] = -5;
    expect(names(viterbi(3, local, pair))).toEqual(['B-PER', 'I-PER', 'O']);
    expect(viterbi(0, local, pair)).toEqual([]);
  });
});

describe('case: headlines in capitals and the usual case of words', () => {
  it('tells a headline in capitals from a sentence with an acronym', () => {
    expect(shoutedSentence('RUGBY - PERU EDGE CHILE IN LATE FINISH , NEPAL IN SURPRISE LOSS .'.split(' '))).toBe(true);
    expect(shoutedSentence('The U.S. and NATO met in Brussels .'.split(' '))).toBe(false);
    expect(['PERU', 'U.S.', 'PORT-AU-PRINCE', 'Peru', 'A', '1996', 'iPhone'].map(isShouted)).toEqual([true, true, true, false, false, false, false]);
  });

  it('looks up a word in capitals in the gazetteer as it is written in running text', () => {
    expect(gazetteerMarksOf(['JAPAN', 'BEAT', 'SOUTH', 'KOREA'])).toEqual(gazetteerMarksOf(['Japan', 'beat', 'South', 'Korea']));
    expect(gazetteerMarksOf(['SOUTH', 'KOREA'])[0]).toMatch(/^B-/);
  });

  it('counts how words are written inside sentences, and buckets the share capitalised', () => {
    const counts = countCases(['The soccer match in Japan ended. Fans of soccer in Japan cheered. SHOUTED HEADLINE ABOUT SOCCER HERE.']);
    expect(counts.get('soccer')).toEqual([2, 0]);
    expect(counts.get('japan')).toEqual([0, 2]);
    expect(counts.has('the')).toBe(false); // only ever first in its sentence
    expect([caseBucket(0, 10), caseBucket(3, 10), caseBucket(7, 10), caseBucket(10, 10)]).toEqual(['lower', 'mostlower', 'mostcap', 'cap']);
    const a = serialiseCaseProfile(counts, 1, {});
    expect(a.equals(serialiseCaseProfile(counts, 1, {}))).toBe(true);
  });

  it('ships a case profile that knows common words from names', () => {
    const profile = caseProfile();
    expect(profile.get('soccer')).toBe('lower');
    expect(profile.get('japan')).toBe('cap');
    const features = staticFeatures(['JAPAN', 'WIN'], documentView([['JAPAN', 'WIN']]));
    expect(features[0]).toEqual(expect.arrayContaining(['cp=cap', 'C|cp=cap', 'cp+1=lower']));
  });

  it('writes a seeded share of training sentences in capitals or title case, tags untouched', () => {
    const augment = caseAugmenter(seededRandom(1), { shouted: 0.5, titled: 0.5 });
    const outs = Array.from({ length: 20 }, () => augment(['the', 'mayor', 'of', 'Lisbon', 'spoke']).join(' '));
    expect(outs).toContain('THE MAYOR OF LISBON SPOKE');
    expect(outs).toContain('The Mayor of Lisbon Spoke');
    expect(caseAugmenter(seededRandom(1), { shouted: 0, titled: 0 })(['the', 'mayor'])).toEqual(['the', 'mayor']);
  });
});

describe('the shipped model', () => {
  it('finds people and places that no list or title names, and the surname alone later', () => {
    const text = 'Jacinda Ardern met farmers in Auckland on Monday. Ardern later flew to Wellington.';
    const spans = tagText(text).map((s) => `${s.type}:${s.text}`);
    expect(spans).toEqual(expect.arrayContaining(['PER:Jacinda Ardern', 'LOC:Auckland', 'LOC:Wellington']));
    const people = findEntities(text).filter((e) => e.kind === 'person');
    expect(people.map((p) => [p.name, p.mentions.length])).toEqual([['Jacinda Ardern', 2]]);
    expect(findEntities(text, new Set(), 'rules').some((e) => e.name === 'Auckland')).toBe(false);
  });

  it('finds names in a wire headline in capitals and the place of a dateline', () => {
    const text = 'RUGBY - PERU EDGE CHILE IN LATE FINISH , NEPAL IN SURPRISE LOSS .\nPORT-AU-PRINCE , Haiti 2004-03-15\nPeru began the defence of their title with a 2-1 win against Chile .';
    const spans = namedEntitySpans(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
    expect(spans).toEqual(expect.arrayContaining(['LOC:PERU', 'LOC:NEPAL', 'LOC:PORT-AU-PRINCE', 'LOC:Haiti', 'LOC:Peru', 'LOC:Chile']));
    expect(spans.some((s) => /SOCCER|LUCKY|DEFEAT/.test(s))).toBe(false);
    const wire = 'SEOUL, Aug 5 (Reuters) - Officials met.';
    expect(namedEntitySpans(wire).map((s) => wire.slice(s.start, s.end))).toContain('SEOUL');
  });

  it('reads the teams of a results or standings line as clubs or countries, in the prose around it too', () => {
    const text = 'SOCCER - ROSENBORG HOLD ON .\nRosenborg beat Viking Stavanger on Sunday .\nRosenborg 3 Viking Stavanger 1\nPeru 2 Chile 1 ( halftime 1-0 )\nStandings :\nLillestrom 4 3 1 0 12 3 10';
    const spans = namedEntitySpans(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
    expect(spans.filter((s) => s === 'ORG:Rosenborg')).toHaveLength(2);
    expect(spans).toEqual(expect.arrayContaining(['ORG:ROSENBORG', 'ORG:Viking Stavanger', 'LOC:Peru', 'LOC:Chile', 'ORG:Lillestrom']));
    // A person's results line (a country, a "=" total) is no team.
    const golf = 'Ana Ruiz 66 67 = 133\nLea Novak ( Croatia ) beat Mia Berg ( Sweden ) 6-3 6-4';
    const people = namedEntitySpans(golf).map((s) => `${s.type}:${golf.slice(s.start, s.end)}`);
    expect(people).toEqual(expect.arrayContaining(['PER:Lea Novak', 'PER:Mia Berg']));
    expect(people.some((s) => s.startsWith('ORG:'))).toBe(false);
  });

  it('keeps a surname after a title or honorific that the model finds too, whatever follows it', () => {
    // The title rule claims the name first; alone, a one-word name needed "said" beside it.
    for (const [text, name] of [
      ['The mayor said on Friday that Mr. Dolan was wrong .', 'Dolan'],
      ['Dr. Varkonyi and her team found that the drug worked .', 'Varkonyi'],
      ['Mrs. Okafor would not comment .', 'Okafor'],
    ] as const) {
      expect(namedEntitySpans(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`)).toEqual([`PER:${name}`]);
    }
  });

  it('keeps the surname after a given name the model took alone, when the surname is also an English word', () => {
    const text = 'Airline spokesman Joshua Freed said the flights were cancelled .';
    expect(namedEntitySpans(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`)).toEqual(['PER:Joshua Freed']);
    // A day, a month or a title-cased run after the given name is no surname.
    const day = 'She told Maria Sunday that it was over .';
    expect(namedEntitySpans(day).map((s) => `${s.type}:${day.slice(s.start, s.end)}`)).toEqual(['PER:Maria']);
  });

  it('takes no ordinary word of a headline in capitals for a known acronym', () => {
    const text = 'SOCCER - THE MAN WHO SAVED THE DAY .\nThe WHO said on Monday that cases rose .';
    const spans = namedEntitySpans(text).map((s) => ({ at: s.start, text: text.slice(s.start, s.end) }));
    // The headline's "WHO" is the pronoun; the text's "The WHO" is the organisation.
    expect(spans.filter((s) => s.text === 'WHO').map((s) => s.at)).toEqual([text.lastIndexOf('WHO')]);
  });

  it('gives standard-style spans without demonyms', () => {
    const text = 'Korean steelmakers said South Korea would talk to Japan.';
    const spans = namedEntitySpans(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['South Korea', 'Japan']);
    expect(findEntities(text).find((e) => e.code === 'KR')?.aliases).toContain('Korean');
    const cricket = 'West Indian all-rounder Phil Simmons took four wickets .';
    expect(namedEntitySpans(cricket).map((s) => cricket.slice(s.start, s.end))).toEqual(['Phil Simmons']);
  });
});

const present = corporaPresent();
if (!present) console.warn(`[dateline tests] skipping the corpus split checks: corpora not found at ${CORPORA_DIR}`);

describe.skipIf(!present)('corpus splits', () => {
  it('puts every document in one split, trains only on train parts without share-alike text', () => {
    const docs = loadCorpora();
    const count = (corpus: string, split: string) => docs.filter((d) => d.corpus === corpus && d.split === split).length;
    expect([count('gum', 'train'), count('gum', 'dev'), count('gum', 'test')]).toEqual([28, 15, 14]);
    expect(count('wnut17', 'test')).toBe(1287);
    expect(docs.filter((d) => d.corpus === 'btc' && d.part === 'F').every((d) => d.split === 'test')).toBe(true);
    const training = new Set(trainingDocs(docs).map((d) => d.sentences));
    for (const d of docs) {
      if (training.has(d.sentences)) {
        expect(d.split).toBe('train');
        expect(SHARE_ALIKE_PARTS.has(`${d.corpus}/${d.part}`)).toBe(false);
      }
    }
  });
});

describe('word classes and the city list', () => {
  const options = { minimum: 1, contexts: 20, fine: 3, coarse: 2, iterations: 10, seed: 5 };
  const corpus = ['flew to paris today', 'flew to tokyo today', 'flew to berlin today', 'she ate apples quickly', 'she ate pears quickly', 'she ate plums quickly'].map((s) => s.split(' '));

  it('puts words seen between the same neighbours in one class, the same way each time', () => {
    const classes = clusterWords(corpus, options);
    expect(classes.get('tokyo')).toEqual(classes.get('paris'));
    expect(classes.get('berlin')).toEqual(classes.get('paris'));
    expect(classes.get('pears')).toEqual(classes.get('apples'));
    expect(serialiseWordClusters(classes, {}).equals(serialiseWordClusters(clusterWords(corpus, options), {}))).toBe(true);
    expect(clusterWords(corpus, { ...options, minimum: 2 }).has('paris')).toBe(false);
  });

  it('ships word classes that group weekdays and speech verbs, read as features of a word and its neighbours', () => {
    const classes = wordClusters();
    expect(classes.get('tuesday')).toEqual(classes.get('monday'));
    expect(classes.get('told')?.[1]).toBe(classes.get('said')?.[1]);
    const features = staticFeatures(['Smith', 'said'], documentView([['Smith', 'said']]));
    expect(features[0]).toEqual(expect.arrayContaining([`c=${classes.get('smith')![0]}`, `cg+1=${classes.get('said')![1]}`]));
  });

  it('ships a city list the lexicon reads, without function words as cities', () => {
    expect(cityNames()).toContain('bochum');
    expect(lexiconClasses().get('bochum')).toContain('city');
    expect(lexiconClasses().get('of') ?? []).not.toContain('city');
    const bytes = serialiseCityList(['Bochum', 'bochum', 'Las Vegas'], {});
    expect(bytes.equals(serialiseCityList(['Las Vegas', 'Bochum'], {}))).toBe(true);
  });
});
