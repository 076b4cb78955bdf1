/** Shapes admin.economy.flows for the chart (one column per day, one stacked series per reason) and the table. */
import type { RouterOutputs } from '@casino/ui';
import { ledgerReason } from '../../lib/format';

type Flows = RouterOutputs['admin']['economy']['flows'];
export type Currency = 'gold' | 'gems';

/** More reasons than this on one side are summed as "Other". */
const SHOWN = 5;

export type FlowSeries = { key: string; label: string; side: 'source' | 'sink' };
export type FlowTotals = { reason: string; label: string; credits: number; debits: number; entries: number };

export function flowTotals(flows: Flows, currency: Currency): FlowTotals[] {
  const byReason = new Map<string, FlowTotals>();
  for (const r of flows.rows) {
    if (r.currency !== currency) continue;
    const t = byReason.get(r.reason) ?? { reason: r.reason, label: ledgerReason(r.reason), credits: 0, debits: 0, entries: 0 };
    t.credits += r.credits;
    t.debits += r.debits;
    t.entries += r.entries;
    byReason.set(r.reason, t);
  }
  return [...byReason.values()].sort((a, b) => b.credits + b.debits - (a.credits + a.debits));
}

/**
 * Sources stack above zero and sinks below it, per day: the biggest reasons each get a series,
 * the rest share "Other sources" / "Other sinks".
 */
export function flowChart(flows: Flows, currency: Currency) {
  const totals = flowTotals(flows, currency);
  const top = (side: 'credits' | 'debits') =>
    totals
      .filter((t) => t[side] > 0)
      .sort((a, b) => b[side] - a[side])
      .slice(0, SHOWN)
      .map((t) => t.reason);
  const sources = top('credits');
  const sinks = top('debits');
  const series: FlowSeries[] = [
    ...sources.map((r) => ({ key: `in:${r}`, label: ledgerReason(r), side: 'source' as const })),
    { key: 'in:other', label: 'Other sources', side: 'source' },
    ...sinks.map((r) => ({ key: `out:${r}`, label: ledgerReason(r), side: 'sink' as const })),
    { key: 'out:other', label: 'Other sinks', side: 'sink' },
  ];
  const data = flows.days.map((day) => {
    const point: Record<string, number | string> = { day };
    for (const s of series) point[s.key] = 0;
    for (const r of flows.rows) {
      if (r.day !== day || r.currency !== currency) continue;
      if (r.credits) {
        const k = sources.includes(r.reason) ? `in:${r.reason}` : 'in:other';
        point[k] = Number(point[k]) + r.credits;
      }
      if (r.debits) {
        const k = sinks.includes(r.reason) ? `out:${r.reason}` : 'out:other';
        point[k] = Number(point[k]) - r.debits;
      }
    }
    return point;
  });
  // Series that are zero every day (e.g. no "other") are left out of the legend.
  const used = series.filter((s) => data.some((d) => d[s.key] !== 0));
  return { data, series: used };
}
