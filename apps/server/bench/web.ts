/**
 * `pnpm bench web`: what the SPAs cost a phone on first load.
 *
 * 1. Builds both SPAs (`pnpm build:web`; `--no-build` reads the existing dist) and prints, per
 *    SPA, every asset of the first load — the entry script, the chunks its index.html preloads,
 *    the stylesheets — raw and gzip, the first-load gzip JS total, and the lazy chunks.
 * 2. Starts the real server in-process (production settings, fresh PostgreSQL database, Redis
 *    prefix) serving those builds, and runs Lighthouse (performance only, its default mobile
 *    profile: mid-tier phone, simulated slow 4G and 4× CPU) in Debian Chromium on the player's
 *    login page and on the home page of a signed-in player: first one warm-up run per page that
 *    is not counted (it takes the server's first answers of a fresh process — JIT, pool, first
 *    queries), then `--runs` runs each, every one a cold first load for the browser (HTTP cache
 *    cleared). Prints each run with the machine's 1-minute load average — TBT is the page's real
 *    main-thread time scaled by 4, so other processes on a shared machine inflate it (a signed-in
 *    run scored 44 and 80 beside 94–96 at load 6 on 2 cores) — then the median run's score and
 *    FCP, LCP, TBT, CLS, Speed Index and TTI.
 *
 * Figures only — nothing here fails on a slow result (the budget is in README.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleReport, kb, printBundle } from './lib/bundle';
import { createBenchDatabase, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, deleteRedisPrefix, redactUrl } from './lib/infra';
import { formatRun, type LighthouseRun, launchChrome, lighthouseRun, median, seedLocalStorage } from './lib/lighthouse';
import { createPlayers } from './lib/players';
import { type BenchServer, startBenchServer } from './lib/server';

export const description = 'SPA first-load bundle sizes (raw and gzip) and Lighthouse mobile performance of the player SPA';

export const usage = `pnpm bench web [--no-build] [--no-lighthouse] [--runs 3]

  --no-build       measure the existing apps/web/dist and apps/admin/dist instead of building them
  --no-lighthouse  bundle sizes only (no server, database or browser needed)
  --runs           Lighthouse runs per page (after one uncounted warm-up run); each run and the median run (by score) are printed

  Chromium: CHROMIUM_PATH (default /usr/bin/chromium). PostgreSQL server: DATABASE_URL (default
  ${DEFAULT_DATABASE_URL}); a fresh database is created and dropped afterwards. Redis: REDIS_URL
  (default ${DEFAULT_REDIS_URL}); keys under a per-run prefix, deleted afterwards.`;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PLAYER_TOKENS_KEY = 'casino.tokens'; // apps/web/src/lib/spa.ts

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      'no-build': { type: 'boolean', default: false },
      'no-lighthouse': { type: 'boolean', default: false },
      runs: { type: 'string', default: '3' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 15) throw new Error(`--runs must be an integer in 1..15\n\n${usage}`);
  return { build: !values['no-build'], lighthouse: !values['no-lighthouse'], runs };
}

function buildSpas() {
  console.log('building both SPAs (pnpm build:web)…');
  const r = spawnSync('pnpm', ['build:web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`pnpm build:web failed (exit ${r.status})`);
}

async function lighthousePages(runs: number) {
  const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromePath)) throw new Error(`Chromium not found at ${chromePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  const serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const db = await createBenchDatabase(serverUrl);
  const redisPrefix = `bench:${db.name}:`;
  console.log(`\nLighthouse (performance, default mobile profile: mid-tier phone, simulated slow 4G, 4× CPU), median of ${runs}`);
  console.log(`  database ${redactUrl(db.url)} (fresh), redis ${redactUrl(redisUrl)} (prefix ${redisPrefix}), ${chromePath}`);
  let server: BenchServer | null = null;
  const chrome = await launchChrome(chromePath);
  try {
    server = await startBenchServer({ databaseUrl: db.url, redisUrl, redisPrefix });
    const origin = server.baseUrl;
    const [player] = await createPlayers(server.deps, { tag: 'lh', count: 1, gold: 1000 });
    if (!player) throw new Error('no bench player');
    const tokens = JSON.stringify({ accessToken: player.accessToken, refreshToken: player.refreshToken });
    const pages: { name: string; url: string; tokens: string | null }[] = [
      { name: 'player login (signed out)', url: `${origin}/`, tokens: null },
      { name: 'player home (signed in)', url: `${origin}/#/home`, tokens },
    ];
    for (const page of pages) {
      const results: LighthouseRun[] = [];
      for (let i = 0; i <= runs; i++) {
        await seedLocalStorage(chrome.port, origin, PLAYER_TOKENS_KEY, page.tokens);
        const r = await lighthouseRun(chrome.port, page.url, true);
        const load = loadavg()[0]?.toFixed(1);
        console.log(`    ${(i === 0 ? 'warm-up' : `run ${i}`).padEnd(25)} ${formatRun(r)}  load ${load}`);
        if (i > 0) results.push(r);
      }
      const m = median(results);
      console.log(`  ${page.name.padEnd(27)} ${formatRun(m)}   (scores: ${results.map((r) => r.score).join(', ')})`);
    }
  } finally {
    await chrome.kill();
    await server?.close();
    await deleteRedisPrefix(redisUrl, redisPrefix).catch((e: Error) => console.error(`redis cleanup failed: ${e.message}`));
    await db.drop().catch((e: Error) => console.error(`could not drop ${db.name}: ${e.message}`));
  }
}

export async function run(argv: string[]): Promise<void> {
  const opt = options(argv);
  if (opt.build) buildSpas();
  const player = printBundle('player SPA (apps/web/dist)', bundleReport(resolve(root, 'apps/web/dist')));
  const admin = printBundle('admin SPA (apps/admin/dist)', bundleReport(resolve(root, 'apps/admin/dist')));
  console.log(`\nfirst-load gzip JS: player ${kb(player)}, admin ${kb(admin)}`);
  if (opt.lighthouse) await lighthousePages(opt.runs);
}
