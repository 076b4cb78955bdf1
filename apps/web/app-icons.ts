/**
 * Vite plugin: the install manifest (manifest.webmanifest) and the PNG app icons it and iOS
 * need, drawn at build time from the same geometry as public/favicon.svg (gold coin, dashed
 * dark ring, dark centre, gold diamond). A few lines of rasterising and PNG encoding with
 * node:zlib instead of an image library: the shapes are circles, a ring and a diamond.
 */
import { deflateSync } from 'node:zlib';

const GOLD = [0xf5, 0xc5, 0x42] as const;
const DARK = [0x14, 0x12, 0x1f] as const;
export const THEME_COLOR = '#14121f';

/** The favicon's colour at (x, y) in its 64×64 box, or null outside the coin. */
function logoAt(x: number, y: number): readonly [number, number, number] | null {
  const dx = x - 32;
  const dy = y - 32;
  const r = Math.hypot(dx, dy);
  if (r > 30) return null;
  if (Math.abs(dx) / 10 + Math.abs(dy) / 12 <= 1) return GOLD;
  if (r <= 18) return DARK;
  if (r >= 23.5 && r <= 28.5) {
    // stroke-dasharray 10.21 along the r=26 circle, starting at 3 o'clock, clockwise.
    const arc = ((Math.atan2(dy, dx) + 2 * Math.PI) % (2 * Math.PI)) * 26;
    if (Math.floor(arc / 10.21) % 2 === 0) return DARK;
  }
  return GOLD;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A size×size RGBA PNG of the logo, 4×4 supersampled. `scale` is the share of the side the
 * coin's 64-unit box takes (a maskable icon keeps it inside the safe zone); `background`
 * fills the square (null: transparent).
 */
export function logoPng(size: number, scale = 1, background: readonly number[] | null = null): Buffer {
  const S = 4;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  const box = size * scale;
  const offset = (size - box) / 2;
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const x = ((px + (sx + 0.5) / S - offset) / box) * 64;
          const y = ((py + (sy + 0.5) / S - offset) / box) * 64;
          const c = logoAt(x, y) ?? background;
          if (!c) continue;
          r += c[0] as number;
          g += c[1] as number;
          b += c[2] as number;
          a += 1;
        }
      const i = row + 1 + px * 4;
      if (a > 0) {
        rows[i] = Math.round(r / a);
        rows[i + 1] = Math.round(g / a);
        rows[i + 2] = Math.round(b / a);
      }
      rows[i + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export function appFiles(): Record<string, Buffer | string> {
  const manifest = {
    name: 'Casino-Club',
    short_name: 'Casino-Club',
    description: 'Free-to-play social casino: slot, gacha, crash and rock-paper-scissors.',
    id: '/',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: THEME_COLOR,
    theme_color: THEME_COLOR,
    icons: [
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
  return {
    'manifest.webmanifest': `${JSON.stringify(manifest, null, 2)}\n`,
    'icon-192.png': logoPng(192),
    'icon-512.png': logoPng(512),
    // Maskable: the coin inside the 80% safe circle, on the theme colour to the edges.
    'icon-maskable-512.png': logoPng(512, 0.74, DARK),
    'apple-touch-icon.png': logoPng(180, 0.86, DARK),
  };
}

const TYPES: Record<string, string> = { png: 'image/png', webmanifest: 'application/manifest+json' };

/** Emits the files into the build, and serves them in dev. Typed structurally, like vite.precompress.ts. */
export function appIcons() {
  let files: Record<string, Buffer | string> | null = null;
  const all = () => {
    files ??= appFiles();
    return files;
  };
  return {
    name: 'app-icons',
    generateBundle(this: { emitFile(f: { type: 'asset'; fileName: string; source: string | Uint8Array }): string }) {
      for (const [fileName, source] of Object.entries(all())) this.emitFile({ type: 'asset', fileName, source });
    },
    configureServer(server: { middlewares: { use(fn: (req: { url?: string }, res: NodeResponse, next: () => void) => void): void } }) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split('?')[0]?.slice(1) ?? '';
        const body = all()[name];
        if (body === undefined) return next();
        res.setHeader('content-type', TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
        res.end(body);
      });
    },
  };
}

type NodeResponse = { setHeader(name: string, value: string): void; end(body: Buffer | string): void };
