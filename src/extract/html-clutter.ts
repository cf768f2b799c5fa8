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

/** Splits paragraphs into the kept article text and the removed furniture. */
export function dropClutter(paragraphs: string[]): { kept: string[]; removed: string[] } {
  const kept: string[] = [];
  const removed: string[] = [];
  for (const paragraph of paragraphs) {
    if (clutterReason(paragraph)) removed.push(paragraph);
    else kept.push(paragraph);
  }
  return { kept, removed };
}
