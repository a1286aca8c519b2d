import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../engine';
import type { EpochMetrics } from '../../train';

const TRAIN = 'var(--value)';
const TEST = 'var(--grad)';

/** At most this many points per curve: a run of 100,000 epochs is drawn from every k-th epoch (and the last). */
const MAX_POINTS = 600;

function thin(epochs: readonly EpochMetrics[]): readonly EpochMetrics[] {
  if (epochs.length <= MAX_POINTS) return epochs;
  const k = Math.ceil(epochs.length / MAX_POINTS);
  const out = epochs.filter((_, i) => i % k === 0);
  if (out[out.length - 1] !== epochs[epochs.length - 1]) out.push(epochs[epochs.length - 1]!);
  return out;
}

const fmt = (v: unknown): string => (typeof v === 'number' ? formatNumber(v, 'float64') : String(v));

/** Train and test loss per epoch (log scale on demand), accuracy for classifiers, and the learning rate. */
export const MetricsCharts = memo(function MetricsCharts({ epochs, logScale, fontSize }: { epochs: readonly EpochMetrics[]; logScale: boolean; fontSize: number }) {
  const data = useMemo(() => thin(epochs), [epochs]);
  const hasTest = data.some((e) => e.testLoss !== null);
  const classifier = data.some((e) => e.trainAccuracy !== undefined);
  // A log axis cannot show 0 or negative losses: those epochs are left out of the log view (and said so).
  const positive = data.every((e) => e.trainLoss > 0 && (e.testLoss === null || e.testLoss > 0));
  const log = logScale && positive;
  const tick = { fontSize: fontSize * 0.85, fill: 'var(--muted)' };
  const h = Math.round(fontSize * 10);
  return (
    <div data-testid="metrics-charts">
      <figure style={{ margin: '4px 0' }} aria-label="Loss per epoch" data-testid="loss-chart" data-points={data.length}>
        <figcaption className="chart-title">Loss per epoch{log ? ' (log scale)' : ''}{logScale && !positive ? ' — log scale needs losses above 0' : ''}</figcaption>
        <ResponsiveContainer width="100%" height={h}>
          <LineChart data={data as EpochMetrics[]} margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="epoch" tick={tick} stroke="var(--muted)" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
            <YAxis tick={tick} stroke="var(--muted)" scale={log ? 'log' : 'auto'} domain={log ? ['auto', 'auto'] : [0, 'auto']} tickFormatter={(v: number) => Number(v.toPrecision(3)).toString()} width={fontSize * 4} allowDataOverflow={log} />
            <Tooltip formatter={fmt} labelFormatter={(l) => `epoch ${String(l)}`} contentStyle={{ fontSize }} />
            <Legend wrapperStyle={{ fontSize: fontSize * 0.85 }} />
            <Line type="linear" dataKey="trainLoss" name="train loss" stroke={TRAIN} dot={false} isAnimationActive={false} strokeWidth={2} />
            {hasTest && <Line type="linear" dataKey="testLoss" name="test loss" stroke={TEST} dot={false} isAnimationActive={false} strokeWidth={2} />}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      {classifier && (
        <figure style={{ margin: '4px 0' }} aria-label="Accuracy per epoch" data-testid="accuracy-chart">
          <figcaption className="chart-title">Accuracy per epoch</figcaption>
          <ResponsiveContainer width="100%" height={Math.round(h * 0.8)}>
            <LineChart data={data as EpochMetrics[]} margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="epoch" tick={tick} stroke="var(--muted)" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
              <YAxis tick={tick} stroke="var(--muted)" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} width={fontSize * 4} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : String(v))} labelFormatter={(l) => `epoch ${String(l)}`} contentStyle={{ fontSize }} />
              <Legend wrapperStyle={{ fontSize: fontSize * 0.85 }} />
              <Line type="linear" dataKey="trainAccuracy" name="train accuracy" stroke={TRAIN} dot={false} isAnimationActive={false} strokeWidth={2} />
              {hasTest && <Line type="linear" dataKey="testAccuracy" name="test accuracy" stroke={TEST} dot={false} isAnimationActive={false} strokeWidth={2} />}
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
      <figure style={{ margin: '4px 0' }} aria-label="Learning rate per epoch" data-testid="lr-chart">
        <figcaption className="chart-title">Learning rate</figcaption>
        <ResponsiveContainer width="100%" height={Math.round(h * 0.6)}>
          <LineChart data={data as EpochMetrics[]} margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="epoch" tick={tick} stroke="var(--muted)" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
            <YAxis tick={tick} stroke="var(--muted)" domain={[0, 'auto']} tickFormatter={(v: number) => Number(v.toPrecision(2)).toString()} width={fontSize * 4} />
            <Tooltip formatter={fmt} labelFormatter={(l) => `epoch ${String(l)}`} contentStyle={{ fontSize }} />
            <Line type="stepAfter" dataKey="lr" name="learning rate" stroke="var(--muted)" dot={false} isAnimationActive={false} strokeWidth={2} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
});
