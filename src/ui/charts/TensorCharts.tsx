import { memo, useMemo } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Tensor } from '../../engine';
import { chartLayout } from './layout';
import { AxisTitle, boxSwatch, LegendRow, precise, TipBox } from './parts';
import { niceDomain, niceTicks, tickLabel } from './scale';
import { histogramOf, indexLabel, nonFiniteElements, type Histogram as Hist } from './series';

const ELEMENT_LIMIT = 24;

/**
 * A small tensor: its values and its gradients per element, as two charts, each on its own scale (gradients of 0.25
 * beside values of ±100 would otherwise be invisible). A large one: a histogram of each.
 */
export const TensorCharts = memo(function TensorCharts({ value, grad, fontSize }: { value: Tensor; grad: Tensor | null; fontSize: number }) {
  if (value.size <= ELEMENT_LIMIT) {
    return (
      <>
        <ElementChart data={value.data} shape={value.shape} what="value" color="var(--value)" fontSize={fontSize} />
        {grad && <ElementChart data={grad.data} shape={grad.shape} what="gradient" color="var(--grad)" fontSize={fontSize} />}
      </>
    );
  }
  return (
    <>
      <HistogramChart data={value.data} what="value" color="var(--value)" fontSize={fontSize} />
      {grad && <HistogramChart data={grad.data} what="gradient" color="var(--grad)" fontSize={fontSize} />}
    </>
  );
});

function ElementChart({ data, shape, what, color, fontSize }: { data: ArrayLike<number>; shape: readonly number[]; what: 'value' | 'gradient'; color: string; fontSize: number }) {
  const rows = useMemo(() => Array.from({ length: data.length }, (_, i) => ({ index: indexLabel(i, shape), v: data[i]! })), [data, shape]);
  const bad = useMemo(() => nonFiniteElements(data, shape), [data, shape]);
  const finite = rows.map((r) => r.v).filter(Number.isFinite);
  const domain = niceDomain(Math.min(0, ...finite), Math.max(0, ...finite), 4, true);
  const ticks = niceTicks(domain[0], domain[1], 4);
  const widest = rows.reduce((m, r) => Math.max(m, r.index.length), 1);
  const L = chartLayout(fontSize, fontSize * 7.5, widest);
  const plural = what === 'value' ? 'Values' : 'Gradients';
  return (
    <figure style={{ margin: '0 0 6px' }} data-testid={`element-chart-${what}`} aria-label={`${plural} of each element`}>
      <figcaption className="chart-title">{plural} of each element</figcaption>
      <LegendRow items={[{ key: what, swatch: boxSwatch(color), label: what === 'gradient' ? 'gradient of the objective (own scale)' : 'value (own scale)' }]} />
      <ResponsiveContainer width="100%" height={L.margin.top + L.plotHeight + L.xAxisHeight + L.margin.bottom}>
        <BarChart data={rows} margin={L.margin}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="index" stroke="var(--muted)" tick={{ fontSize: L.fontSize, fill: 'var(--muted)' }} tickSize={L.xTickSize} height={L.xAxisHeight}
            interval="preserveStartEnd" label={<AxisTitle text="element" side="bottom" fontSize={L.fontSize} color="var(--muted)" />} />
          <YAxis domain={domain} ticks={ticks} tickFormatter={tickLabel} stroke="var(--muted)" tick={{ fontSize: L.fontSize, fill: color }} tickSize={L.tickSize}
            width={L.yAxisWidth(ticks.map(tickLabel))} interval={0} allowDataOverflow
            label={<AxisTitle text={what} side="left" fontSize={L.fontSize} color={color} />} />
          <ReferenceLine y={0} stroke="var(--muted)" />
          <Tooltip cursor={{ fill: 'var(--panel-2)' }} content={<ElementTip what={what} />} />
          <Bar dataKey="v" name={what} fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      {bad.length > 0 && (
        <p className="chart-note" style={{ color: 'var(--warn)', margin: '0 0 4px' }} data-testid={`element-nonfinite-${what}`}>
          No bar for {bad.slice(0, 6).map((b) => `element ${b.index} = ${precise(b.value)}`).join(', ')}{bad.length > 6 ? ` and ${bad.length - 6} more` : ''}.
        </p>
      )}
    </figure>
  );
}

function ElementTip({ active, payload, what }: { active?: boolean; payload?: readonly { payload?: unknown }[]; what: string }) {
  const p = payload?.[0]?.payload as { index: string; v: number } | undefined;
  if (!active || !p) return null;
  return <TipBox lines={[`element ${p.index}`, `${what} = ${precise(p.v)}`]} />;
}

function HistogramChart({ data, what, color, fontSize }: { data: ArrayLike<number>; what: 'value' | 'gradient'; color: string; fontSize: number }) {
  const h = useMemo(() => histogramOf(data), [data]);
  const plural = what === 'value' ? 'values' : 'gradients';
  const outside = nonFiniteText(h);
  const title = `Histogram of the ${data.length} ${plural}`;
  if (h.bins.length === 0) {
    return (
      <figure style={{ margin: '0 0 6px' }} data-testid={`hist-${what === 'value' ? 'value' : 'grad'}`} aria-label={title}>
        <figcaption className="chart-title">{title}</figcaption>
        <p className="chart-note" style={{ color: 'var(--warn)' }} data-testid="hist-nonfinite">None is finite: {outside}.</p>
      </figure>
    );
  }
  const first = h.bins[0]!;
  const last = h.bins[h.bins.length - 1]!;
  // A step outline on a numeric x-axis: bins touch, and the ticks fall on round bin edges.
  const steps = [...h.bins.map((b) => ({ x: b.x0, count: b.count, bin: b })), { x: last.x1, count: last.count, bin: last }];
  const xTicks = niceTicks(first.x0, last.x1, 4);
  const maxCount = Math.max(...h.bins.map((b) => b.count));
  const yTop = Math.max(1, niceDomain(0, maxCount, 4)[1]);
  const yTicks = niceTicks(0, yTop, Math.min(4, yTop)).filter((t) => Number.isInteger(t));
  const L = chartLayout(fontSize, fontSize * 7.5, Math.max(...xTicks.map((t) => tickLabel(t).length)));
  return (
    <figure style={{ margin: '0 0 6px' }} data-testid={`hist-${what === 'value' ? 'value' : 'grad'}`} aria-label={title}>
      <figcaption className="chart-title">{title}</figcaption>
      <LegendRow items={[{ key: what, swatch: boxSwatch(color), label: `${what}s per bin (${h.bins.length} bin${h.bins.length === 1 ? '' : 's'}, width ${tickLabel(first.x1 - first.x0)})` }]} />
      <ResponsiveContainer width="100%" height={L.margin.top + L.plotHeight + L.xAxisHeight + L.margin.bottom}>
        <AreaChart data={steps} margin={L.margin}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis type="number" dataKey="x" domain={[first.x0, last.x1]} ticks={xTicks} tickFormatter={tickLabel} interval={0} allowDataOverflow
            stroke="var(--muted)" tick={{ fontSize: L.fontSize, fill: 'var(--muted)' }} tickSize={L.xTickSize} height={L.xAxisHeight}
            label={<AxisTitle text={what} side="bottom" fontSize={L.fontSize} color="var(--muted)" />} />
          <YAxis domain={[0, yTop]} ticks={yTicks} allowDecimals={false} interval={0} stroke="var(--muted)" tick={{ fontSize: L.fontSize, fill: 'var(--muted)' }}
            tickSize={L.tickSize} width={L.yAxisWidth(yTicks.map(String))}
            label={<AxisTitle text="count" side="left" fontSize={L.fontSize} color="var(--muted)" />} />
          <Tooltip content={<BinTip what={plural} />} />
          <Area type="stepAfter" dataKey="count" stroke={color} fill={color} fillOpacity={0.55} strokeWidth={1.5} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
      <p className="chart-note" style={{ margin: '0 0 4px', ...(outside ? { color: 'var(--warn)' } : {}) }} data-testid="hist-nonfinite">
        {h.finite} finite {plural} binned{outside ? `; not binned: ${outside}` : '; none is NaN or ±∞'}.
      </p>
    </figure>
  );
}

function nonFiniteText(h: Hist): string {
  const parts: string[] = [];
  if (h.nan) parts.push(`${h.nan} NaN`);
  if (h.posInf) parts.push(`${h.posInf} × +∞`);
  if (h.negInf) parts.push(`${h.negInf} × −∞`);
  return parts.join(', ');
}

function BinTip({ active, payload, what }: { active?: boolean; payload?: readonly { payload?: unknown }[]; what: string }) {
  const p = payload?.[0]?.payload as { bin: { x0: number; x1: number; count: number } } | undefined;
  if (!active || !p) return null;
  return <TipBox lines={[`[${precise(p.bin.x0)}, ${precise(p.bin.x1)})`, `${p.bin.count} ${what}`]} />;
}
