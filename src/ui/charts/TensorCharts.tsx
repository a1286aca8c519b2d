import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Tensor } from '../../engine';
import { compact, elementSeries, histogram } from './series';

const ELEMENT_LIMIT = 24;

/**
 * Per-element bars of value and gradient for a small tensor; histograms of both for a large one. Memoised: the panel
 * re-renders on every change while its charts wait to settle, and Recharts must not redraw for that.
 */
export const TensorCharts = memo(function TensorCharts({ value, grad, height }: { value: Tensor; grad: Tensor | null; height: number }) {
  if (value.size <= ELEMENT_LIMIT) return <ElementChart value={value} grad={grad} height={height} />;
  return (
    <>
      <Histogram data={value.data} title={`Histogram of the ${value.size} values`} color="var(--value)" height={height} testId="hist-value" />
      {grad && <Histogram data={grad.data} title={`Histogram of the ${grad.size} gradients`} color="var(--grad)" height={height} testId="hist-grad" />}
    </>
  );
});

function ElementChart({ value, grad, height }: { value: Tensor; grad: Tensor | null; height: number }) {
  const data = useMemo(() => elementSeries(value.data, grad?.data ?? null, value.shape), [value, grad]);
  return (
    <figure style={{ margin: 0 }} data-testid="element-chart" aria-label="Value and gradient of each element">
      <figcaption className="chart-title">Value{grad ? ' and gradient' : ''} of each element</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 6, right: 12, bottom: 18, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="index" stroke="var(--muted)" label={{ value: 'element', position: 'insideBottom', offset: -10, fill: 'var(--muted)' }} />
          <YAxis tickFormatter={compact} stroke="var(--muted)" width={48} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(8) : String(v))} />
          <Legend verticalAlign="top" height={22} />
          <Bar dataKey="value" name="value" fill="var(--value)" isAnimationActive={false} />
          {grad && <Bar dataKey="grad" name="gradient" fill="var(--grad)" isAnimationActive={false} />}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function Histogram({ data, title, color, height, testId }: { data: ArrayLike<number>; title: string; color: string; height: number; testId: string }) {
  const bins = useMemo(() => histogram(data), [data]);
  return (
    <figure style={{ margin: 0 }} data-testid={testId} aria-label={title}>
      <figcaption className="chart-title">{title}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={bins} margin={{ top: 6, right: 12, bottom: 18, left: 4 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="label" stroke="var(--muted)" interval="preserveStartEnd" label={{ value: 'bin centre', position: 'insideBottom', offset: -10, fill: 'var(--muted)' }} />
          <YAxis allowDecimals={false} stroke="var(--muted)" width={40} label={{ value: 'count', angle: -90, position: 'insideLeft', fill: 'var(--muted)' }} />
          <Tooltip />
          <Bar dataKey="count" name="count" fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
