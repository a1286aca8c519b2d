import { EngineError, broadcastShapes, fmtShape, normAxis as engineNormAxis, sizeOf } from '../../engine';
import { KindError, type Shape } from '../types';

// The shape rules are the engine's (one copy); kinds only turn the engine's errors into messages that name a port.
export { fmtShape, sizeOf };

/** Runs an engine shape rule; an engine error becomes a KindError on `port`, worded as the engine words it. */
export function onPort<T>(port: string | undefined, rule: () => T): T {
  try {
    return rule();
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    const prefix = `${e.op}: `;
    throw new KindError(e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message, port);
  }
}

/** NumPy broadcasting of two shapes, or a KindError naming both (`what` names the inputs, e.g. 'a and b'). */
export function broadcast(a: Shape, b: Shape, what = 'the inputs'): number[] {
  return broadcastShapes('broadcast', a, b, (axis, da, db) => new KindError(`${what} do not broadcast: ${fmtShape(a)} and ${fmtShape(b)} differ at axis ${axis} (${da} vs ${db})`));
}

/** Normalises an axis against a rank, or a KindError on `port`. */
export function normAxis(axis: number, ndim: number, port = 'x'): number {
  return onPort(port, () => engineNormAxis('axis', axis, ndim));
}

/** The shape after reducing `axis` (null: every axis). */
export function reducedShape(shape: Shape, axis: number | null, keepdims: boolean, port = 'x'): number[] {
  if (axis === null) return keepdims ? shape.map(() => 1) : [];
  const a = normAxis(axis, shape.length, port);
  return keepdims ? shape.map((d, i) => (i === a ? 1 : d)) : shape.filter((_, i) => i !== a);
}
