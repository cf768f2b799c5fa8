// Cuts what can never be article text out of a page before it is parsed: script bodies (but not
// JSON-LD, which carries metadata), style sheets, inline SVG and comments. News pages are often
// more than half script by bytes, so parsing and Readability both get much cheaper.

const INERT = /<script\b([^>]*)>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<svg\b[^>]*>[\s\S]*?<\/svg\s*>|<!--[\s\S]*?-->/gi;

export function stripInert(html: string): string {
  return html.replace(INERT, (match, scriptAttrs: string | undefined) =>
    scriptAttrs !== undefined && /application\/ld\+json/i.test(scriptAttrs) ? match : '',
  );
}
