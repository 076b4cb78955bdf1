import { ErrorBanner, formatNumber, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { SoundToggle } from '../../components/sound-toggle';
import { useSetBalance } from '../../lib/balance';
import { GachaHistory } from './gacha-history';
import { Inventory } from './inventory';
import { OddsTable } from './odds-table';
import { PityMeter } from './pity-meter';
import { PullResults } from './pull-results';
import './gacha.css';

type Currency = 'gold' | 'gems';

export function GachaScreen({ gold, gems }: { gold: number; gems: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setBalance = useSetBalance();
  const config = useQuery(trpc.games.gacha.config.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const pity = useQuery(trpc.games.gacha.pity.queryOptions());
  const [currency, setCurrency] = useState<Currency>('gold');
  const pull = useMutation(
    trpc.games.gacha.pull.mutationOptions({
      onSuccess: (r) => {
        setBalance(r.currency, r.balance);
        queryClient.setQueryData(trpc.games.gacha.pity.queryKey(), (p) =>
          p ? { ...p, pityCounter: r.pityCounter, guaranteedWithin: r.guaranteedWithin } : p,
        );
        void queryClient.invalidateQueries(trpc.games.gacha.inventory.pathFilter());
        void queryClient.invalidateQueries(trpc.games.gacha.history.pathFilter());
      },
    }),
  );
  const names = useMemo(
    () => Object.fromEntries(Object.values(config.data?.items ?? {}).flatMap((list) => list.map((i) => [i.id, i.name]))),
    [config.data],
  );

  if (config.isPending) return <Loading />;
  if (config.isError) return <ErrorBanner error={config.error} />;
  const { costs } = config.data;
  const held = currency === 'gold' ? gold : gems;
  const button = (count: 1 | 10) => {
    const cost = count === 1 ? costs.single : costs.ten;
    return (
      <button
        type="button"
        className={count === 10 ? 'primary' : ''}
        disabled={pull.isPending || held < cost}
        onClick={() => pull.mutate({ count, currency })}
        data-testid={`gacha-pull-${count}`}
      >
        {count === 1 ? '1 pull' : '10 pulls'} · {formatNumber(cost)} {currency}
      </button>
    );
  };

  return (
    <div className="stack" data-testid="gacha-page">
      <div className="row between">
        <h1>Gacha</h1>
        <SoundToggle />
      </div>
      <section className="card stack">
        {pity.data ? (
          <PityMeter counter={pity.data.pityCounter} threshold={pity.data.threshold} within={pity.data.guaranteedWithin} />
        ) : (
          <ErrorBanner error={pity.error} />
        )}
        <fieldset className="segmented" disabled={pull.isPending}>
          <legend className="muted small-text">Pay with</legend>
          {(['gold', 'gems'] as const).map((c) => (
            <label key={c} className={currency === c ? 'on' : ''}>
              <input type="radio" name="currency" value={c} checked={currency === c} onChange={() => setCurrency(c)} />
              {c === 'gold' ? `Gold (${formatNumber(gold)})` : `Gems (${formatNumber(gems)})`}
            </label>
          ))}
        </fieldset>
        <div className="grid-2">
          {button(1)}
          {button(10)}
        </div>
        {held < costs.single && <p className="muted small-text">Not enough {currency} for a pull.</p>}
        <ErrorBanner error={pull.error} testId="gacha-error" />
        {pull.isPending && <Loading label="Pulling…" />}
        {pull.data && !pull.isPending && <PullResults pull={pull.data} />}
      </section>
      <OddsTable config={config.data} />
      <Inventory names={names} />
      <GachaHistory />
    </div>
  );
}
