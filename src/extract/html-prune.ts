// Cuts what can never be article text out of a page before it is parsed: script bodies (JSON-LD
// blocks are handed back as text for the metadata reader), style sheets, inline SVG, comments, and blocks of interface
// (navigation, embeds, players, buttons). News pages are often more than half script by bytes, so
// parsing and Readability both get much cheaper. Regex on purpose: this runs before any DOM exists.

const INERT = /<script\b([^>]*)>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<svg\b[^>]*>[\s\S]*?<\/svg\s*>|<!--[\s\S]*?-->/gi;

// These rarely nest in themselves; when they do, the cut ends at the first close tag and the
// stray outer close tag is ignored by the parser, so at worst a little furniture survives.
const INTERFACE = /<(nav|noscript|template|iframe|select|button|video|audio|object)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

/** The page without inert markup, and the JSON-LD blocks it carried (taken out as text, unparsed). */
export interface LeanPage {
  html: string;
  jsonLd: string[];
}

export function stripInert(html: string): LeanPage {
  const jsonLd: string[] = [];
  const lean = html
    .replace(INERT, (match, scriptAttrs: string | undefined) => {
      if (scriptAttrs !== undefined && /application\/ld\+json/i.test(scriptAttrs)) {
        // Metadata reads these as text; keeping them out of the DOM saves building and walking them.
        jsonLd.push(match.slice(match.indexOf('>') + 1, match.search(/<\/script\s*>$/i)));
      }
      return '';
    })
    .replace(INTERFACE, '');
  return { html: lean, jsonLd };
}
