/**
 * One crash round's life on this page, merged from every source the server offers:
 * games.crash.current (on load, on (re)connect and while a round runs — so a reload resumes
 * the round), the games.crash.onRound stream (start, ticks, settlement), and the bet and
 * cashout answers. A round that ended while nothing was listening is looked up in the
 * round records, so the page always ends on the server's result.
 */
import { appErrorOf, useTRPC, useTRPCClient } from '@casino/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSetBalance } from '../../lib/balance';
import { knows, type Round, type Settlement, settle, settlementOfEvent, settlementOfRecord } from './crash-state';
import { serverClock } from './server-clock';

export function useCrashRound() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const setBalance = useSetBalance();
  const [round, setRoundState] = useState<Round>({ phase: 'idle' });
  const ref = useRef(round);
  const setRound = useCallback((next: Round) => {
    ref.current = next;
    setRoundState(next);
  }, []);

  const current = useQuery({
    queryKey: trpc.games.crash.current.queryKey(),
    queryFn: async () => {
      const sent = Date.now();
      const res = await client.games.crash.current.query();
      serverClock.fromRoundTrip(res.serverNow.getTime(), sent, Date.now());
      return res;
    },
    staleTime: 0,
    refetchInterval: round.phase === 'running' ? 2500 : false,
  });

  const settled = useCallback(
    (gameId: string, s: Settlement, balance?: number) => {
      setRound(settle(ref.current, gameId, s));
      if (typeof balance === 'number') setBalance('gold', balance);
      void queryClient.invalidateQueries(trpc.games.fairness.rounds.pathFilter());
    },
    [queryClient, trpc, setBalance, setRound],
  );

  /** The server no longer has the round in play: take its result from the round records. */
  const reconcile = useCallback(
    async (gameId: string) => {
      const page = await queryClient.fetchQuery({ ...trpc.games.fairness.rounds.queryOptions({ game: 'crash', limit: 10 }), staleTime: 0 });
      const row = page.items.find((r) => r.id === gameId);
      const s = row && settlementOfRecord(row);
      if (!s || ref.current.phase !== 'running' || ref.current.gameId !== gameId) return;
      settled(gameId, s);
      void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
    },
    [queryClient, trpc, settled],
  );

  useEffect(() => {
    const data = current.data;
    if (!data) return;
    const s = data.session;
    const r = ref.current;
    if (s && !knows(r, s.gameId, s.startedAt.getTime())) {
      setRound({ phase: 'running', gameId: s.gameId, bet: s.bet, autoCashout: s.autoCashout, startedAtMs: s.startedAt.getTime() });
    } else if (!s && r.phase === 'running') {
      void reconcile(r.gameId).catch(() => {});
    }
  }, [current.data, reconcile, setRound]);

  const onEvent = (ev: Record<string, unknown> & { kind: string; gameId: string }) => {
    const r = ref.current;
    if (ev.kind === 'start') {
      const startedAtMs = new Date(String(ev.startedAt)).getTime();
      if (!knows(r, ev.gameId, startedAtMs)) {
        const autoCashout = typeof ev.autoCashout === 'number' ? ev.autoCashout : null;
        setRound({ phase: 'running', gameId: ev.gameId, bet: Number(ev.bet), autoCashout, startedAtMs });
      }
    } else if (ev.kind === 'tick') {
      serverClock.fromPush(new Date(String(ev.serverNow)).getTime(), Date.now());
      if (r.phase === 'idle' || r.gameId !== ev.gameId) void current.refetch({ cancelRefetch: false });
    } else {
      const s = settlementOfEvent(ev);
      if (s) settled(ev.gameId, s, typeof ev.balance === 'number' ? ev.balance : undefined);
    }
  };

  const live = useSubscription(
    trpc.games.crash.onRound.subscriptionOptions(undefined, {
      onData: (tracked) => onEvent(tracked.data),
      // Whatever happened while the stream was down is in `current` now.
      onStarted: () => void current.refetch(),
    }),
  );

  /** The bet's answer; the start event may have come first, the settlement too (then its balance is newer). */
  const placed = useCallback(
    (res: { gameId: string; startedAt: Date; balance: number; autoCashout: number | null }, bet: number) => {
      const r = ref.current;
      if (r.phase === 'settled' && r.gameId === res.gameId) return;
      setBalance('gold', res.balance);
      const startedAtMs = res.startedAt.getTime();
      if (!knows(r, res.gameId, startedAtMs))
        setRound({ phase: 'running', gameId: res.gameId, bet, autoCashout: res.autoCashout, startedAtMs });
    },
    [setBalance, setRound],
  );

  /** A refused cashout still tells how the round ended. */
  const cashoutFailed = useCallback(
    (error: unknown, gameId: string) => {
      const app = appErrorOf(error);
      if (app?.reason === 'crash_busted' || app?.reason === 'crash_expired') {
        const crashPoint = typeof app.crashPoint === 'number' ? app.crashPoint : null;
        const status = app.reason === 'crash_busted' ? 'busted' : 'expired';
        settled(gameId, { status, multiplier: crashPoint ?? 1, crashPoint, payout: 0 });
      } else if (app?.reason === 'crash_not_found') {
        void reconcile(gameId).catch(() => {});
      }
    },
    [settled, reconcile],
  );

  return {
    round,
    settled,
    placed,
    cashoutFailed,
    resume: () => void current.refetch({ cancelRefetch: false }),
    available: current.data?.available ?? true,
    live: live.status,
    loading: current.isPending,
  };
}
