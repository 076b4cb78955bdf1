import { formatDate, formatNumber, type RouterOutputs } from '@casino/ui';
import { hrefFor } from '../../lib/router';

type CrashRound = RouterOutputs['admin']['crash']['sessions'][number];

const x = (m: number | null) => (m === null ? '—' : `${m.toFixed(2)}×`);

/** One crash round as the audit needs it: who, stake, target, fate, and when it was settled. */
export function CrashRoundRow({ round: r }: { round: CrashRound }) {
  const net = r.payout - r.bet;
  return (
    <li className="card stack tight" data-testid="crash-round" data-status={r.status}>
      <div className="row between">
        <a href={hrefFor({ name: 'user', userId: r.userId })}>
          <strong>{r.nickname}</strong>{' '}
          <span className="muted small-text">
            #{r.userId} · {r.siteId}
          </span>
        </a>
        <span className={`badge crash-${r.status}`}>{r.status}</span>
      </div>
      <dl className="facts compact">
        <dt>Bet</dt>
        <dd>
          {formatNumber(r.bet)} gold{r.autoCashout !== null && ` · auto at ${x(r.autoCashout)}`}
        </dd>
        <dt>Crash point</dt>
        <dd data-testid="crash-point">{r.status === 'active' ? 'hidden while in play' : x(r.crashPoint)}</dd>
        <dt>Cash-out</dt>
        <dd>{x(r.cashoutMultiplier)}</dd>
        <dt>Payout</dt>
        <dd>
          {formatNumber(r.payout)}{' '}
          {r.status !== 'active' && (
            <span className={net >= 0 ? 'plus' : 'minus'}>({net >= 0 ? `+${formatNumber(net)}` : formatNumber(net)})</span>
          )}
        </dd>
        <dt>Started</dt>
        <dd>{formatDate(r.startedAt)}</dd>
        <dt>{r.settledAt ? 'Settled' : 'Due / expires'}</dt>
        <dd>{r.settledAt ? formatDate(r.settledAt) : `${formatDate(r.dueAt)} / ${formatDate(r.expiresAt)}`}</dd>
      </dl>
      <p className="muted small-text mono">
        {r.id} · seed #{r.seedId} · nonce {r.nonce}
      </p>
    </li>
  );
}
