// The one sanitiser for HTML that came from a page: every article body passes through it before it
// is stored or shown. Built on sanitize-html; keeps readable structure, drops everything active.
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'a',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'small',
  'mark',
  'q',
  'cite',
  'abbr',
  'time',
  'figure',
  'figcaption',
  'img',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
];

const SAFE_SCHEMES = ['http', 'https', 'mailto'];

/** Resolves `href` against `baseUrl`; null when it is not a safe absolute http(s)/mailto URL. */
export function absoluteUrl(href: string, baseUrl: string | null | undefined): string | null {
  const trimmed = href.trim();
  if (!trimmed) return null;
  let resolved: URL;
  try {
    resolved = baseUrl ? new URL(trimmed, baseUrl) : new URL(trimmed);
  } catch {
    return null;
  }
  const scheme = resolved.protocol.replace(/:$/, '');
  return SAFE_SCHEMES.includes(scheme) ? resolved.href : null;
}

/**
 * Cleans untrusted article HTML: safe tags only, no scripts, styles or event handlers, no
 * `javascript:`/`data:` URLs; links and images absolutised against `baseUrl`, links marked
 * `rel="nofollow noopener"`. Relative URLs without a base are dropped, since they cannot resolve.
 */
export function sanitizeArticleHtml(html: string, baseUrl: string | null | undefined): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      time: ['datetime'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      abbr: ['title'],
      q: ['cite'],
      blockquote: ['cite'],
    },
    allowedSchemes: SAFE_SCHEMES,
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    // Content of these is dropped along with the tag (sanitize-html keeps text of unknown tags).
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'svg', 'math', 'button', 'select', 'form'],
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ? absoluteUrl(attribs.href, baseUrl) : null;
        const out: Record<string, string> = { rel: 'nofollow noopener' };
        if (href) out.href = href;
        if (attribs.title) out.title = attribs.title;
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const src = attribs.src ? absoluteUrl(attribs.src, baseUrl) : null;
        const out: Record<string, string> = {};
        if (src) out.src = src;
        for (const key of ['alt', 'title', 'width', 'height']) if (attribs[key]) out[key] = attribs[key];
        return { tagName, attribs: out };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}
