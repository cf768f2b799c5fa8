// Realistic republishing edits for the near-duplicate benchmark, driven by a seeded generator:
// what outlets do to a wire story they run (new headline, re-wrapped paragraphs, a paragraph
// added or cut, their own clutter around it, a few typos and quote styles).
import { seededRandom } from '../../src/text/random.ts';

export type Random = () => number;

export { seededRandom };

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const CLUTTER_BEFORE = [
  'Advertisement',
  'Story continues below advertisement',
  'Listen to this article',
  'This article is more than 2 years old',
  'Sign up for our daily briefing and get the top stories in your inbox every morning.',
  'Follow our live coverage for the latest updates.',
];
const CLUTTER_AFTER = [
  'Reporting by staff writers; editing by the news desk.',
  'Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  'Have a tip? Send it to our newsroom securely.',
  'Share this article on Facebook, Twitter and WhatsApp.',
  'Read more: the stories our readers are following today, and the newsletters you can sign up for.',
  'Comments are closed for this article.',
  'Related coverage: what we know so far, and what happens next.',
];
const ADDED_PARAGRAPHS = [
  'The news comes as officials continue to face questions about how the situation was handled in the days before.',
  'Local residents told our reporter they had been following events closely and were waiting for more information.',
  'This is a developing story and will be updated as more details become available.',
  'Our correspondent said reaction in the region had been mixed, with some welcoming the news and others sceptical.',
  "Editor's note: an earlier version of this article misstated a figure; it has been corrected.",
];

function typo(word: string, random: Random): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  switch (Math.floor(random() * 3)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
    case 1:
      return word.slice(0, i) + word.slice(i + 1); // drop
    default:
      return word.slice(0, i) + word[i] + word.slice(i); // double
  }
}

export interface EditedCopy {
  title: string;
  text: string;
  edits: string[];
}

/** A republished copy of `text`: every copy gets clutter and a new headline, plus 1–4 other edits. */
export function republish(title: string, text: string, random: Random): EditedCopy {
  let paragraphs = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const edits: string[] = ['headline', 'clutter'];
  const kinds = ['rewrap', 'add', 'cut', 'typos', 'quotes'];
  const chosen = kinds.filter(() => random() < 0.55);
  if (!chosen.length) chosen.push(pick(random, kinds));
  for (const kind of chosen) {
    if (kind === 'rewrap') {
      // Re-wrapped: paragraphs joined in pairs, or long ones split at a sentence.
      const out: string[] = [];
      for (let i = 0; i < paragraphs.length; i++) {
        const p = paragraphs[i]!;
        if (random() < 0.4 && i + 1 < paragraphs.length) out.push(p + ' ' + paragraphs[++i]!);
        else if (random() < 0.3) out.push(...p.split(/(?<=\.)\s+(?=[A-Z])/));
        else out.push(p);
      }
      paragraphs = out;
    } else if (kind === 'add') {
      const at = Math.floor(random() * (paragraphs.length + 1));
      paragraphs.splice(at, 0, pick(random, ADDED_PARAGRAPHS));
    } else if (kind === 'cut' && paragraphs.length >= 4) {
      // Cut from the end (the usual trim for length), at most a quarter of the paragraphs.
      const cut = 1 + Math.floor(random() * Math.max(1, Math.floor(paragraphs.length / 4)));
      paragraphs = paragraphs.slice(0, paragraphs.length - cut);
    } else if (kind === 'typos') {
      paragraphs = paragraphs.map((p) =>
        p
          .split(' ')
          .map((w) => (random() < 0.01 ? typo(w, random) : w))
          .join(' '),
      );
    } else if (kind === 'quotes') {
      paragraphs = paragraphs.map((p) =>
        p
          .replace(/"([^"]*)"/g, '“$1”')
          .replace(/'/g, '’')
          .replace(/ - /g, ' — '),
      );
    } else continue;
    edits.push(kind);
  }
  const before = random() < 0.7 ? [pick(random, CLUTTER_BEFORE)] : [];
  const after = [pick(random, CLUTTER_AFTER), ...(random() < 0.5 ? [pick(random, CLUTTER_AFTER)] : [])];
  const prefixes = ['UPDATE: ', 'WATCH: ', '', '', 'Analysis: '];
  const newTitle = pick(random, prefixes) + (random() < 0.5 ? title.split(' ').reverse().join(' ') : title.toUpperCase());
  return { title: newTitle, text: [...before, ...paragraphs, ...after].join(random() < 0.5 ? '\n\n' : '\n'), edits };
}
