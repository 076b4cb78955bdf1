import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { formatAmount, formatMultiplier, formatNumber, formatPercent, formatPercentValue } from '../../lib/format';
import { AdminOnly } from '../../lib/role';
import { GachaConfig } from './gacha-config';
import { RecalculateStats } from './recalculate-stats';
import { SlotConfig } from './slot-config';

/** Read-only: the configuration each game runs with now (admin.games.config). */
export function ConfigInForce() {
  const trpc = useTRPC();
  const config = useQuery(trpc.admin.games.config.queryOptions());

  return (
    <div className="stack" data-testid="games-in-force">
      {config.data && (
        <p className="muted small-text" data-testid="config-version">
          Version {config.data.slot.version} is in force on every server.
        </p>
      )}
      {config.isPending && <Loading />}
      <ErrorBanner error={config.error} />
      {config.data && (
        <>
          <SlotConfig slot={config.data.slot} />
          <GachaConfig gacha={config.data.gacha} />
          <div className="grid-2">
            <section className="card stack" data-testid="config-rps">
              <h2>Rock-paper-scissors</h2>
              <dl className="facts">
                <dt>House edge</dt>
                <dd>{formatPercentValue(config.data.rps.houseEdgePercent, 2)}</dd>
                <dt>RTP</dt>
                <dd>{formatPercent(config.data.rps.rtp)}</dd>
                <dt>Bets</dt>
                <dd>
                  {formatNumber(config.data.rps.minBet)}–{formatAmount(config.data.rps.maxBet, 'gold')}
                </dd>
              </dl>
            </section>
            <section className="card stack" data-testid="config-crash">
              <h2>Crash</h2>
              <dl className="facts">
                <dt>House edge</dt>
                <dd>{formatPercentValue(config.data.crash.houseEdgePercent, 2)}</dd>
                <dt>RTP</dt>
                <dd>{formatPercent(config.data.crash.rtp)}</dd>
                <dt>Bets</dt>
                <dd>
                  {formatNumber(config.data.crash.minBet)}–{formatAmount(config.data.crash.maxBet, 'gold')}
                </dd>
                <dt>Max win</dt>
                <dd>{formatMultiplier(config.data.crash.maxWinMultiplier)} the bet</dd>
                <dt>Round expiry</dt>
                <dd>{formatNumber(Math.round(config.data.crash.roundTtlMs / 1000))} s</dd>
              </dl>
            </section>
          </div>
          <p className="muted small-text">Big-win threshold: {formatNumber(config.data.bigWinThresholdGold)} gold.</p>
        </>
      )}
      <AdminOnly>
        <RecalculateStats />
      </AdminOnly>
    </div>
  );
}
