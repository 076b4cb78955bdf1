/**
 * Reads a V8 .cpuprofile of the bundled server (node --cpu-prof) and prints where the
 * samples of a time window went: self time by leaf function, grouped by what it is (socket
 * writes, Drizzle, postgres.js, tRPC, GC, …). Frames of dist/main.js are mapped back to
 * their sources with its source map (node:module SourceMap), so bundled packages are told apart.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type Node = { id: number; callFrame: Frame };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const GROUPS: [string, (name: string, src: string) => boolean][] = [
  ['GC', (n) => n === '(garbage collector)'],
  ['idle', (n) => n === '(idle)'],
  ['V8 (program)', (n) => n === '(program)'],
  [
    'socket writes',
    (n, s) =>
      /^(writev?|writeBuffer|writeUtf8String|writeLatin1String|writeAsciiString|writeGeneric|writevGeneric|handleWriteReq)$/.test(n) ||
      s.startsWith('node:internal/stream_base_commons'),
  ],
  ['Drizzle (SQL building, row mapping)', (_, s) => s.includes('drizzle-orm')],
  ['postgres.js (protocol)', (_, s) => /node_modules\/(\.pnpm\/)?postgres[@/]/.test(s)],
  ['ioredis', (_, s) => /ioredis|redis-parser|denque|cluster-key-slot/.test(s)],
  ['tRPC', (_, s) => s.includes('@trpc')],
  ['superjson', (_, s) => s.includes('superjson')],
  ['zod', (_, s) => /node_modules\/(\.pnpm\/)?zod[@/]/.test(s)],
  ['Fastify', (_, s) => /fastify|find-my-way|light-my-request|avvio|fast-json-stringify|@fastify/.test(s)],
  ['logging (pino)', (_, s) => /pino|sonic-boom|thread-stream/.test(s)],
  ['JWT', (_, s) => /fast-jwt|jose/.test(s)],
  ['prom-client', (_, s) => s.includes('prom-client')],
  ['rate limiter', (_, s) => s.includes('rate-limiter-flexible')],
  ['app: @casino/api', (_, s) => s.includes('packages/api/')],
  ['app: @casino/shared', (_, s) => s.includes('packages/shared/')],
  ['app: @casino/db', (_, s) => s.includes('packages/db/')],
  ['app: server', (_, s) => s.includes('apps/server/src')],
  [
    'Request objects (undici, AbortController: the tRPC adapter)',
    (_, s) => /node:internal\/(deps\/undici|abort_controller|webstreams|worker\/js_transferable)/.test(s),
  ],
  ['Node internals', (_, s) => s.startsWith('node:')],
  ['native', (_, s) => s === ''],
];

export type ProfileSummary = {
  samples: number;
  busy: number;
  windowed: boolean;
  groups: [string, number][];
  top: [string, string, number][];
};

/** Window bounds in the profile's clock: µs of CLOCK_MONOTONIC, i.e. process.hrtime.bigint() / 1000 in any process. */
export function summarizeProfile(file: string, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const maps = new Map<string, SourceMap | null>();
  const sourceOf = (f: Frame): string => {
    if (!f.url.endsWith('.js') || !f.url.startsWith('file://')) return f.url;
    if (!maps.has(f.url)) {
      try {
        maps.set(f.url, new SourceMap(JSON.parse(readFileSync(`${new URL(f.url).pathname}.map`, 'utf8'))));
      } catch {
        maps.set(f.url, null);
      }
    }
    const entry = maps.get(f.url)?.findEntry(f.lineNumber, f.columnNumber) as { originalSource?: string } | undefined;
    // Packages ship their own maps (to ../src/…): keep the file's path beside its source.
    return entry?.originalSource && f.url.endsWith('/dist/main.js') ? entry.originalSource : f.url;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const inWindow = window && profile.startTime <= window.fromUs && window.toUs <= profile.endTime + 1_000_000 ? window : undefined;
  const counts = new Map<number, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (inWindow && (t < inWindow.fromUs || t > inWindow.toUs)) return;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  const groups = new Map<string, number>();
  const fns = new Map<string, [string, number]>();
  let samples = 0;
  for (const [id, n] of counts) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    samples += n;
    const src = sourceOf(f);
    const group = GROUPS.find(([, test]) => test(f.functionName, src))?.[0] ?? 'other packages';
    groups.set(group, (groups.get(group) ?? 0) + n);
    const short = src.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^.*?(packages|apps)\//, '$1/');
    const key = `${f.functionName || '(anonymous)'} ${short}`;
    const prev = fns.get(key);
    fns.set(key, [group, (prev?.[1] ?? 0) + n]);
  }
  const idle = groups.get('idle') ?? 0;
  return {
    samples,
    busy: samples - idle,
    windowed: inWindow !== undefined,
    groups: [...groups].filter(([g]) => g !== 'idle').sort((a, b) => b[1] - a[1]),
    top: [...fns]
      .filter(([, [g]]) => g !== 'idle')
      .map(([k, [g, n]]) => [k, g, n] as [string, string, number])
      .sort((a, b) => b[2] - a[2])
      .slice(0, 20),
  };
}

export function profileLines(s: ProfileSummary): string[] {
  const share = (n: number) => `${((n / Math.max(1, s.busy)) * 100).toFixed(1)}%`.padStart(6);
  return [
    `  profile  ${s.busy} busy samples${s.windowed ? ' in the measured window' : ' over the whole run (window not found)'} (idle left out); self time by group:`,
    ...s.groups.map(([g, n]) => `           ${share(n)}  ${g}`),
    '           top functions (self time):',
    ...s.top.map(([k, g, n]) => `           ${share(n)}  ${k}  [${g}]`),
  ];
}
