import type { DType } from '../engine';
import { allowsNonFinite, type KindDef, type Params } from '../kinds';

/** The smallest positive float32 (a subnormal): nonzero values of smaller magnitude become 0 in float32. */
export const FLOAT32_MIN_SUBNORMAL = 2 ** -149;

const fmt = (v: number): string => String(v).replace('e+', 'e');

function listed(what: string, indices: readonly number[], values: readonly number[], scalar: boolean): string {
  if (scalar) return `${what} ${fmt(values[indices[0]!]!)}`;
  const shown = indices.slice(0, 5);
  const more = indices.length > shown.length ? ` and ${indices.length - shown.length} more` : '';
  const idx = shown.length === 1 ? `${what} ${shown[0]}` : `${what}s ${shown.slice(0, -1).join(', ')}${more ? `, ${shown.at(-1)}` : ` and ${shown.at(-1)}`}${more}`;
  return `${idx} (${shown.map((i) => fmt(values[i]!)).join(', ')}${more ? ', …' : ''})`;
}

/**
 * What storing `values` in `dtype` silently changes: finite values too large for float32 become ±Infinity, nonzero
 * values too small become 0 (float64 holds every JS number). One message per kind of change, naming the values by
 * index, e.g. "values 0 and 1 (1e40, -1e40) overflow float32 and become ±inf; use float64". `what` names the values
 * ("value" for a list, or a param label); `scalar` for a single number (no index); `suggest` adds "; use float64".
 */
export function castWarnings(values: readonly number[], dtype: DType, opts: { what?: string; scalar?: boolean; suggest?: boolean } = {}): string[] {
  if (dtype !== 'float32') return [];
  const over: number[] = [], under: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || v === 0) continue;
    const f = Math.fround(v);
    if (!Number.isFinite(f)) over.push(i);
    else if (f === 0) under.push(i);
  }
  const what = opts.what ?? 'value';
  const scalar = opts.scalar === true;
  const tail = opts.suggest === false ? '' : '; use float64';
  const out: string[] = [];
  if (over.length > 0) {
    const pos = over.some((i) => values[i]! > 0), neg = over.some((i) => values[i]! < 0);
    const inf = pos && neg ? '±inf' : pos ? 'inf' : '-inf';
    const one = scalar || over.length === 1;
    out.push(`${listed(what, over, values, scalar)} ${one ? 'overflows' : 'overflow'} float32 and ${one ? 'becomes' : 'become'} ${inf}${tail}`);
  }
  if (under.length > 0) {
    const one = scalar || under.length === 1;
    out.push(`${listed(what, under, values, scalar)} ${one ? 'underflows' : 'underflow'} float32 and ${one ? 'becomes' : 'become'} 0${tail}`);
  }
  return out;
}

/**
 * The warnings of a node's params: every value param (tensor values, a value-number) checked against the dtype it is
 * stored in — the node's `dtype` param when the kind has one, otherwise float32 (the engine's default, as for
 * Linear's W and b).
 */
export function paramWarnings(kind: KindDef, params: Params): string[] {
  const hasDtype = kind.params.dtype?.type === 'choice';
  const dtype: DType = hasDtype && params.dtype === 'float64' ? 'float64' : 'float32';
  const out: string[] = [];
  const onlyOne = Object.values(kind.params).filter(allowsNonFinite).length === 1;
  for (const [name, spec] of Object.entries(kind.params)) {
    if (!allowsNonFinite(spec)) continue;
    const v = params[name];
    const prefix = onlyOne ? '' : `${spec.label} `;
    if (typeof v === 'number') out.push(...castWarnings([v], dtype, { what: `${prefix}${onlyOne ? 'the value' : 'value'}`.trim(), scalar: true, suggest: hasDtype }));
    else if (Array.isArray(v)) out.push(...castWarnings(v as readonly number[], dtype, { what: `${prefix}value`, suggest: hasDtype }));
  }
  return out;
}
