/** Runs pgbench with a custom script file and parses its summary. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type PgbenchOptions = {
  /** libpq connection string or postgres:// URL. */
  url: string;
  /** Contents of the custom script (-f). */
  script: string;
  clients: number;
  threads: number;
  durationSec: number;
  /** -D name=value */
  vars?: Record<string, string | number>;
  protocol?: 'simple' | 'extended' | 'prepared';
};

export type PgbenchResult = {
  tps: number;
  transactions: number;
  failed: number;
  latencyAvgMs: number | null;
  /** From pgbench's per-transaction log (--log): the tail PostgreSQL alone gives at this load. */
  latencyP99Ms: number | null;
  output: string;
};

/** $PGBENCH, else PostgreSQL 15's Debian location, else whatever is on PATH. */
export function pgbenchBinary(): string {
  if (process.env.PGBENCH) return process.env.PGBENCH;
  const debian = '/usr/lib/postgresql/15/bin/pgbench';
  return existsSync(debian) ? debian : 'pgbench';
}

/** The 99th percentile of the latency column (µs, third field) of pgbench's per-transaction log files. */
export async function logP99Ms(dir: string, prefix: string): Promise<number | null> {
  const latencies: number[] = [];
  for (const name of await readdir(dir)) {
    if (!name.startsWith(prefix)) continue;
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (line && Number.isFinite(us)) latencies.push(us);
    }
  }
  if (!latencies.length) return null;
  latencies.sort((a, b) => a - b);
  return (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] as number) / 1000;
}

export function parsePgbenchOutput(output: string): Omit<PgbenchResult, 'output' | 'latencyP99Ms'> {
  const num = (re: RegExp) => {
    const m = re.exec(output);
    return m?.[1] === undefined ? null : Number(m[1]);
  };
  const tps = num(/^tps = ([\d.]+) \(without initial connection time\)/m) ?? num(/^tps = ([\d.]+)/m);
  const transactions = num(/^number of transactions actually processed: (\d+)/m);
  if (tps === null || transactions === null) throw new Error(`could not parse pgbench output:\n${output}`);
  return {
    tps,
    transactions,
    failed: num(/^number of failed transactions: (\d+)/m) ?? 0,
    latencyAvgMs: num(/^latency average = ([\d.]+) ms/m),
  };
}

export async function runPgbench(opts: PgbenchOptions): Promise<PgbenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'casino-pgbench-'));
  try {
    const file = join(dir, 'script.sql');
    await writeFile(file, opts.script);
    const args = [
      '--no-vacuum',
      `--file=${file}`,
      `--client=${opts.clients}`,
      `--jobs=${opts.threads}`,
      `--time=${opts.durationSec}`,
      `--protocol=${opts.protocol ?? 'prepared'}`,
      '--log',
      `--log-prefix=${join(dir, 'txlog')}`,
      ...Object.entries(opts.vars ?? {}).map(([k, v]) => `--define=${k}=${v}`),
      opts.url,
    ];
    const bin = pgbenchBinary();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
      });
      child.on('error', (err) => reject(new Error(`cannot start ${bin}: ${err.message}`)));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    if (code !== 0) throw new Error(`pgbench exited with ${code}:\n${stderr.trim()}\n${stdout.trim()}`);
    return { ...parsePgbenchOutput(stdout), latencyP99Ms: await logP99Ms(dir, 'txlog'), output: stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
