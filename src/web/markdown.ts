// Comments' small Markdown: emphasis, links, inline and block code, lists and quotes, nothing
// else (no raw HTML, images, headings or tables). markdown-it renders it; sanitize-html then
// keeps only the tags that subset can produce, so a parser quirk cannot let anything through.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { raw, type SafeHtml } from './html.ts';

// 'zero' starts with every rule off; `html: false` turns any tag typed into plain text.
const markdown = new MarkdownIt('zero', { html: false, linkify: false, breaks: true }).enable(['emphasis', 'link', 'autolink', 'backticks', 'code', 'fence', 'list', 'blockquote', 'escape', 'newline', 'entity']);

const SANITISE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'a', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote'],
  allowedAttributes: { a: ['href'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  // Links readers post are theirs, not ours: no ranking credit, no window.opener, no referrer.
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc noopener noreferrer' } }),
  },
};
// `rel` is added by the transform above, so it must be allowed through.
SANITISE.allowedAttributes = { a: ['href', 'rel'], ol: ['start'] };

/** A comment body (already normalised) as safe HTML. */
export function renderCommentMarkdown(body: string): SafeHtml {
  return raw(sanitizeHtml(markdown.render(body), SANITISE));
}
