import { memo, useMemo } from 'react';
import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { KindDef, Params, ScalarFunction } from '../../kinds';
import type { Tensor } from '../../engine';
import { activationCurve } from './curve';
import { compact } from './series';

/** The seed page's plot, live: f and f' over a range, with the node's actual inputs marked on both curves. */
export const ActivationChart = memo(function ActivationChart({ kind, fn, params, input, output, height }: { kind: KindDef; fn: ScalarFunction; params: Params; input: Tensor; output: Tensor; height: number }) {
  const data = useMemo(() => activationCurve(fn, params, input.data, output.data), [fn, params, input, output]);
  return (
    <figure style={{ margin: 0 }} aria-label={`${kind.label} and its derivative, with the inputs marked`} data-testid="activation-chart">
      <figcaption className="chart-title">f = {kind.label}: f(x) and f′(x), with this node’s inputs marked</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart margin={{ top: 6, right: 12, bottom: 18, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis type="number" dataKey="x" domain={data.range} ticks={ticks(data.range[1])} tickFormatter={compact} stroke="var(--muted)"
            label={{ value: 'x (input)', position: 'insideBottom', offset: -10, fill: 'var(--muted)' }} allowDuplicatedCategory={false} />
          <YAxis tickFormatter={compact} stroke="var(--muted)" width={48}
            label={{ value: 'y', angle: -90, position: 'insideLeft', fill: 'var(--muted)' }} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(6) : String(v))} labelFormatter={(x) => `x = ${x}`} />
          <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 'var(--fs-small)' }} />
          <Line data={data.curve} dataKey="f" name="f(x)" stroke="var(--value)" dot={false} strokeWidth={2} isAnimationActive={false} />
          <Line data={data.curve} dataKey="df" name="f′(x)" stroke="var(--grad)" dot={false} strokeWidth={2} strokeDasharray="5 3" isAnimationActive={false} />
          <Scatter data={data.marks} dataKey="f" name="inputs on f" fill="var(--value)" isAnimationActive={false} />
          <Scatter data={data.marks} dataKey="df" name="on f′" fill="var(--grad)" shape="diamond" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
});

const ticks = (r: number): number[] => [-r, -r / 2, 0, r / 2, r];
