// Recognises paragraphs of an article body that are page furniture rather than the article:
// ad labels, share/subscribe/follow prompts, video durations, social-network button rows.
// The cues are general (shape of the line plus a small vocabulary of interface words), never
// strings of one site.

/** Words that, alone on a short line, label an ad slot. */
const AD_WORDS = new Set([
  'advert',
  'adverts',
  'advertisement',
  'advertisements',
  'advertising',
  'ad',
  'ads',
  'sponsored',
  'promoted',
  'promotion',
  'anzeige',
  'publicité',
  'publicidad',
  'pubblicità',
  'reklama',
  'werbung',
  'continue',
  'reading',
  'below',
  'story',
  'continues',
  'article',
  'the',
  'content',
  'partner',
  'paid',
  'post',
  'skip',
]);

/** Interface words of share bars and social buttons. */
const SOCIAL_WORDS = new Set([
  'share',
  'shares',
  'tweet',
  'email',
  'e-mail',
  'print',
  'facebook',
  'twitter',
  'x',
  'linkedin',
  'whatsapp',
  'pinterest',
  'reddit',
  'telegram',
  'messenger',
  'copy',
  'link',
  'copied',
  'comment',
  'comments',
  'save',
  'this',
  'article',
  'on',
  'via',
  'flipboard',
  'instagram',
  'youtube',
  'tiktok',
  'mail',
  'sms',
  'more',
  'options',
  'gift',
  'listen',
  'to',
  'story',
  'min',
  'read',
]);

/** Calls to action that open a prompt line ("Sign up for our newsletter", "Follow us on ..."). */
const PROMPT_START =
  /^(?:sign up|subscribe|follow us|follow @|like us|join us on|join our|download (?:the|our)|get the app|get our|click here|tap here|read more|read next|read the full|see more|see also|more from|also read|related:|recommended:|watch:|watch now|listen:|listen now|share this|share on|share via|get (?:the|our) (?:latest|best|daily|free)|don'?t miss|newsletter)\b|^(?:next (?:article|post|story)|previous (?:article|post|story)|discover more|lesen sie (?:auch|mehr)|mehr zum thema|das könnte sie auch interessieren|weitere artikel|entdecke(?:n sie)? (?:weitere|mehr)|vorschau auf den nächsten|nächste[rn]? artikel|(?:à )?lire aussi|pour lire la suite|(?:le )?puede interesar|lee también|leia também|veja também|leggi anche|czytaj (?:też|także)|читайте также|if you (?:enjoyed|liked) (?:reading )?this|we (?:value|respect) your privacy|wir respektieren (?:deine|ihre) privatsphäre|nous respectons votre vie privée|this (?:site|website) uses cookies|want more (?:stories|news|articles)|you are not logged in|sie sind (?:aktuell |derzeit )?nicht (?:eingeloggt|angemeldet)|diese (?:website|webseite|seite) (?:verwendet|nutzt) cookies)(?![\p{L}\p{N}])/iu;

/** A paywall's notice: subscribing, and reading on or being let in ("To view the full story, please subscribe"). */
const PAYWALL_SUBSCRIBE = /\b(?:subscribe|subscribers?|subscription)\b/i;
const PAYWALL_CUE = /\b(?:full (?:story|article)|rest of (?:the|this) (?:story|article)|already (?:a )?subscriber|to (?:continue|keep) reading|welcome gift|unlimited (?:access|articles))\b/i;

const NEWSLETTER_CUE = /\b(?:newsletter|subscribe|subscription|sign up|inbox|unsubscribe|terms of (?:use|service)|privacy policy)\b/i;

function words(line: string): string[] {
  return line
    .toLowerCase()
    .split(/[^\p{L}\p{N}@'-]+/u)
    .filter(Boolean);
}

/** Why `line` is clutter, or null when it reads like article text. */
export function clutterReason(line: string): string | null {
  const text = line.trim();
  if (!text) return 'empty';
  // A video or audio length shown on its own ("01:42", "(2:05:10)").
  if (/^[([]?\d{1,2}:\d{2}(?::\d{2})?[)\]]?$/.test(text)) return 'duration';
  const ws = words(text);
  if (ws.length === 0) return 'no words';
  if (ws.length <= 6 && ws.some((w) => /^(?:adverts?|advertisements?|advertising|sponsored|anzeige|werbung|publicité|publicidad)$/.test(w)) && ws.every((w) => AD_WORDS.has(w))) return 'ad label';
  if (ws.length <= 12 && ws.some((w) => SOCIAL_WORDS.has(w)) && ws.every((w) => SOCIAL_WORDS.has(w) || /^\d+$/.test(w))) return 'share bar';
  // Prompts are short and do not end like a sentence of reporting.
  if (ws.length <= 14 && PROMPT_START.test(text)) return 'prompt';
  // Addressed to the reader: reporting about subscribers uses the same words.
  if (ws.length <= 30 && PAYWALL_SUBSCRIBE.test(text) && PAYWALL_CUE.test(text) && /\b(?:you|you'?re|your|please|here)\b/i.test(text)) return 'paywall';
  if (ws.length <= 25 && NEWSLETTER_CUE.test(text) && /\b(?:sign up|subscribe|newsletter)\b/i.test(text) && /\b(?:our|your|free|here|now|today)\b/i.test(text)) return 'newsletter';
  return null;
}

/** Interface words that make up a whole line of a gallery, player or login widget. */
const UI_LINE =
  /^(?:caption|close|open|next|previous|prev|menu|sign in|log ?in|sign out|skip to (?:main )?content|expand|collapse|loading(?:\.\.\.)?|play|pause|replay|enlarge|full ?screen|back to top|print|hide caption|show caption|toggle caption|view (?:gallery|slideshow|comments)|image|photo|video|gallery|more|less|search|home|top)$/i;

/** A photo caption or credit: "Photo: …", "… (Image: Getty)", "…Credit: EPA". */
function isCaption(line: string, wordCount: number): boolean {
  if (wordCount > 60) return false;
  if (/^(?:photo|image|picture|pic|credit|video|illustration|graphic)s?\s*(?:credit)?\s*:/i.test(line)) return true;
  if (/\((?:[^()]*\b(?:photo|photos|image|images|picture|pictures|pic|credit|illustration)\b[^()]*)\)\s*$/i.test(line)) return true;
  if (/Credit:\s*[^.!?]{2,60}$/.test(line)) return true;
  // A bare photo credit: "Name | Agency | Getty Images", "Photo by Name/Agency".
  // An agency name alone is not enough ("Reuters poll shows…" can be a sub-heading): it needs the
  // "|" or "/" of a credit line.
  if (wordCount > 12 || /[.!?]$/.test(line.trim())) return false;
  return /\b(?:getty images|shutterstock|istock|ap photo|photo by|photograph by)\b/i.test(line) || (/[|/]/.test(line) && /\b(?:afp|reuters|epa|associated press|bloomberg|xinhua)\b/i.test(line));
}

/** Messages of page widgets: "This slideshow requires JavaScript", comment-moderation notes. */
function isWidgetMessage(line: string, wordCount: number): boolean {
  if (wordCount > 30) return false;
  return (
    /\b(?:requires javascript|enable javascript|javascript (?:is )?(?:disabled|required))\b/i.test(line) ||
    /\b(?:comment|coment|kommentar)\w*\b.*\bmod(?:era|éra|éré|eri)/iu.test(line) ||
    /\bmod(?:era|éra|éré|eri)\w*.*\b(?:comment|coment|kommentar)/iu.test(line)
  );
}

/** Disclosure lines of affiliate and sponsored posts. */
function isDisclosureLine(line: string, wordCount: number): boolean {
  return wordCount <= 30 && /\b(?:affiliate (?:links?|commission|partner)|may earn (?:a )?commission|disclosure (?:page|policy))\b/i.test(line);
}

/** Copyright and rights lines of a page footer. */
function isRightsLine(line: string, wordCount: number): boolean {
  return wordCount <= 30 && /©|\ball rights reserved\b|\bcopyright\b|\bsubject to copyright\b/i.test(line);
}

/** The author box after a story: contact and follow prompts ("Email X at … or follow him @x"). */
function isAuthorBoxLine(line: string, wordCount: number): boolean {
  if (wordCount > 40) return false;
  return /\b(?:follow (?:him|her|them|us|me)|email (?:him|her|them|us|me)|(?:reach|contact) (?:him|her|them|us|me) at)\b/i.test(line) || /\S+@\S+\.\w{2,}/.test(line);
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

/** Wire credits closing a story: "(Reporting by …; Editing by …)". */
const WIRE_CREDIT = /^\(?(?:additional )?(?:reporting|writing|editing|compiled|translated|produced)(?: by)?\b[\s\S]*\)?$/i;

/** A date-and-byline line above the story ("Published : Aug. 12, 2025 - 15:20 Name"). */
function isDatelineLabel(line: string, wordCount: number, byline: string | null): boolean {
  if (wordCount > 20) return false;
  if (/\b(?:published|updated|posted|last modified|min(?:ute)?s? read)\b/i.test(line) && /\d/.test(line)) return true;
  // The byline again: "By Name", "Name | date", "Name, Agency · date".
  return !!byline && wordCount <= 16 && byline.split(/,| and /).some((name) => name.trim().length > 3 && line.includes(name.trim()));
}

/** A line that reads as a sentence of prose rather than a label. */
function isProse(line: string, wordCount: number): boolean {
  return wordCount >= 12 || (wordCount >= 5 && /[.!?…"”»)]$/.test(line));
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const UNSPACED_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f]/g;

/** Rough word count; scripts written without spaces count about one word per two characters. */
function countWords(text: string): number {
  const spaced = text.trim().split(/\s+/).length;
  const unspaced = text.match(UNSPACED_SCRIPT);
  return unspaced ? Math.max(spaced, Math.ceil(unspaced.length / 2)) : spaced;
}

/** Whether a line of `wordCount` words is furniture on its own (no context needed). */
function isFurnitureLine(line: string, wordCount: number, normTitle: string | null, pageUrls: string[]): boolean {
  // Long paragraphs are prose; every cue below is about short lines.
  if (wordCount > 60) return false;
  const trimmed = line.trim();
  if (clutterReason(line) !== null || UI_LINE.test(trimmed)) return true;
  if (/^(?:image|photo|slide|picture)?\s*\d+\s*(?:of|\/)\s*\/?\s*\d+$/i.test(trimmed)) return true;
  if (isCaption(line, wordCount) || isContactLine(line) || isOwnUrl(line, pageUrls) || isRightsLine(line, wordCount) || isDisclosureLine(line, wordCount) || isWidgetMessage(line, wordCount)) return true;
  return normTitle !== null && Math.abs(trimmed.length - normTitle.length) < 20 && normalise(trimmed) === normTitle;
}

/**
 * Splits paragraphs into the kept article text and the removed furniture: clutter lines,
 * captions and credits, gallery/player interface lines, the headline repeated, and short
 * label lines before the first or after the last paragraph of prose.
 */
export function dropClutter(paragraphs: string[], page: { title?: string | null; urls?: string[]; byline?: string | null } = {}): { kept: string[]; removed: string[] } {
  const pageUrls = page.urls ?? [];
  const byline = page.byline ?? null;
  const normTitle = page.title ? normalise(page.title) : null;
  const removed: string[] = [];
  const kept: { text: string; words: number }[] = [];
  for (const paragraph of paragraphs) {
    const words = countWords(paragraph);
    if (isFurnitureLine(paragraph, words, normTitle, pageUrls)) removed.push(paragraph);
    else kept.push({ text: paragraph, words });
  }
  // Labels around the article (kicker, "Published", "More Business News") are short non-sentences.
  let first = -1;
  let last = -1;
  kept.forEach((p, i) => {
    if (isProse(p.text, p.words)) {
      if (first < 0) first = i;
      last = i;
    }
  });
  if (first < 0) return { kept: kept.map((p) => p.text), removed };
  // A long run of short lines at an edge is a list that belongs to the article.
  const trimHead = first <= 4;
  const trimTail = kept.length - 1 - last <= 3;
  // "Label: text" lines at the end ("Our Standards: …", "READ MORE: …") are furniture too.
  const edgeLabel = (p: { text: string; words: number }): boolean => p.words <= 12 && /^[\p{L}' ]{2,24}:\s/u.test(p.text);
  const out: string[] = [];
  kept.forEach((p, i) => {
    const head = i <= first + 1 && isDatelineLabel(p.text, p.words, byline);
    const tail = (i >= last - 1 && (WIRE_CREDIT.test(p.text.trim()) || (i === kept.length - 1 && edgeLabel(p)))) || (i >= kept.length - 3 && i > first && isAuthorBoxLine(p.text, p.words));
    // Short lines after the story are labels ("More Business News"); with figures they are results.
    const edge = (trimHead && i < first) || (trimTail && i > last && !/\d/.test(p.text));
    if (head || tail || (edge && p.words <= 8)) removed.push(p.text);
    else out.push(p.text);
  });
  return { kept: out, removed };
}
