/**
 * Vite build plugin shared by both SPAs: writes `<file>.br` and `<file>.gz` next to every
 * compressible file of the output (bundles, index.html, public files), at maximum
 * compression since it runs once per build. The server serves them by Accept-Encoding
 * (@fastify/static `preCompressed`), so no request pays for compression. A variant that
 * would not be smaller is not written; the server then sends the file as it is.
 * Typed structurally, so this root file needs no `vite` of its own.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = /\.(?:html|js|mjs|css|svg|json|txt|webmanifest)$/;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export async function precompressDir(dir: string): Promise<string[]> {
  const written: string[] = [];
  const files = (await readdir(dir, { recursive: true })).filter((f) => COMPRESSIBLE.test(f));
  for (const file of files) {
    const path = join(dir, file);
    const data = await readFile(path);
    const variants: [string, Buffer][] = [
      [
        '.br',
        await brotli(data, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
        }),
      ],
      ['.gz', await gz(data, { level: constants.Z_BEST_COMPRESSION })],
    ];
    for (const [ext, bytes] of variants) {
      if (bytes.length >= data.length) continue;
      await writeFile(`${path}${ext}`, bytes);
      written.push(`${file}${ext}`);
    }
  }
  return written;
}

export function precompress() {
  let outDir = '';
  return {
    name: 'casino:precompress',
    apply: 'build' as const,
    configResolved(config: { root: string; build: { outDir: string } }) {
      outDir = resolve(config.root, config.build.outDir);
    },
    // After every file, public/ included, is on disk.
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
