/** Sources above zero and sinks below it, stacked per day: where the currency came from and went to. */
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import '../../components/charts.css';
import { formatCompact, formatNumber } from '../../lib/format';
import type { FlowSeries } from './flows';

const SOURCE_COLORS = ['#4ade80', '#22c55e', '#86efac', '#15803d', '#bbf7d0', '#a3a3a3'];
const SINK_COLORS = ['#f87171', '#ef4444', '#fca5a5', '#b91c1c', '#fecaca', '#737373'];
const AXIS = { stroke: '#a39fbd', fontSize: 12 };
const TOOLTIP_STYLE = { background: '#1f1c30', border: '1px solid #29253f', borderRadius: 8, color: '#f2f0fa' };
const plain = (n: number) => formatNumber(Math.abs(n));
const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function FlowsChart({ data, series, unit }: { data: Record<string, number | string>[]; series: FlowSeries[]; unit: string }) {
  let sourceIndex = 0;
  let sinkIndex = 0;
  const colored = series.map((s) => {
    const other = s.key.endsWith(':other');
    const palette = s.side === 'source' ? SOURCE_COLORS : SINK_COLORS;
    const color = other ? (palette.at(-1) as string) : (palette[s.side === 'source' ? sourceIndex++ : sinkIndex++] as string);
    return { ...s, color };
  });
  return (
    <div className="chart-plot flows-plot" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#29253f" vertical={false} />
          <XAxis
            dataKey="day"
            tick={AXIS}
            stroke={AXIS.stroke}
            tickLine={false}
            minTickGap={16}
            tickFormatter={(d: string) => day.format(new Date(`${d}T00:00:00Z`))}
          />
          <YAxis tick={AXIS} stroke={AXIS.stroke} width={56} tickLine={false} tickFormatter={(n: number) => formatCompact(n)} />
          <ReferenceLine y={0} stroke="#a39fbd" />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelStyle={{ color: '#a39fbd' }}
            formatter={(v, name) => [`${Number(v) < 0 ? '−' : '+'}${plain(Number(v))} ${unit}`, name]}
            cursor={{ fill: 'rgb(245 197 66 / 0.08)' }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {colored.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="flow" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
