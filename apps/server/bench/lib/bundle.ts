/**
 * What a built SPA makes the browser download first: the entry script, the chunks its HTML
 * preloads (every static import of the entry, as Vite writes them) and the stylesheets, each raw
 * and gzip (level 9, as the server's precompressed .gz files); and the lazy chunks fetched later.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type Asset = { file: string; raw: number; gzip: number };
export type BundleReport = { initialJs: Asset[]; initialCss: Asset[]; lazyJs: Asset[]; lazyCss: Asset[] };

const measure = (dist: string, file: string): Asset => {
  const body = readFileSync(join(dist, file));
  return { file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
};

/** Reads `dist/index.html` and `dist/assets/`; the initial set is what the HTML names (any base path stripped). */
export function bundleReport(dist: string): BundleReport {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => (m[1] as string).replace(/^.*?(?=assets\/)/, ''));
  const js = [...refs(/<script[^>]*\bsrc="([^"]+\.js)"/g), ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)];
  const css = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+\.css)"/g);
  const initial = new Set([...js, ...css]);
  const all = readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`);
  const lazy = (ext: string) =>
    all
      .filter((f) => f.endsWith(ext) && !initial.has(f))
      .map((f) => measure(dist, f))
      .sort((a, b) => b.gzip - a.gzip);
  return {
    initialJs: [...new Set(js)].map((f) => measure(dist, f)),
    initialCss: [...new Set(css)].map((f) => measure(dist, f)),
    lazyJs: lazy('.js'),
    lazyCss: lazy('.css'),
  };
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
export const sum = (assets: Asset[], key: 'raw' | 'gzip') => assets.reduce((s, a) => s + a[key], 0);

/** One line per asset, then the totals; returns the first-load gzip JS. */
export function printBundle(name: string, r: BundleReport): number {
  const line = (a: Asset) => `    ${a.file.padEnd(48)} ${kb(a.raw).padStart(10)} raw ${kb(a.gzip).padStart(9)} gzip`;
  console.log(`\n${name} — first load (entry script, modulepreloads, stylesheets)`);
  for (const a of [...r.initialJs, ...r.initialCss]) console.log(line(a));
  const jsGzip = sum(r.initialJs, 'gzip');
  console.log(
    `  first-load JS: ${kb(sum(r.initialJs, 'raw'))} raw, ${kb(jsGzip)} gzip (${r.initialJs.length} files); ` +
      `CSS: ${kb(sum(r.initialCss, 'raw'))} raw, ${kb(sum(r.initialCss, 'gzip'))} gzip`,
  );
  console.log(`  lazy chunks (${r.lazyJs.length} JS, ${r.lazyCss.length} CSS), loaded when their screen opens:`);
  for (const a of [...r.lazyJs, ...r.lazyCss]) console.log(line(a));
  console.log(`  lazy JS total: ${kb(sum(r.lazyJs, 'raw'))} raw, ${kb(sum(r.lazyJs, 'gzip'))} gzip`);
  return jsGzip;
}
