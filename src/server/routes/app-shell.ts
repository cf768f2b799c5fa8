// What makes the reader an installable web app: the manifest, the service worker (served from
// the root so its scope is the whole site), the icons (drawn here, so the repository carries no
// binary files), the offline page, and the security headers every HTML page gets — a Content
// Security Policy that allows only our own scripts, so a script that slipped into an article or
// a comment could not run even if the sanitiser missed it.
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { layout } from '../../web/layout.ts';
import { html } from '../../web/html.ts';

const assetsDir = new URL('../../web/assets/', import.meta.url);
const BRAND = { accent: [0x0b, 0x5c, 0xad], background: '#fdfcf9', theme: '#0b5cad' } as const;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Other features' pages may carry style attributes; styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  // Articles' own images stay visible.
  "img-src 'self' https: http: data:",
  "media-src 'self' https:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function manifest() {
  return {
    name: 'Dateline',
    short_name: 'Dateline',
    description: 'Self-hosted news: stories across sources, clean articles, and what they say.',
    id: '/',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: BRAND.background,
    theme_color: BRAND.theme,
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
    shortcuts: [
      { name: 'Stories', url: '/stories' },
      { name: 'Search', url: '/search' },
    ],
  };
}

// The mark: a "D" over a rule (a dateline), white on the accent colour. Coordinates are in
// units of the icon's side; the same shapes make the SVG and the PNGs.
function inGlyph(x: number, y: number): boolean {
  if (x >= 0.3 && x <= 0.4 && y >= 0.22 && y <= 0.72) return true;
  if (x >= 0.4) {
    const d = Math.hypot(x - 0.4, y - 0.47);
    if (d <= 0.25 && d >= 0.15) return true;
  }
  return x >= 0.3 && x <= 0.65 && y >= 0.78 && y <= 0.82;
}

function inRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** Draws the icon at `size` pixels, 4×4 samples a pixel; maskable icons fill the whole square. */
export function drawIcon(size: number, maskable: boolean): Buffer {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let inside = 0;
      let glyph = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (maskable || inRoundedSquare(x, y, 0.18)) {
            inside++;
            if (inGlyph(x, y)) glyph++;
          }
        }
      }
      const total = samples * samples;
      const white = inside ? glyph / inside : 0;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[offset + c] = Math.round(BRAND.accent[c]! * (1 - white) + 255 * white);
      rgba[offset + 3] = Math.round((inside / total) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed) >>> 0);
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  // Each row starts with filter type 0 (none).
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" rx="18" fill="#0b5cad"/>
<g fill="#fff"><rect x="30" y="22" width="10" height="50"/><path d="M40 22A25 25 0 0 1 40 72V62A15 15 0 0 0 40 32Z"/><rect x="30" y="78" width="35" height="4"/></g>
</svg>
`;

export async function registerAppShellRoutes(app: FastifyInstance, _ctx: AppContext): Promise<void> {
  const read = (name: string) => readFileSync(new URL(name, assetsDir));
  const serviceWorker = read('sw.js');
  const themeScript = read('theme.js');
  // Drawn once, on first request: a few hundred milliseconds not every server start needs.
  const icons = new Map<string, Buffer>();
  const iconSizes: Record<string, [number, boolean]> = {
    'icon-192.png': [192, false],
    'icon-512.png': [512, false],
    'maskable-512.png': [512, true],
  };

  app.get('/manifest.webmanifest', async (_request, reply) => {
    reply.type('application/manifest+json; charset=utf-8').header('cache-control', 'public, max-age=3600');
    return JSON.stringify(manifest());
  });

  app.get('/sw.js', async (_request, reply) => {
    // Browsers check for a new worker on navigation; no-cache lets them see a new release at once.
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').header('service-worker-allowed', '/');
    return serviceWorker;
  });

  app.get('/assets/theme.js', async (_request, reply) => {
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300');
    return themeScript;
  });

  app.get<{ Params: { name: string } }>('/icons/:name', async (request, reply) => {
    const name = request.params.name;
    if (name === 'icon.svg') return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(ICON_SVG);
    // Own keys only: /icons/__proto__ must not find Object.prototype.
    const spec = Object.hasOwn(iconSizes, name) ? iconSizes[name] : undefined;
    if (!spec) return reply.code(404).type('text/plain').send('not found');
    let icon = icons.get(name);
    if (!icon) {
      icon = drawIcon(spec[0], spec[1]);
      icons.set(name, icon);
    }
    return reply.type('image/png').header('cache-control', 'public, max-age=86400').send(icon);
  });

  // Saved once by the service worker for everyone on the device, so it names no one.
  app.get('/offline', async (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return layout({
      title: 'Offline',
      body: html`<h1>You are offline</h1>
<p>This page is not saved on this device. Articles and stories you read recently are:</p>
<ul id="saved-pages"><li>Looking for saved pages…</li></ul>`,
    });
  });
}
