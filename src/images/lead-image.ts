// Which picture leads an article: the page's own choice (og:image / twitter:image, kept as the
// article's imageUrl at extraction), else the first figure of its sanitised body. Pure: the
// fetching and the thumbnail are the shell's (fetch-lead-images.ts).
import { parseHTML } from 'linkedom';

export interface LeadImageInput {
  imageUrl: string | null;
  html: string | null;
}

// Pixels and spacers publishers put in bodies: declared this small, they are no figure.
const TINY = 32;

export function leadImageUrl(article: LeadImageInput): string | null {
  const declared = httpUrl(article.imageUrl);
  if (declared) return declared;
  if (!article.html || !/<img\b/i.test(article.html)) return null;
  const { document } = parseHTML(`<!doctype html><html><body>${article.html}</body></html>`);
  for (const img of Array.from(document.querySelectorAll('img'))) {
    const width = Number(img.getAttribute('width') ?? NaN);
    const height = Number(img.getAttribute('height') ?? NaN);
    if ((Number.isFinite(width) && width < TINY) || (Number.isFinite(height) && height < TINY)) continue;
    const src = httpUrl(img.getAttribute('src'));
    if (src) return src;
  }
  return null;
}

function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
