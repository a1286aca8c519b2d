import { allocate, promote, type TypedArray } from '../dtype';
import { ArgumentError, ShapeError, fmtShape } from '../errors';
import { kernels } from '../kernels';
import { broadcastShapes, normAxis, reshapeShape, sizeOf, stridesOf } from '../shape';
import { fromOp, Tensor, type IndexEntry } from '../tensor';
import { unbroadcast } from './broadcast';

/** A new shape for the same values; one entry may be −1 (inferred). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const out = reshapeShape(x.shape, shape);
  // The values are copied: results never share storage with their inputs.
  return fromOp('reshape', x.data.slice() as TypedArray, out, [x], (g) => [g]);
}

/** Permutes the axes (reverses them when `axes` is omitted, as NumPy does). */
export function transpose(x: Tensor, axes?: readonly number[]): Tensor {
  const nd = x.ndim;
  const perm = axes ? axes.map((a) => normAxis('transpose', a, nd)) : Array.from({ length: nd }, (_, i) => nd - 1 - i);
  if (perm.length !== nd || new Set(perm).size !== nd) {
    throw new ArgumentError('transpose', `axes ${JSON.stringify(axes)} are not a permutation of the ${nd} axes of ${fmtShape(x.shape)}`);
  }
  const shape = perm.map((a) => x.shape[a]!);
  const out = allocate(x.dtype, x.size);
  kernels().transpose(x.data, x.shape, perm, out);
  const inv = new Array<number>(nd);
  perm.forEach((a, i) => { inv[a] = i; });
  return fromOp('transpose', out, shape, [x], (g) => {
    const gx = allocate(x.dtype, g.length);
    kernels().transpose(g, shape, inv, gx);
    return [gx];
  });
}

/** Drops an axis of size 1 (every such axis when `axis` is omitted). */
export function squeeze(x: Tensor, axis?: number | null): Tensor {
  let shape: number[];
  if (axis === undefined || axis === null) shape = x.shape.filter((d) => d !== 1);
  else {
    const a = normAxis('squeeze', axis, x.ndim);
    if (x.shape[a] !== 1) throw new ShapeError('squeeze', `axis ${axis} of ${fmtShape(x.shape)} has size ${x.shape[a]}, not 1`);
    shape = x.shape.filter((_, i) => i !== a);
  }
  return fromOp('squeeze', x.data.slice() as TypedArray, shape, [x], (g) => [g]);
}

/** Inserts an axis of size 1 at `axis` (−1 appends). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const a = normAxis('unsqueeze', axis, x.ndim + 1);
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return fromOp('unsqueeze', x.data.slice() as TypedArray, shape, [x], (g) => [g]);
}

/** The positions one index entry selects along an axis of size `n`; `drop` when the axis disappears. */
function positions(e: IndexEntry, n: number, axis: number): { pos: number[]; drop: boolean } {
  if (typeof e === 'number') {
    if (!Number.isInteger(e)) throw new ArgumentError('index', `index ${e} for axis ${axis} is not an integer`);
    if (e < -n || e >= n) throw new ArgumentError('index', `index ${e} is out of range for axis ${axis} of size ${n}`);
    return { pos: [e < 0 ? e + n : e], drop: true };
  }
  if (Array.isArray(e)) {
    const pos = (e as readonly number[]).map((i) => {
      if (!Number.isInteger(i)) throw new ArgumentError('index', `index ${i} for axis ${axis} is not an integer`);
      if (i < -n || i >= n) throw new ArgumentError('index', `index ${i} is out of range for axis ${axis} of size ${n}`);
      return i < 0 ? i + n : i;
    });
    return { pos, drop: false };
  }
  const s = e as { start?: number | null; stop?: number | null; step?: number | null };
  const step = s.step ?? 1;
  if (!Number.isInteger(step) || step === 0) throw new ArgumentError('index', `slice step must be a non-zero integer, got ${step}`);
  // Python's slice.indices(): clamp start and stop into range.
  const clampIdx = (v: number | null | undefined, dflt: number, lo: number, hi: number): number => {
    if (v === null || v === undefined) return dflt;
    const w = v < 0 ? v + n : v;
    return Math.min(Math.max(w, lo), hi);
  };
  const start = step > 0 ? clampIdx(s.start, 0, 0, n) : clampIdx(s.start, n - 1, -1, n - 1);
  const stop = step > 0 ? clampIdx(s.stop, n, 0, n) : clampIdx(s.stop, -1, -1, n - 1);
  const pos: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) pos.push(i);
  return { pos, drop: false };
}

/**
 * Basic and integer-array indexing, one entry per leading axis (missing axes are taken whole). An integer array
 * gathers along its axis; several integer arrays are zipped as in NumPy (`x[[0, 2], [1, 3]]` picks (0,1) and (2,3);
 * arrays of length 1 broadcast). Repeated indices accumulate their gradients.
 */
export function index(x: Tensor, spec: readonly IndexEntry[] | IndexEntry): Tensor {
  const entries: readonly IndexEntry[] = Array.isArray(spec) ? (spec as readonly IndexEntry[]) : [spec as IndexEntry];
  if (entries.length > x.ndim) throw new ArgumentError('index', `${entries.length} indices for a tensor with ${x.ndim} dimension${x.ndim === 1 ? '' : 's'} ${fmtShape(x.shape)}`);
  const nd = x.ndim;
  const per0 = x.shape.map((n, a) => (a < entries.length ? positions(entries[a]!, n, a) : { pos: Array.from({ length: n }, (_, i) => i), drop: false }));
  const strides0 = stridesOf(x.shape).slice();
  const arrayAxes = entries.map((e, i) => (Array.isArray(e) ? i : -1)).filter((i) => i >= 0);
  if (arrayAxes.length > 1) {
    // NumPy zips the arrays: one output axis whose k-th entry is the element at (a₀[k], a₁[k], …). The first array's
    // axis carries the combined offsets (stride 1); the others become dropped axes of stride 0.
    const lens = arrayAxes.map((a) => per0[a]!.pos.length);
    const L = lens.includes(0) ? 0 : Math.max(...lens);
    if (lens.some((l) => l !== L && l !== 1)) {
      throw new ShapeError('index', `integer-array indices of lengths ${lens.join(', ')} cannot be broadcast together (index of ${fmtShape(x.shape)})`);
    }
    const offsets = Array.from({ length: L }, (_, k) => arrayAxes.reduce((s, a) => {
      const p = per0[a]!.pos;
      return s + p[p.length === 1 ? 0 : k]! * strides0[a]!;
    }, 0));
    per0[arrayAxes[0]!] = { pos: offsets, drop: false };
    strides0[arrayAxes[0]!] = 1;
    for (const a of arrayAxes.slice(1)) {
      per0[a] = { pos: [0], drop: true };
      strides0[a] = 0;
    }
  }
  // NumPy's placement of an integer-array axis: integers count as advanced indices beside an array, and when the
  // advanced indices are not adjacent (a slice between them, as in x[1, :, [0, 2]]) the array's axis goes first.
  const arrayAxis = entries.findIndex((e) => Array.isArray(e));
  const order = Array.from({ length: nd }, (_, i) => i);
  if (arrayAxis >= 0) {
    const adv = entries.map((e, i) => (typeof e === 'number' || Array.isArray(e) ? i : -1)).filter((i) => i >= 0);
    if (adv[adv.length - 1]! - adv[0]! + 1 !== adv.length) {
      order.splice(arrayAxis, 1);
      order.unshift(arrayAxis);
    }
  }
  const per = order.map((a) => per0[a]!);
  const strides = order.map((a) => strides0[a]!);
  const shape = per.filter((p) => !p.drop).map((p) => p.pos.length);
  const size = sizeOf(shape);
  const src = new Int32Array(size);
  // Enumerate the selected positions (an odometer over the per-axis lists, in output order).
  const idx = new Array<number>(nd).fill(0);
  for (let o = 0; o < size; o++) {
    let off = 0;
    for (let d = 0; d < nd; d++) off += per[d]!.pos[idx[d]!]! * strides[d]!;
    src[o] = off;
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d]! < per[d]!.pos.length) break;
      idx[d] = 0;
    }
  }
  const out = allocate(x.dtype, size);
  for (let o = 0; o < size; o++) out[o] = x.data[src[o]!]!;
  return fromOp('index', out, shape, [x], (g) => {
    const gx = allocate(x.dtype, x.size);
    for (let o = 0; o < size; o++) gx[src[o]!] = gx[src[o]!]! + g[o]!;
    return [gx];
  });
}

/** Joins tensors along an existing axis. */
export function cat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ArgumentError('cat', 'needs at least one tensor');
  const first = tensors[0]!;
  if (first.ndim === 0) throw new ShapeError('cat', 'zero-dimensional tensors cannot be concatenated; use stack');
  const ax = normAxis('cat', axis, first.ndim);
  let dtype = first.dtype;
  let total = 0;
  tensors.forEach((t, k) => {
    if (t.ndim !== first.ndim || t.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      throw new ShapeError('cat', `tensor ${k} has shape ${fmtShape(t.shape)}, which does not match ${fmtShape(first.shape)} outside axis ${ax}`);
    }
    dtype = promote(dtype, t.dtype);
    total += t.shape[ax]!;
  });
  const shape = [...first.shape];
  shape[ax] = total;
  let outer = 1, inner = 1;
  for (let i = 0; i < ax; i++) outer *= shape[i]!;
  for (let i = ax + 1; i < shape.length; i++) inner *= shape[i]!;
  const out = allocate(dtype, sizeOf(shape));
  const rowOut = total * inner;
  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    const w = t.shape[ax]! * inner;
    offsets.push(offset);
    for (let o = 0; o < outer; o++) out.set(t.data.subarray(o * w, (o + 1) * w), o * rowOut + offset);
    offset += w;
  }
  return fromOp('cat', out, shape, tensors, (g) => tensors.map((t, k) => {
    if (!t.requiresGrad) return null;
    const w = t.shape[ax]! * inner;
    const gt = allocate(t.dtype, t.size);
    for (let o = 0; o < outer; o++) gt.set(g.subarray(o * rowOut + offsets[k]!, o * rowOut + offsets[k]! + w), o * w);
    return gt;
  }));
}

/** Joins tensors of one shape along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ArgumentError('stack', 'needs at least one tensor');
  const first = tensors[0]!;
  tensors.forEach((t, k) => {
    if (t.ndim !== first.ndim || t.shape.some((d, i) => d !== first.shape[i])) {
      throw new ShapeError('stack', `tensor ${k} has shape ${fmtShape(t.shape)}, but tensor 0 has ${fmtShape(first.shape)}`);
    }
  });
  const ax = normAxis('stack', axis, first.ndim + 1);
  return cat(tensors.map((t) => unsqueeze(t, ax)), ax);
}

/** Picks `a` where `cond` is non-zero and `b` elsewhere, with broadcasting. `cond` carries no gradient. */
export function where(cond: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  const like = a instanceof Tensor ? a : b instanceof Tensor ? b : cond;
  const ta = a instanceof Tensor ? a : scalarLike(a, like);
  const tb = b instanceof Tensor ? b : scalarLike(b, like);
  const shape = broadcastShapes('where', broadcastShapes('where', cond.shape, ta.shape), tb.shape);
  const dtype = promote(ta.dtype, tb.dtype);
  const size = sizeOf(shape);
  const k = kernels();
  const c = allocate('float64', size);
  k.binary('add', new Float64Array(size), shape, cond.data, cond.shape, c, shape);
  const av = allocate(dtype, size);
  k.binary('add', allocate(dtype, size), shape, ta.data, ta.shape, av, shape);
  const bv = allocate(dtype, size);
  k.binary('add', allocate(dtype, size), shape, tb.data, tb.shape, bv, shape);
  const out = allocate(dtype, size);
  for (let i = 0; i < size; i++) out[i] = c[i] !== 0 ? av[i]! : bv[i]!;
  return fromOp('where', out, shape, [ta, tb], (g) => {
    const ga = allocate(dtype, size);
    const gb = allocate(dtype, size);
    for (let i = 0; i < size; i++) {
      if (c[i] !== 0) ga[i] = g[i]!; else gb[i] = g[i]!;
    }
    return [
      ta.requiresGrad ? unbroadcast(ga, shape, ta.shape, ta.dtype) : null,
      tb.requiresGrad ? unbroadcast(gb, shape, tb.shape, tb.dtype) : null,
    ];
  });
}

function scalarLike(v: number, like: Tensor): Tensor {
  const d = allocate(like.dtype, 1);
  d[0] = v;
  return new Tensor(d, []);
}
