import { formatDate, formatNumber, formatSigned, type RouterOutputs } from '@casino/ui';
import type { Column } from '../../components/data-table';
import { formatMultiplier } from '../../lib/format';
import { hrefFor } from '../../lib/router';

export type CrashRound = RouterOutputs['admin']['crash']['sessions'][number];

/** The crash-round table's columns: who, stake, target, fate, and when it was settled. */
export const CRASH_COLUMNS: Column<CrashRound>[] = [
  {
    key: 'nickname',
    header: 'Player',
    sortable: true,
    cell: (r) => (
      <a href={hrefFor({ name: 'user', userId: r.userId })}>
        <strong>{r.nickname}</strong> <span className="muted small-text">#{r.userId}</span>
      </a>
    ),
  },
  { key: 'status', header: 'Status', sortable: true, cell: (r) => <span className={`badge crash-${r.status}`}>{r.status}</span> },
  { key: 'bet', header: 'Bet', numeric: true, sortable: true, cell: (r) => r.bet },
  { key: 'autoCashout', header: 'Auto', numeric: true, wide: true, cell: (r) => formatMultiplier(r.autoCashout) },
  {
    key: 'crashPoint',
    header: 'Crash point',
    numeric: true,
    sortable: true,
    cell: (r) => <span data-testid="crash-point">{r.status === 'active' ? 'hidden' : formatMultiplier(r.crashPoint)}</span>,
  },
  { key: 'cashoutMultiplier', header: 'Cash-out', numeric: true, cell: (r) => formatMultiplier(r.cashoutMultiplier) },
  {
    key: 'payout',
    header: 'Payout',
    numeric: true,
    sortable: true,
    cell: (r) => {
      const net = r.payout - r.bet;
      return (
        <>
          {formatNumber(r.payout)}
          {r.status !== 'active' && <span className={net >= 0 ? 'plus small-text' : 'minus small-text'}> ({formatSigned(net)})</span>}
        </>
      );
    },
  },
  { key: 'startedAt', header: 'Started', sortable: true, cell: (r) => formatDate(r.startedAt) },
  {
    key: 'settledAt',
    header: 'Settled',
    wide: true,
    cell: (r) => (r.settledAt ? formatDate(r.settledAt) : `due ${formatDate(r.dueAt)}`),
  },
  {
    key: 'id',
    header: 'Round',
    wide: true,
    cell: (r) => (
      <span className="mono small-text" title={`seed #${r.seedId} · nonce ${r.nonce}`}>
        {r.id.slice(0, 8)}… · #{r.seedId}/{r.nonce}
      </span>
    ),
  },
];
