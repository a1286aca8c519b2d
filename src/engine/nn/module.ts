import { ArgumentError, ShapeError, fmtShape } from '../errors';
import { sameShape } from '../shape';
import { Tensor, tensor, type TensorData } from '../tensor';

/** What `stateDict()` returns and `loadStateDict()` accepts: dotted attribute paths to tensors. */
export type StateDict = Record<string, Tensor>;

/**
 * The base of every layer, as Sorix's `Module`. Parameters and sub-modules are discovered from the instance's own
 * fields in declaration order (fields starting with `_` are private and skipped): a Tensor field with
 * `requiresGrad` is a parameter, any other Tensor field is a buffer (BatchNorm's running statistics), a Module field
 * or an array of Modules is a child.
 */
export abstract class Module {
  /** True in training mode (the default); `eval()` clears it. Dropout and BatchNorm1d depend on it. */
  training = true;

  abstract forward(x: Tensor): Tensor;

  /** The named tensors and child modules this module holds, in declaration order. */
  protected *members(): Iterable<[string, Tensor | Module]> {
    for (const key of Object.keys(this)) {
      if (key.startsWith('_') || key === 'training') continue;
      const v = (this as Record<string, unknown>)[key];
      if (v instanceof Tensor || v instanceof Module) yield [key, v];
      else if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (v[i] instanceof Module) yield [`${key}.${i}`, v[i] as Module];
      }
    }
  }

  /** The direct sub-modules with their names. */
  *namedChildren(): Iterable<[string, Module]> {
    for (const [name, v] of this.members()) if (v instanceof Module) yield [name, v];
  }

  /**
   * Every parameter (a Tensor field that requires grad), recursively, with its dotted path. A tensor reachable
   * along two paths (a shared layer) is listed once, under its first path, as in PyTorch.
   */
  namedParameters(): [string, Tensor][] {
    const seen = new Set<Tensor>();
    return this.namedTensors().filter(([, t]) => t.requiresGrad && !seen.has(t) && (seen.add(t), true));
  }

  /** Every parameter, recursively, in declaration order (the list an optimizer takes). */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Every tensor (parameters and buffers), recursively, with its dotted path. */
  namedTensors(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, v] of this.members()) {
      if (v instanceof Tensor) out.push([prefix + name, v]);
      else out.push(...v.namedTensors(`${prefix}${name}.`));
    }
    return out;
  }

  /** Clears the gradient of every parameter. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Sets training mode on this module and every sub-module; returns this. */
  train(mode = true): this {
    this.training = mode;
    for (const [, m] of this.namedChildren()) m.train(mode);
    return this;
  }

  /** Evaluation mode: Dropout is the identity and BatchNorm1d uses its running statistics. */
  eval(): this {
    return this.train(false);
  }

  /**
   * A snapshot of every parameter and buffer under its dotted path (`0.W`, `bn.runningMean`). The tensors are
   * detached copies, so a saved state dict does not change as training goes on.
   */
  stateDict(): StateDict {
    const sd: StateDict = {};
    for (const [name, t] of this.namedTensors()) sd[name] = t.detach();
    return sd;
  }

  /**
   * Copies values INTO the existing tensors (an optimizer built before the load stays linked to them, unlike
   * Sorix, §12.9). Every key must be present and known and every shape must match; nothing is changed otherwise.
   * Values are converted to each tensor's dtype.
   */
  loadStateDict(sd: Record<string, Tensor | TensorData>): void {
    const own = this.namedTensors();
    const ownNames = new Set(own.map(([n]) => n));
    const missing = own.map(([n]) => n).filter((n) => !(n in sd));
    const unknown = Object.keys(sd).filter((n) => !ownNames.has(n));
    if (missing.length > 0 || unknown.length > 0) {
      const parts: string[] = [];
      if (missing.length > 0) parts.push(`missing key${missing.length > 1 ? 's' : ''} ${missing.map((k) => `'${k}'`).join(', ')}`);
      if (unknown.length > 0) parts.push(`unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}`);
      throw new ArgumentError('loadStateDict', `${parts.join('; ')} (expected ${[...ownNames].map((k) => `'${k}'`).join(', ')})`);
    }
    const sources = own.map(([name, t]) => {
      const v = sd[name]!;
      const src = v instanceof Tensor ? v : tensor(v as TensorData, { dtype: 'float64' });
      if (!sameShape(src.shape, t.shape)) {
        throw new ShapeError('loadStateDict', `'${name}' has shape ${fmtShape(t.shape)} in the module but ${fmtShape(src.shape)} in the state dict`);
      }
      return src;
    });
    // TypedArray.set converts between float32 and float64.
    own.forEach(([, t], i) => { t.data.set(sources[i]!.data); });
  }
}
