// Checks that a piece of rendered HTML can execute nothing: no script-capable elements, no
// event-handler attributes, no javascript:/data: URLs (an <img> alone runs nothing; its
// onerror or a javascript: src would be caught by the attribute checks). Parsed, not pattern-matched, so escaped
// text that merely mentions "<script>" does not count.
import { parseHTML } from 'linkedom';

export function executableParts(markup: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  const found: string[] = [];
  for (const element of Array.from(document.querySelectorAll('*')) as Element[]) {
    const tag = element.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'link', 'meta', 'base', 'form'].includes(tag) && !element.closest('form.comment-form, form.inline')) {
      if (tag !== 'form') found.push(`<${tag}>`);
    }
    for (const attribute of Array.from(element.attributes)) {
      if (/^on/i.test(attribute.name)) found.push(`${tag}[${attribute.name}]`);
      if (/^(href|src|action|formaction|xlink:href)$/i.test(attribute.name) && /^\s*(javascript|vbscript|data):/i.test(attribute.value)) {
        found.push(`${tag}[${attribute.name}=${attribute.value}]`);
      }
    }
  }
  return found;
}
