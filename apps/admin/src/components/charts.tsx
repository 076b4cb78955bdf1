/**
 * A thin wrapper over recharts for the admin console's plots: one series of labelled points
 * as a line, an area or bars, in the console's colours, with a caption and a text summary
 * for screen readers. Import it only from lazily loaded screens: recharts is a big chunk.
 */
import type { ReactNode } from 'react';
import './charts.css';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../lib/format';

export type ChartPoint = { label: string; value: number };
export type ChartKind = 'line' | 'area' | 'bar';

const AXIS = { stroke: '#a39fbd', fontSize: 12 };
const GRID = '#29253f';
const TOOLTIP_STYLE = { background: '#1f1c30', border: '1px solid #29253f', borderRadius: 8, color: '#f2f0fa' };
const plain = formatNumber;

export type SeriesChartProps = {
  title: string;
  points: ChartPoint[];
  kind?: ChartKind;
  /** The series' name in the tooltip (defaults to the title). */
  name?: string;
  color?: string;
  height?: number;
  /** Axis ticks. */
  formatValue?: (n: number) => string;
  /** Tooltip and summary (defaults to formatValue). */
  formatTooltip?: (n: number) => string;
  /** Shown instead of the plot when there are no points. */
  empty?: ReactNode;
  /** Extra line under the title (e.g. the last value). */
  note?: ReactNode;
  testId?: string;
};

export function SeriesChart({
  title,
  points,
  kind = 'line',
  name = title,
  color = '#f5c542',
  height = 220,
  formatValue = plain,
  formatTooltip = formatValue,
  empty = 'No data yet.',
  note,
  testId,
}: SeriesChartProps) {
  const last = points.at(-1);
  const summary = last ? `${title}: ${points.length} points, latest ${formatTooltip(last.value)} (${last.label}).` : `${title}: no data.`;
  return (
    <figure className="card chart" data-testid={testId} data-points={points.length}>
      <figcaption className="chart-caption">
        <strong>{title}</strong>
        {note && <span className="muted small-text">{note}</span>}
      </figcaption>
      <p className="visually-hidden">{summary}</p>
      {points.length === 0 ? (
        <p className="muted chart-empty">{empty}</p>
      ) : (
        <div className="chart-plot" style={{ height }} aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            {renderChart(kind, points, { name, color, formatValue, formatTooltip })}
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}

function renderChart(
  kind: ChartKind,
  data: ChartPoint[],
  s: { name: string; color: string; formatValue: (n: number) => string; formatTooltip: (n: number) => string },
) {
  const common = (
    <>
      <CartesianGrid stroke={GRID} vertical={false} />
      <XAxis dataKey="label" tick={AXIS} stroke={AXIS.stroke} minTickGap={24} tickLine={false} />
      <YAxis tick={AXIS} stroke={AXIS.stroke} width={56} allowDecimals={false} tickFormatter={s.formatValue} tickLine={false} />
      <Tooltip
        contentStyle={TOOLTIP_STYLE}
        labelStyle={{ color: '#a39fbd' }}
        formatter={(v) => [s.formatTooltip(Number(v)), s.name]}
        cursor={{ fill: 'rgb(245 197 66 / 0.08)' }}
      />
    </>
  );
  const margin = { top: 8, right: 8, bottom: 0, left: 0 };
  if (kind === 'bar') {
    return (
      <BarChart data={data} margin={margin}>
        {common}
        <Bar dataKey="value" name={s.name} fill={s.color} radius={[4, 4, 0, 0]} isAnimationActive={false} />
      </BarChart>
    );
  }
  if (kind === 'area') {
    return (
      <AreaChart data={data} margin={margin}>
        {common}
        <Area dataKey="value" name={s.name} type="monotone" stroke={s.color} fill={s.color} fillOpacity={0.18} isAnimationActive={false} />
      </AreaChart>
    );
  }
  return (
    <LineChart data={data} margin={margin}>
      {common}
      <Line dataKey="value" name={s.name} type="monotone" stroke={s.color} strokeWidth={2} dot={false} isAnimationActive={false} />
    </LineChart>
  );
}
