// Sentences and paragraphs of a clean article text, for the lead of an article.

/** Splits on sentence ends followed by a capital, a quote or a digit; keeps "U.S." and "Mr." whole. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    const parts = paragraph.split(/(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[\p{Lu}\p{N}])/u);
    let carry = '';
    for (const part of parts) {
      const joined = carry ? carry + ' ' + part : part;
      // "Mr." "Dr." "U.S." "Jan." are not sentence ends.
      if (/(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|Inc|Co|Corp|Ltd)\.|\b\p{Lu}\.)$/u.test(joined)) {
        carry = joined;
        continue;
      }
      carry = '';
      if (joined.trim()) out.push(joined.trim());
    }
    if (carry.trim()) out.push(carry.trim());
  }
  return out;
}

/** The first sentences of a text up to about `maxWords` words: its lead. */
export function lead(text: string, maxWords = 60): string {
  const out: string[] = [];
  let count = 0;
  for (const sentence of sentences(text)) {
    out.push(sentence);
    count += sentence.split(/\s+/).length;
    if (count >= maxWords) break;
  }
  return out.join(' ');
}
