import { memo, useMemo } from 'react';
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { KindDef, Params, ScalarFunction } from '../../kinds';
import type { Tensor } from '../../engine';
import { activationCurve, type Mark } from './curve';
import { chartLayout } from './layout';
import { AxisTitle, dotSwatch, edgeSwatch, LegendRow, lineSwatch, precise, TipBox } from './parts';
import { niceDomain, niceTicks, tickLabel } from './scale';

/** A drawn input: `x`, `f`, `df` are where it is drawn; `t*` its true values. */
interface Dot { x: number; f: number; df: number; tx: number; tf: number; tdf: number; side: Mark['side']; tag: string }

/**
 * The seed page's plot, live: f (left axis) and f′ (right axis, its own scale) over the informative region of f,
 * with the node's inputs marked on both curves. Inputs outside that region are drawn as open arrowheads at its edge,
 * labelled with their true x, listed under the chart, and placed on an overview of the whole input range.
 */
export const ActivationChart = memo(function ActivationChart({ kind, fn, params, input, output, fontSize }: { kind: KindDef; fn: ScalarFunction; params: Params; input: Tensor; output: Tensor; fontSize: number }) {
  const plot = useMemo(() => activationCurve(fn, params, input.data, output.data), [fn, params, input, output]);
  const { inside, outside } = useMemo(() => dots(plot.drawn), [plot]);
  const xTicks = niceTicks(plot.window[0], plot.window[1], 4);
  const fDomain = niceDomain(plot.fRange[0], plot.fRange[1], 4);
  const dfDomain = niceDomain(plot.dfRange[0], plot.dfRange[1], 4);
  const fTicks = niceTicks(fDomain[0], fDomain[1], 4);
  const dfTicks = niceTicks(dfDomain[0], dfDomain[1], 4);
  const L = chartLayout(fontSize, fontSize * 9.5, Math.max(...xTicks.map((t) => tickLabel(t).length)));
  const tick = { fontSize: L.fontSize, fill: 'var(--muted)' };
  const height = L.margin.top + L.plotHeight + L.xAxisHeight + L.margin.bottom;
  const below = outside.filter((d) => d.side === 'below');
  const above = outside.filter((d) => d.side === 'above');
  const shown = [...below, ...above];
  const unmarked = useMemo(() => nonFinite(input.data), [input]);
  return (
    <figure style={{ margin: 0 }} aria-label={`${kind.label} and its derivative, with the inputs marked`} data-testid="activation-chart">
      <figcaption className="chart-title">{kind.label}: f(x) and f′(x), with this node’s inputs marked</figcaption>
      <LegendRow items={[
        { key: 'f', swatch: lineSwatch('var(--value)'), label: 'f(x), left axis' },
        { key: 'df', swatch: lineSwatch('var(--grad)', true), label: 'f′(x), right axis' },
        { key: 'in', swatch: dotSwatch('var(--text)'), label: 'inputs' },
        ...(shown.length ? [{ key: 'out', swatch: edgeSwatch('var(--text)'), label: 'input beyond the edge' }] : []),
      ]} />
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart margin={{ ...L.margin, right: L.margin.left }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis type="number" dataKey="x" domain={plot.window} ticks={xTicks} tickFormatter={tickLabel} stroke="var(--muted)" tick={tick}
            tickSize={L.xTickSize} height={L.xAxisHeight} allowDataOverflow interval={0}
            label={<AxisTitle text="x (input)" side="bottom" fontSize={L.fontSize} color="var(--muted)" />} />
          <YAxis yAxisId="f" domain={fDomain} ticks={fTicks} tickFormatter={tickLabel} stroke="var(--value)" tick={{ ...tick, fill: 'var(--value)' }}
            tickSize={L.tickSize} width={L.yAxisWidth(fTicks.map(tickLabel))} allowDataOverflow interval={0}
            label={<AxisTitle text="f(x)" side="left" fontSize={L.fontSize} color="var(--value)" />} />
          <YAxis yAxisId="df" orientation="right" domain={dfDomain} ticks={dfTicks} tickFormatter={tickLabel} stroke="var(--grad)" tick={{ ...tick, fill: 'var(--grad)' }}
            tickSize={L.tickSize} width={L.yAxisWidth(dfTicks.map(tickLabel))} allowDataOverflow interval={0}
            label={<AxisTitle text="f′(x)" side="right" fontSize={L.fontSize} color="var(--grad)" />} />
          <Tooltip content={<DotTip />} />
          <Line yAxisId="f" data={plot.curve} dataKey="f" name="f(x)" stroke="var(--value)" dot={false} activeDot={false} strokeWidth={2.5} isAnimationActive={false} />
          <Line yAxisId="df" data={plot.curve} dataKey="df" name="f′(x)" stroke="var(--grad)" dot={false} activeDot={false} strokeWidth={2.5} strokeDasharray="6 3" isAnimationActive={false} />
          <Scatter yAxisId="f" data={inside} dataKey="f" name="inputs on f" fill="var(--value)" stroke="var(--panel)" isAnimationActive={false} />
          <Scatter yAxisId="df" data={inside} dataKey="df" name="inputs on f′" fill="var(--grad)" stroke="var(--panel)" shape="diamond" isAnimationActive={false} />
          <Scatter yAxisId="f" data={shown} dataKey="f" name="beyond the edge, on f" isAnimationActive={false}
            shape={(p: unknown) => <EdgeMark {...(p as EdgeProps)} color="var(--value)" fontSize={L.fontSize} labelled />} />
          <Scatter yAxisId="df" data={shown} dataKey="df" name="beyond the edge, on f′" isAnimationActive={false}
            shape={(p: unknown) => <EdgeMark {...(p as EdgeProps)} color="var(--grad)" fontSize={L.fontSize} />} />
        </ComposedChart>
      </ResponsiveContainer>
      {unmarked && <p className="chart-note" style={{ color: 'var(--warn)', margin: '2px 0' }} data-testid="activation-nonfinite">Not marked (no place on the x-axis): {unmarked}.</p>}
      {shown.length > 0 && <Outside plot={plot} below={below} above={above} fontSize={fontSize} />}
    </figure>
  );
});

function nonFinite(data: ArrayLike<number>): string {
  let nan = 0, pos = 0, neg = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (Number.isNaN(v)) nan++; else if (v === Infinity) pos++; else if (v === -Infinity) neg++;
  }
  return [nan ? `${nan} NaN input${nan > 1 ? 's' : ''}` : '', pos ? `${pos} × +∞` : '', neg ? `${neg} × −∞` : ''].filter(Boolean).join(', ');
}

function dots(drawn: readonly Mark[]): { inside: Dot[]; outside: Dot[] } {
  const inside: Dot[] = [];
  const outside: Dot[] = [];
  for (const side of ['below', 'above'] as const) {
    const group = drawn.filter((m) => m.side === side);
    if (group.length === 0) continue;
    const xs = group.map((m) => m.x);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const text = group.length === 1 ? `x = ${tickLabel(lo)}` : `${group.length} inputs, ${tickLabel(lo)}…${tickLabel(hi)}`;
    const tag = side === 'below' ? `◀ ${text}` : `${text} ▶`;
    // One arrowhead per side carries the label; the rest are drawn (they overlap at the edge) but not labelled.
    group.forEach((m, i) => outside.push(toDot(m, i === 0 ? tag : '')));
  }
  for (const m of drawn) if (m.side === 'in') inside.push(toDot(m, ''));
  return { inside, outside };
}

const toDot = (m: Mark, tag: string): Dot => ({ x: m.px, f: m.pf, df: m.pdf, tx: m.x, tf: m.f, tdf: m.df, side: m.side, tag });

interface EdgeProps { cx?: number; cy?: number; payload?: Dot }

/** An open arrowhead at the plot's edge pointing off it, towards where the input really is; one carries a label. */
function EdgeMark({ cx = 0, cy = 0, payload, color, fontSize, labelled = false }: EdgeProps & { color: string; fontSize: number; labelled?: boolean }) {
  if (!payload) return null;
  const dir = payload.side === 'below' ? -1 : 1;
  // Tip on the edge, body inside the plot, so the plot's clipping does not cut it off.
  const s = fontSize * 0.55;
  const d = `M${cx - dir * s * 1.6} ${cy - s} L${cx} ${cy} L${cx - dir * s * 1.6} ${cy + s} Z`;
  // Left-edge inputs sit low on a rising curve and right-edge ones high: put the label on the open side.
  const ly = payload.side === 'below' ? cy - fontSize * 1.1 : cy + fontSize * 1.3;
  return (
    <g>
      <path d={d} fill="var(--panel)" stroke={color} strokeWidth={2} />
      {labelled && payload.tag && (
        <text x={cx - dir * s * 0.2} y={ly} textAnchor={dir < 0 ? 'start' : 'end'} fontSize={fontSize} fill="var(--text)"
          stroke="var(--panel)" strokeWidth={3} paintOrder="stroke" data-testid={`edge-label-${payload.side}`}>{payload.tag}</text>
      )}
    </g>
  );
}

function DotTip({ active, payload }: { active?: boolean; payload?: readonly { payload?: unknown }[] }) {
  const p = payload?.[0]?.payload as Partial<Dot> & { x?: number; f?: number; df?: number } | undefined;
  if (!active || !p) return null;
  if (p.tx === undefined) return <TipBox lines={[`x = ${precise(p.x ?? NaN)}`, `f(x) = ${precise(p.f ?? NaN)}`, `f′(x) = ${precise(p.df ?? NaN)}`]} />;
  return (
    <TipBox lines={[
      p.side === 'in' ? 'input' : `input beyond the ${p.side === 'below' ? 'left' : 'right'} edge`,
      `x = ${precise(p.tx)}`, `f(x) = ${precise(p.tf ?? NaN)}`, `f′(x) = ${precise(p.tdf ?? NaN)}`,
    ]} />
  );
}

/** The inputs beyond the plotted range: listed with their true values, and placed on an overview of all inputs. */
function Outside({ plot, below, above, fontSize }: { plot: ReturnType<typeof activationCurve>; below: Dot[]; above: Dot[]; fontSize: number }) {
  const all = [...below, ...above];
  const listed = all.slice(0, 4);
  const ticks = niceTicks(plot.range[0], plot.range[1], 4);
  const L = chartLayout(fontSize, fontSize * 1.6, Math.max(...ticks.map((t) => tickLabel(t).length)));
  const points = plot.drawn.map((m) => ({ x: m.x, y: 0, side: m.side }));
  return (
    <div data-testid="activation-overview">
      <p className="chart-note" style={{ margin: '2px 0' }}>
        Beyond the plotted {tickLabel(plot.window[0])}…{tickLabel(plot.window[1])} (drawn at its edge):{' '}
        {listed.map((d) => `x = ${precise(d.tx)} → f = ${precise(d.tf)}, f′ = ${precise(d.tdf)}`).join('; ')}
        {all.length > listed.length ? `; and ${all.length - listed.length} more` : ''}.
      </p>
      <p className="chart-note" style={{ margin: '4px 0 0' }}>All inputs, on their own scale; the band is the plotted range:</p>
      <ResponsiveContainer width="100%" height={4 + L.plotHeight + L.xTickSize + fontSize * 1.6}>
        <ScatterChart margin={{ ...L.margin, left: L.margin.right, top: 4 }}>
          <XAxis type="number" dataKey="x" domain={plot.range} ticks={ticks} tickFormatter={tickLabel} interval={0} stroke="var(--muted)"
            tick={{ fontSize, fill: 'var(--muted)' }} tickSize={L.xTickSize} height={L.xTickSize + fontSize * 1.6} />
          <YAxis type="number" dataKey="y" domain={[-1, 1]} hide />
          <ReferenceArea x1={plot.window[0]} x2={plot.window[1]} y1={-1} y2={1} fill="var(--accent)" fillOpacity={0.15} stroke="var(--accent)" strokeOpacity={0.5} />
          <Scatter data={points} fill="var(--text)" isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
