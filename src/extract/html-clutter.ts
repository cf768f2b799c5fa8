// Recognises paragraphs of an article body that are page furniture rather than the article:
// ad labels, share/subscribe/follow prompts, video durations, social-network button rows.
// The cues are general (shape of the line plus a small vocabulary of interface words), never
// strings of one site.

/** Words that, alone on a short line, label an ad slot. */
const AD_WORDS = new Set(['advertisement', 'advertisements', 'advertising', 'ad', 'ads', 'sponsored', 'promoted', 'promotion', 'anzeige', 'publicité', 'publicidad', 'pubblicità', 'reklama', 'werbung', 'continue', 'reading', 'below', 'story', 'continues', 'article', 'the', 'content', 'partner', 'paid', 'post', 'skip']);

/** Interface words of share bars and social buttons. */
const SOCIAL_WORDS = new Set(['share', 'shares', 'tweet', 'email', 'e-mail', 'print', 'facebook', 'twitter', 'x', 'linkedin', 'whatsapp', 'pinterest', 'reddit', 'telegram', 'messenger', 'copy', 'link', 'copied', 'comment', 'comments', 'save', 'this', 'article', 'on', 'via', 'flipboard', 'instagram', 'youtube', 'tiktok', 'mail', 'sms', 'more', 'options', 'gift', 'listen', 'to', 'story', 'min', 'read']);

/** Calls to action that open a prompt line ("Sign up for our newsletter", "Follow us on ..."). */
const PROMPT_START = /^(?:sign up|subscribe|follow us|follow @|like us|join us on|join our|download (?:the|our)|get the app|get our|click here|tap here|read more|read next|read the full|see more|see also|more from|also read|related:|recommended:|watch:|watch now|listen:|listen now|share this|share on|share via|get (?:the|our) (?:latest|best|daily|free)|don'?t miss|newsletter)\b/i;

const NEWSLETTER_CUE = /\b(?:newsletter|subscribe|subscription|sign up|inbox|unsubscribe|terms of (?:use|service)|privacy policy)\b/i;

function words(line: string): string[] {
  return line.toLowerCase().split(/[^\p{L}\p{N}@'-]+/u).filter(Boolean);
}

/** Why `line` is clutter, or null when it reads like article text. */
export function clutterReason(line: string): string | null {
  const text = line.trim();
  if (!text) return 'empty';
  // A video or audio length shown on its own ("01:42", "(2:05:10)").
  if (/^[([]?\d{1,2}:\d{2}(?::\d{2})?[)\]]?$/.test(text)) return 'duration';
  const ws = words(text);
  if (ws.length === 0) return 'no words';
  if (ws.length <= 6 && ws.some((w) => /^(?:advertisement|advertising|sponsored|anzeige|werbung|publicité|publicidad)$/.test(w)) && ws.every((w) => AD_WORDS.has(w))) return 'ad label';
  if (ws.length <= 12 && ws.some((w) => SOCIAL_WORDS.has(w)) && ws.every((w) => SOCIAL_WORDS.has(w) || /^\d+$/.test(w))) return 'share bar';
  // Prompts are short and do not end like a sentence of reporting.
  if (ws.length <= 14 && PROMPT_START.test(text)) return 'prompt';
  if (ws.length <= 25 && NEWSLETTER_CUE.test(text) && /\b(?:sign up|subscribe|newsletter)\b/i.test(text) && /\b(?:our|your|free|here|now|today)\b/i.test(text)) return 'newsletter';
  return null;
}

/** Interface words that make up a whole line of a gallery, player or login widget. */
const UI_LINE = /^(?:caption|close|open|next|previous|prev|menu|sign in|log ?in|sign out|skip to (?:main )?content|expand|collapse|loading(?:\.\.\.)?|play|pause|replay|enlarge|full ?screen|back to top|print|hide caption|show caption|toggle caption|view (?:gallery|slideshow|comments)|image|photo|video|gallery|more|less|search|home|top)$/i;

/** A photo caption or credit: "Photo: …", "… (Image: Getty)", "…Credit: EPA". */
function isCaption(line: string, wordCount: number): boolean {
  if (wordCount > 60) return false;
  if (/^(?:photo|image|picture|pic|credit|video|illustration|graphic)s?\s*(?:credit)?\s*:/i.test(line)) return true;
  if (/\((?:[^()]*\b(?:photo|photos|image|images|picture|pictures|pic|credit|illustration)\b[^()]*)\)\s*$/i.test(line)) return true;
  return /Credit:\s*[^.!?]{2,60}$/.test(line);
}

/** Contact lines left by author boxes: a lone e-mail address or social handle. */
function isContactLine(line: string): boolean {
  return /^(?:\S+@\S+\.\w+|@\w+|(?:https?:\/\/)?(?:www\.)?(?:twitter|x|facebook|instagram|linkedin)\.com\/\S+)$/i.test(line.trim());
}

/** The page's own address printed as a line (share widgets do this); other URLs may be content. */
function isOwnUrl(line: string, pageUrls: string[]): boolean {
  const trimmed = line.trim().replace(/\/$/, '');
  return /^https?:\/\/\S+$/.test(trimmed) && pageUrls.some((u) => u.replace(/\/$/, '') === trimmed);
}

/** A line that reads as a sentence of prose rather than a label. */
function isProse(line: string, wordCount: number): boolean {
  return wordCount >= 12 || (wordCount >= 5 && /[.!?…"”»)]$/.test(line));
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Splits paragraphs into the kept article text and the removed furniture: clutter lines,
 * captions and credits, gallery/player interface lines, the headline repeated, repeated
 * lines, and short label lines before the first or after the last paragraph of prose.
 */
export function dropClutter(paragraphs: string[], page: { title?: string | null; urls?: string[] } = {}): { kept: string[]; removed: string[] } {
  const title = page.title ?? null;
  const pageUrls = page.urls ?? [];
  const removed: string[] = [];
  const normTitle = title ? normalise(title) : null;
  let kept: string[] = [];
  for (const paragraph of paragraphs) {
    const norm = normalise(paragraph);
    const wordCount = norm ? norm.split(' ').length : 0;
    const drop =
      clutterReason(paragraph) !== null ||
      UI_LINE.test(paragraph.trim()) ||
      /^(?:image|photo|slide|picture)?\s*\d+\s*(?:of|\/)\s*\/?\s*\d+$/i.test(paragraph.trim()) ||
      isCaption(paragraph, wordCount) ||
      isContactLine(paragraph) ||
      isOwnUrl(paragraph, pageUrls) ||
      (normTitle !== null && norm === normTitle);
    if (drop) removed.push(paragraph);
    else kept.push(paragraph);
  }
  // Labels around the article (kicker, "Published", "More Business News") are short non-sentences.
  const proseIndexes = kept.map((p, i) => (isProse(p, normalise(p).split(' ').length) ? i : -1)).filter((i) => i >= 0);
  if (proseIndexes.length > 0) {
    const first = proseIndexes[0];
    const last = proseIndexes[proseIndexes.length - 1];
    const edgeLabel = (p: string): boolean => normalise(p).split(' ').length <= 8;
    // A long run of short lines at an edge is a list that belongs to the article.
    const trimHead = first <= 4;
    const trimTail = kept.length - 1 - last <= 3;
    const trimmed: string[] = [];
    kept.forEach((p, i) => {
      if (((trimHead && i < first) || (trimTail && i > last)) && edgeLabel(p)) removed.push(p);
      else trimmed.push(p);
    });
    kept = trimmed;
  }
  return { kept, removed };
}
