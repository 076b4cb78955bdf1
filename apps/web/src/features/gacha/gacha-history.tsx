import { ErrorBanner, formatDate, formatNumber, Loading, MoreButton, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { RARITY_LABEL } from '../../lib/games';

type Outcome = { count?: number; items?: { rarity: string; animationType: string }[] };

/** "1 Epic · 2 Rare · 7 Common", best first. */
function summary(outcome: Outcome): string {
  const counts = new Map<string, number>();
  for (const p of outcome.items ?? []) counts.set(p.rarity, (counts.get(p.rarity) ?? 0) + 1);
  return ['legendary', 'epic', 'rare', 'common']
    .filter((r) => counts.has(r))
    .map((r) => `${counts.get(r)} ${RARITY_LABEL[r]}`)
    .join(' · ');
}

export function GachaHistory() {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.games.gacha.history.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const rows = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card stack" data-testid="gacha-history">
      <h2>History</h2>
      {history.isPending && <Loading />}
      <ErrorBanner error={history.error} />
      {history.isSuccess && rows.length === 0 && <p className="muted">No pulls yet.</p>}
      <ul className="ledger">
        {rows.map((r) => {
          const o = (r.outcome ?? {}) as Outcome;
          const pity = o.items?.some((p) => p.animationType === 'pity');
          return (
            <li key={r.id} data-testid="gacha-history-row">
              <div className="ledger-main">
                <span>
                  {o.count ?? o.items?.length ?? 1}× pull{pity ? ' · pity' : ''}
                </span>
                <span className="minus">
                  −{formatNumber(r.cost)} {r.currency}
                </span>
              </div>
              <div className="ledger-sub muted">
                <span>{summary(o)}</span>
                <span>{formatDate(r.createdAt)}</span>
              </div>
            </li>
          );
        })}
      </ul>
      <MoreButton list={history} label="Show more" />
    </section>
  );
}
