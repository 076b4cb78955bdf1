/** A user's recent activity as tables: ledger, rounds, rewards, per-game stats, sessions and the login history. */
import { formatDate, formatSigned, type RouterOutputs } from '@casino/ui';
import { useState } from 'react';
import { type Column, DataTable, type Sort, sortRows } from '../../components/data-table';
import { formatMultiplier, formatNumber, ledgerReason, loginOutcome } from '../../lib/format';

type Detail = RouterOutputs['admin']['users']['get'];
type Ledger = Detail['recentLedger'][number];
type Round = Detail['recentRounds'][number];
type Reward = Detail['recentRewards'][number];
type Stat = Detail['stats'][number];
type Session = Detail['sessions'][number];
type Login = Detail['recentLogins'][number];

const LEDGER: Column<Ledger>[] = [
  { key: 'createdAt', header: 'When', sortable: true, cell: (e) => formatDate(e.createdAt) },
  { key: 'reason', header: 'What', sortable: true, cell: (e) => <span title={e.reason}>{ledgerReason(e.reason)}</span> },
  {
    key: 'delta',
    header: 'Change',
    numeric: true,
    sortable: true,
    cell: (e) => (
      <span className={e.delta >= 0 ? 'plus' : 'minus'}>
        {formatSigned(e.delta)} {e.currency}
      </span>
    ),
  },
  { key: 'balanceAfter', header: 'Balance after', numeric: true, cell: (e) => e.balanceAfter },
  { key: 'id', header: 'Entry', numeric: true, cell: (e) => e.id, wide: true },
];
const ROUNDS: Column<Round>[] = [
  { key: 'createdAt', header: 'When', cell: (r) => formatDate(r.createdAt) },
  { key: 'game', header: 'Game', cell: (r) => r.game },
  { key: 'bet', header: 'Bet', numeric: true, cell: (r) => r.bet },
  { key: 'payout', header: 'Payout', numeric: true, cell: (r) => r.payout },
  { key: 'result', header: 'Result', cell: (r) => r.result },
];
const REWARDS: Column<Reward>[] = [
  { key: 'createdAt', header: 'When', cell: (r) => formatDate(r.createdAt) },
  { key: 'source', header: 'Source', cell: (r) => r.description ?? ledgerReason(r.source) },
  { key: 'gold', header: 'Gold', numeric: true, cell: (r) => r.gold },
  { key: 'gems', header: 'Gems', numeric: true, cell: (r) => r.gems },
  { key: 'xp', header: 'XP', numeric: true, cell: (r) => r.xp },
];
const STATS: Column<Stat>[] = [
  { key: 'game', header: 'Game', cell: (s) => s.game },
  { key: 'totalBets', header: 'Rounds', numeric: true, cell: (s) => s.totalBets },
  { key: 'totalWins', header: 'Wins', numeric: true, cell: (s) => s.totalWins },
  { key: 'totalWagered', header: 'Wagered', numeric: true, cell: (s) => s.totalWagered },
  { key: 'totalPayout', header: 'Paid out', numeric: true, cell: (s) => s.totalPayout },
  { key: 'highestMultiplier', header: 'Best ×', numeric: true, cell: (s) => formatMultiplier(s.highestMultiplier) },
];
const SESSIONS: Column<Session>[] = [
  { key: 'createdAt', header: 'Started', cell: (s) => formatDate(s.createdAt) },
  { key: 'lastUsedAt', header: 'Last used', cell: (s) => formatDate(s.lastUsedAt) },
  {
    key: 'state',
    header: 'State',
    cell: (s) => (s.revokedAt ? `ended (${s.revokedReason ?? '—'})` : <span className="plus">active</span>),
  },
  { key: 'ip', header: 'IP', cell: (s) => s.ip ?? '—' },
  { key: 'device', header: 'Device', cell: (s) => <span className="small-text">{s.userAgent ?? '—'}</span>, wide: true },
];
const LOGINS: Column<Login>[] = [
  { key: 'createdAt', header: 'When', cell: (l) => formatDate(l.createdAt) },
  {
    key: 'outcome',
    header: 'Outcome',
    cell: (l) => <span className={l.success ? 'plus' : 'minus'}>{loginOutcome(l.success, l.reason)}</span>,
  },
  { key: 'ip', header: 'IP', cell: (l) => l.ip ?? '—' },
  { key: 'device', header: 'Device', cell: (l) => <span className="small-text">{l.userAgent ?? '—'}</span>, wide: true },
];

export function UserActivity({ detail }: { detail: Detail }) {
  const [ledgerSort, setLedgerSort] = useState<Sort>({ key: 'createdAt', dir: 'desc' });
  const ledger = sortRows(detail.recentLedger, ledgerSort, (e, k) => e[k as keyof Ledger]);
  return (
    <>
      <section className="card stack" data-testid="user-ledger">
        <h2>Recent ledger</h2>
        <DataTable
          caption="Recent ledger entries"
          rows={ledger}
          rowKey={(e) => e.id}
          columns={LEDGER}
          sort={ledgerSort}
          onSort={setLedgerSort}
          empty="No ledger entries."
          rowTestId="ledger-row"
        />
      </section>
      <section className="card stack">
        <h2>Game statistics</h2>
        <DataTable caption="Statistics per game" rows={detail.stats} rowKey={(s) => s.game} columns={STATS} empty="Has not played yet." />
      </section>
      <section className="card stack">
        <h2>Recent rounds</h2>
        <DataTable caption="Recent rounds" rows={detail.recentRounds} rowKey={(r) => r.id} columns={ROUNDS} empty="No rounds." />
      </section>
      <section className="card stack">
        <h2>Rewards</h2>
        <DataTable caption="Recent rewards" rows={detail.recentRewards} rowKey={(r) => r.id} columns={REWARDS} empty="No rewards yet." />
      </section>
      <section className="card stack">
        <h2>Sessions ({formatNumber(detail.activeSessions.length)} active)</h2>
        <DataTable caption="Sessions" rows={detail.sessions} rowKey={(s) => s.id} columns={SESSIONS} empty="No sessions." />
      </section>
      <section className="card stack" data-testid="login-history">
        <h2>Login history</h2>
        <DataTable
          caption="Login attempts"
          rows={detail.recentLogins}
          rowKey={(l) => l.id}
          columns={LOGINS}
          empty="No login attempts recorded."
          rowTestId="login-row"
        />
      </section>
    </>
  );
}
