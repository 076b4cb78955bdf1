/**
 * The subscribers of `pnpm bench live`, in a process of their own (forked by live.ts, over
 * IPC): one economy.live SSE stream per player (topics: ADMIN_BROADCAST), spread round-robin
 * over the instances, read with plain fetch. For each broadcast round it records when every
 * event arrived against when it was published (its Redis stream id's milliseconds) and when
 * it was written (the outbox time, the envelope's `at`), and counts duplicates and misses.
 */

import { openSse, type SseStream } from '../test/sse';
import { type LatencySummary, summarize } from './lib/latency';
import type { BenchPlayer } from './lib/players';

export type LiveLoadParams = { urls: string[]; players: Pick<BenchPlayer, 'userId' | 'accessToken'>[]; openConcurrency: number };

export type RoundResult = {
  round: number;
  delivered: number;
  missing: number;
  duplicates: number;
  /** From the broadcast call's start to the last event received. */
  spanMs: number;
  lastReceivedAt: number;
  /** Receive time − publish time (Redis stream id). */
  publishLag: LatencySummary;
  /** Receive time − write time (the outbox row's `at`). */
  writeLag: LatencySummary;
};

/** `reopened`: streams the server ended (e.g. an open refused under a burst) that were reopened with their last event id. */
export type LiveLoadResult = { rounds: RoundResult[]; streamsEnded: number; reopened: number; cpu: number };

export type LiveParentMessage =
  | { type: 'init'; params: LiveLoadParams }
  | { type: 'round'; round: number; startedAt: number }
  /** Waits until every player has these rounds (or the timeout), answers with them; `final` then closes the streams. */
  | { type: 'report'; rounds: number[]; timeoutMs: number; final: boolean };
export type LiveChildMessage =
  | { type: 'connected'; ms: number; failed: number; errors: string[] }
  | { type: 'result'; result: LiveLoadResult }
  | { type: 'fatal'; error: string };

const send = (msg: LiveChildMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send) throw new Error('live-load.ts must be forked by live.ts (no IPC channel)');
    process.send(msg, () => resolve());
  });

const streams: (SseStream | undefined)[] = [];
const roundStart = new Map<number, number>();
type Sample = { round: number; userId: number; receivedAt: number; publishedAt: number; writtenAt: number };
const samples: Sample[] = [];
let ended = 0;
const cpuStart = process.cpuUsage();
const wallStart = Date.now();

let stopping = false;
let reopened = 0;

/**
 * One player's stream, kept open as a client would: if the server ends it (e.g. it refused the
 * open with SERVICE_UNAVAILABLE under a burst), it is reopened after a short pause with the last
 * event id, so nothing is lost — the report counts misses and doubles all the same.
 */
async function keep(player: LiveLoadParams['players'][number], url: string, index: number, errors: string[]): Promise<void> {
  const s = await openSse(
    url,
    'economy.live',
    { topics: ['ADMIN_BROADCAST'], ...(lastIds[index] ? { lastEventId: lastIds[index] } : {}) },
    {
      token: player.accessToken,
      onEvent: (e) => {
        if (e.id) lastIds[index] = e.id;
        if (e.event === 'serialized-error' && errors.length < 5) errors.push(JSON.stringify(e.data).slice(0, 200));
        const d = e.data as { type?: string; data?: { title?: string }; at?: string } | undefined;
        const round = Number(/^bench (\d+)$/.exec(d?.data?.title ?? '')?.[1]);
        if (d?.type !== 'ADMIN_BROADCAST' || !Number.isFinite(round)) return;
        samples.push({
          round,
          userId: player.userId,
          receivedAt: e.receivedAt,
          publishedAt: Number(e.id?.split('-')[0]),
          writtenAt: Date.parse(d.at ?? ''),
        });
      },
    },
  );
  streams[index] = s;
  await s.next((e) => e.event === 'connected', 60_000);
  void s.ended.then(async () => {
    ended++;
    if (stopping) return;
    reopened++;
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
    await keep(player, url, index, errors).catch((err) => errors.push(String(err)));
  });
}

const lastIds: (string | undefined)[] = [];

async function connect(p: LiveLoadParams) {
  const t0 = performance.now();
  const errors: string[] = [];
  let failed = 0;
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < p.players.length; i = next++) {
      try {
        await keep(p.players[i] as LiveLoadParams['players'][number], p.urls[i % p.urls.length] as string, i, errors);
      } catch (err) {
        failed++;
        if (errors.length < 5) errors.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: p.openConcurrency }, lane));
  await send({ type: 'connected', ms: performance.now() - t0, failed, errors });
}

async function report(rounds: number[], expectedPerRound: number, timeoutMs: number, final: boolean): Promise<LiveLoadResult> {
  const deadline = Date.now() + timeoutMs;
  const count = (r: number) => samples.filter((s) => s.round === r).length;
  while (Date.now() < deadline && rounds.some((r) => count(r) < expectedPerRound)) await new Promise((res) => setTimeout(res, 100));
  const results: RoundResult[] = rounds.map((r) => {
    const mine = samples.filter((s) => s.round === r);
    const users = new Set(mine.map((s) => s.userId));
    const last = Math.max(...mine.map((s) => s.receivedAt));
    return {
      round: r,
      delivered: users.size,
      missing: expectedPerRound - users.size,
      duplicates: mine.length - users.size,
      spanMs: last - (roundStart.get(r) ?? Number.NaN),
      lastReceivedAt: last,
      publishLag: summarize(mine.map((s) => s.receivedAt - s.publishedAt)),
      writeLag: summarize(mine.map((s) => s.receivedAt - s.writtenAt)),
    };
  });
  const used = process.cpuUsage(cpuStart);
  if (final) {
    stopping = true;
    for (const s of streams) s?.close();
  }
  return { rounds: results, streamsEnded: ended, reopened, cpu: (used.user + used.system) / ((Date.now() - wallStart) * 1000) };
}

let params: LiveLoadParams | null = null;
process.on('message', (raw) => {
  const msg = raw as LiveParentMessage;
  const fail = async (err: unknown) => {
    await send({ type: 'fatal', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }).catch(() => {});
    process.exit(1);
  };
  if (msg.type === 'init') {
    params = msg.params;
    connect(msg.params).catch(fail);
  } else if (msg.type === 'round') roundStart.set(msg.round, msg.startedAt);
  else if (msg.type === 'report') {
    report(msg.rounds, params?.players.length ?? 0, msg.timeoutMs, msg.final).then(async (result) => {
      await send({ type: 'result', result });
      if (msg.final) process.exit(0);
    }, fail);
  }
});
