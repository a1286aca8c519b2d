import { ArgumentError } from '../errors';
import { Tensor } from '../tensor';

/** A group of parameters with its own hyper-parameters (PyTorch's style); any omitted one takes the optimizer's. */
export type ParamGroupSpec<H> = { params: readonly Tensor[]; lr?: number } & Partial<H>;

/** A live parameter group: schedulers change `lr` here. */
export type ParamGroup<H> = { params: Tensor[]; lr: number } & H;

/** A JSON-friendly snapshot of an optimizer: hyper-parameters per group, and per-parameter state by position. */
export interface OptimizerState {
  type: string;
  /** Each group's lr and hyper-parameters (plus group-level state such as Adam's step count), and its parameters' positions. */
  paramGroups: ({ params: number[]; lr: number } & Record<string, unknown>)[];
  /** Per-parameter state arrays, keyed by the parameter's position across all groups. */
  state: Record<string, Record<string, number[]>>;
}

function finiteNonNegative(op: string, name: string, v: number): void {
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw new ArgumentError(op, `${name} must be a finite non-negative number, got ${v}`);
}

/**
 * The base of every optimizer. `params` is an array of tensors, or of groups `{ params, lr?, options? }`.
 * Updates are in place on `p.data` (so modules and state dicts stay linked); a parameter whose grad is null is
 * skipped, as in PyTorch. Per-parameter state (momentum, Adam's m and v) is kept in float64.
 */
export abstract class Optimizer<H extends object = object> {
  readonly paramGroups: ParamGroup<H>[];
  /** Per-parameter state arrays, created on the first step that sees a gradient. */
  protected readonly state = new Map<Tensor, Record<string, Float64Array>>();
  protected readonly name: string;
  /** The names of the hyper-parameters besides lr. */
  private readonly hyperKeys: readonly string[];

  constructor(name: string, params: readonly Tensor[] | readonly ParamGroupSpec<H>[], lr: number, hyper: H) {
    this.name = name;
    this.hyperKeys = Object.keys(hyper);
    if (!Array.isArray(params) || params.length === 0) throw new ArgumentError(name, 'optimizer got an empty parameter list');
    finiteNonNegative(name, 'lr', lr);
    const specs: ParamGroupSpec<H>[] = params[0] instanceof Tensor ? [{ params: params as Tensor[] } as unknown as ParamGroupSpec<H>] : (params as ParamGroupSpec<H>[]);
    const seen = new Set<Tensor>();
    this.paramGroups = specs.map((s, gi) => {
      if (!s || !Array.isArray(s.params) || s.params.length === 0) throw new ArgumentError(name, `optimizer got an empty parameter list (group ${gi})`);
      for (const p of s.params) {
        if (!(p instanceof Tensor)) throw new ArgumentError(name, `group ${gi} holds something that is not a Tensor`);
        if (p.gradFn !== null) throw new ArgumentError(name, `can only optimize leaf tensors (parameters), but one of group ${gi}'s was computed by '${p.gradFn.op}'`);
        if (seen.has(p)) throw new ArgumentError(name, `a parameter appears more than once${p.name ? ` ('${p.name}')` : ''}`);
        seen.add(p);
      }
      const { params: ps, lr: glr, ...rest } = s as { params: readonly Tensor[]; lr?: number } & Record<string, unknown>;
      const h: Record<string, unknown> = { ...(hyper as Record<string, unknown>) };
      for (const [k, v] of Object.entries(rest)) {
        if (!(k in h)) throw new ArgumentError(name, `unknown option '${k}' in group ${gi} (known: lr, ${Object.keys(h).join(', ')})`);
        if (v !== undefined) h[k] = v;
      }
      const group = { ...(h as H), params: [...ps], lr: glr ?? lr } as ParamGroup<H>;
      finiteNonNegative(name, `lr of group ${gi}`, group.lr);
      this.validate(group);
      return group;
    });
  }

  /** Checks one group's hyper-parameters; throws an ArgumentError naming the bad one. */
  protected abstract validate(h: H): void;


  /** Applies one update to every parameter that has a gradient. */
  abstract step(): void;

  /** Sets every parameter's gradient to null (the next backward starts from zero). */
  zeroGrad(): void {
    for (const g of this.paramGroups) for (const p of g.params) p.grad = null;
  }

  /** Every parameter in order across the groups. */
  protected allParams(): Tensor[] {
    return this.paramGroups.flatMap((g) => g.params);
  }

  /** The state arrays of `p`, created zeroed on first use. */
  protected stateOf(p: Tensor, keys: readonly string[]): Record<string, Float64Array> {
    let s = this.state.get(p);
    if (s === undefined) {
      s = {};
      for (const k of keys) s[k] = new Float64Array(p.size);
      this.state.set(p, s);
    }
    return s;
  }

  /** Group-level scalar state (Adam's step count); stored by subclasses. */
  protected groupState(_gi: number): Record<string, number> { return {}; }
  protected setGroupState(_gi: number, _s: Record<string, number>): void { /* none by default */ }

  stateDict(): OptimizerState {
    const all = this.allParams();
    const index = new Map(all.map((p, i) => [p, i]));
    const state: OptimizerState['state'] = {};
    all.forEach((p, i) => {
      const s = this.state.get(p);
      if (s) {
        const rec: Record<string, number[]> = {};
        for (const [k, v] of Object.entries(s)) rec[k] = Array.from(v);
        state[String(i)] = rec;
      }
    });
    return {
      type: this.name,
      paramGroups: this.paramGroups.map((g, gi) => {
        const rec: { params: number[]; lr: number } & Record<string, unknown> = { params: g.params.map((p) => index.get(p)!), lr: g.lr };
        for (const k of this.hyperKeys) { const v = (g as Record<string, unknown>)[k]; rec[k] = Array.isArray(v) ? [...v] : v; }
        return { ...rec, ...this.groupState(gi) };
      }),
      state,
    };
  }

  /** Restores hyper-parameters and state saved by `stateDict()` of an optimizer over parameters of the same shapes. */
  loadStateDict(sd: OptimizerState): void {
    const op = `${this.name}.loadStateDict`;
    if (sd.type !== this.name) throw new ArgumentError(op, `the state was saved by ${sd.type}, not ${this.name}`);
    if (sd.paramGroups.length !== this.paramGroups.length) {
      throw new ArgumentError(op, `the state has ${sd.paramGroups.length} parameter groups but this optimizer has ${this.paramGroups.length}`);
    }
    sd.paramGroups.forEach((g, gi) => {
      if (g.params.length !== this.paramGroups[gi]!.params.length) {
        throw new ArgumentError(op, `group ${gi} has ${g.params.length} parameters in the state but ${this.paramGroups[gi]!.params.length} here`);
      }
    });
    const all = this.allParams();
    for (const [k, rec] of Object.entries(sd.state)) {
      const p = all[Number(k)];
      if (p === undefined) throw new ArgumentError(op, `state for parameter ${k}, but there are only ${all.length}`);
      for (const [name, v] of Object.entries(rec)) {
        if (Array.isArray(v) && v.length !== p.size) throw new ArgumentError(op, `state '${name}' of parameter ${k} has ${v.length} values but the parameter has ${p.size}`);
      }
    }
    this.state.clear();
    for (const [k, rec] of Object.entries(sd.state)) {
      const s: Record<string, Float64Array> = {};
      for (const [name, v] of Object.entries(rec)) if (Array.isArray(v)) s[name] = Float64Array.from(v);
      this.state.set(all[Number(k)]!, s);
    }
    sd.paramGroups.forEach((g, gi) => {
      const grp = this.paramGroups[gi]! as Record<string, unknown>;
      grp.lr = g.lr;
      const scalars: Record<string, number> = {};
      for (const [k, v] of Object.entries(g)) {
        if (k === 'params' || k === 'lr') continue;
        if (this.hyperKeys.includes(k)) grp[k] = Array.isArray(v) ? [...v] : v;
        else if (typeof v === 'number') scalars[k] = v;
      }
      this.setGroupState(gi, scalars);
    });
  }
}
