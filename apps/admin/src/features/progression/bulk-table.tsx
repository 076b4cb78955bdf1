import { formatCount, formatNumber } from '../../lib/format';
import type { CsvLine } from './bulk-csv';

export type LineStatus = { ok: boolean; text: string; nickname?: string | undefined };

/** The lines with their per-line status, and totals of what the passing lines grant. */
export function BulkTable({ lines, statuses }: { lines: CsvLine[]; statuses: Map<number, LineStatus> }) {
  const ok = lines.filter((l) => statuses.get(l.line)?.ok);
  const sum = (k: 'gold' | 'gems' | 'itemQty') => ok.reduce((n, l) => n + l[k], 0);
  return (
    <>
      <p className="small-text" data-testid="bulk-totals">
        {formatCount(lines.length, 'line')} · <span className="ok-text">{formatNumber(ok.length)} ok</span> ·{' '}
        {formatNumber(lines.length - ok.length)} with errors — passing lines grant {formatNumber(sum('gold'))} gold,{' '}
        {formatNumber(sum('gems'))} gems, {formatNumber(sum('itemQty'))} items to {new Set(ok.map((l) => l.userId)).size} players
      </p>
      <div className="table-wrap">
        <table className="table bulk-table">
          <thead>
            <tr>
              <th>Line</th>
              <th>Player</th>
              <th className="num">Gold</th>
              <th className="num">Gems</th>
              <th>Item</th>
              <th>Description</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => {
              const s = statuses.get(l.line);
              return (
                <tr key={l.line} data-testid="bulk-row" data-line={l.line} data-status={s ? (s.ok ? 'ok' : 'error') : 'pending'}>
                  <td>{l.line}</td>
                  <td>
                    {l.userId ?? '—'}
                    {s?.nickname && <div className="muted small-text">{s.nickname}</div>}
                  </td>
                  <td className="num">{l.gold ? formatNumber(l.gold) : ''}</td>
                  <td className="num">{l.gems ? formatNumber(l.gems) : ''}</td>
                  <td className="mono small-text">{l.itemId ? `${l.itemId} ×${l.itemQty}` : ''}</td>
                  <td className="small-text">{l.description}</td>
                  <td className={s ? (s.ok ? 'ok-text' : 'bad-text') : 'muted'} data-testid="bulk-status">
                    {s ? s.text : '…'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
