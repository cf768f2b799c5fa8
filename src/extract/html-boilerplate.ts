// Removes page furniture from the DOM, by general cues rather than site rules: before Readability
// (navigation, forms, hidden blocks, share/newsletter/comment blocks — which also makes
// Readability cheaper) and after it, on the chosen content (captions, bylines, datelines,
// link lists, the repeated headline).

/** Elements that never hold article text. */
const NEVER_TEXT = 'nav, form, button, select, input, textarea, iframe, noscript, dialog, template, [hidden], [aria-hidden="true"], [role="navigation"], [role="banner"], [role="contentinfo"], [role="dialog"], [role="alert"], [role="search"], [role="menu"], [role="menubar"]';

/** Class or id of blocks that are furniture when they hold little prose. */
const FURNITURE_LABEL = /(?:^|[\s_-])(?:share|sharing|social|newsletter|subscri(?:be|ption)|signup|promo|advert(?:isement)?|ads?|ad-?slot|dfp|gpt|cookie|consent|gdpr|related|recommend(?:ed|ations)?|comments?|disqus|breadcrumbs?|sidebar|popup|modal|overlay|outbrain|taboola|paywall|byline|author-?bio|more-?stories|read-?more|trending|most-?popular|tags|topics|toolbar|sponsor(?:ed)?|jump-?link|skip-?link|print-?only|visually-?hidden|sr-only|screen-?reader)(?:$|[\s_-])/i;

/** Labels that must never be removed by the furniture rule (they usually wrap the article). */
const CONTENT_LABEL = /(?:^|[\s_-])(?:article|story|post|entry|content|body|main|text)(?:-?body|-?content|-?text)?(?:$|[\s_-])/i;

function label(el: Element): string {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
}

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/** Length of the text inside links of `el`. */
function linkTextLength(el: Element): number {
  let n = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) n += textLength(a);
  return n;
}

/** Whether a block carries prose: a paragraph of real sentences. */
function holdsProse(el: Element): boolean {
  let prose = 0;
  for (const p of Array.from(el.querySelectorAll('p'))) {
    const len = textLength(p);
    if (len >= 120) prose += len;
    if (prose >= 400) return true;
  }
  return false;
}

function isHiddenByStyle(el: Element): boolean {
  const style = el.getAttribute('style');
  return !!style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Pre-Readability pass over the whole page. */
export function pruneDocument(doc: Document): void {
  // Some CMSs wrap the whole page in one <form> or hide-then-reveal the article: keep prose.
  for (const el of Array.from(doc.querySelectorAll(NEVER_TEXT))) if (el.isConnected && !holdsProse(el)) el.remove();
  const body = doc.body;
  if (!body) return;
  for (const el of Array.from(body.querySelectorAll('[class], [id], [style]'))) {
    if (!el.isConnected) continue;
    const tag = el.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML' || tag === 'ARTICLE' || tag === 'MAIN') continue;
    if (isHiddenByStyle(el)) {
      el.remove();
      continue;
    }
    const name = label(el);
    if (!FURNITURE_LABEL.test(name) || CONTENT_LABEL.test(name)) continue;
    if (!holdsProse(el)) el.remove();
  }
}

/** Class or id of caption, credit, byline and timestamp blocks inside the content. */
const META_LABEL = /caption|credit|byline|dateline|timestamp|author|published|updated|posted|date|share|social|tags|related|subscribe|newsletter/i;

/** Post-Readability pass over the content Readability chose. */
export function pruneContent(root: Element, title: string | null): void {
  for (const el of Array.from(root.querySelectorAll('figcaption, figure, picture, video, audio, time, h1'))) {
    // A figure may wrap the article in odd markup; only drop it when it holds no prose.
    if (el.tagName.toUpperCase() === 'FIGURE' && holdsProse(el)) continue;
    el.remove();
  }
  for (const el of Array.from(root.querySelectorAll('[class], [id]'))) {
    if (!root.contains(el)) continue; // Readability's content is detached: isConnected is false
    if (META_LABEL.test(label(el)) && !CONTENT_LABEL.test(label(el)) && textLength(el) < 200 && !holdsProse(el)) el.remove();
  }
  const normalisedTitle = title ? normalise(title) : null;
  for (const el of Array.from(root.querySelectorAll('h2, h3, h4, p, div, li, ul, ol'))) {
    if (!root.contains(el)) continue; // Readability's content is detached: isConnected is false
    const len = textLength(el);
    if (len === 0) continue;
    if (normalisedTitle && /^H[1-6]$/.test(el.tagName.toUpperCase()) && normalise(el.textContent ?? '') === normalisedTitle) {
      el.remove();
      continue;
    }
    // Blocks that are (nearly) all link text: menus, "more stories" lists, tag clouds.
    const tag = el.tagName.toUpperCase();
    if ((tag === 'UL' || tag === 'OL' || tag === 'DIV' || tag === 'P' || tag === 'LI') && linkTextLength(el) / len > 0.8) el.remove();
  }
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
