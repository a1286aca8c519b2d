import { CATEGORIES, type KindCategory, type KindDef, type ParamValue, type Params } from './types';

const KIND_ID = /^[a-z][A-Za-z0-9]*$/;
const PORT_ID = /^[a-z][A-Za-z0-9]*$/;

/** The set of known kinds. Built once from a list; refuses duplicate or malformed kinds. */
export class KindRegistry {
  private readonly byId = new Map<string, KindDef>();

  constructor(kinds: readonly KindDef[]) {
    for (const k of kinds) this.register(k);
  }

  private register(k: KindDef): void {
    if (!KIND_ID.test(k.id)) throw new Error(`kind id '${k.id}' must be lowerCamel (letters and digits, starting with a lower-case letter)`);
    if (this.byId.has(k.id)) throw new Error(`kind '${k.id}' is registered twice`);
    if (!Number.isInteger(k.version) || k.version < 1) throw new Error(`kind '${k.id}': version must be an integer ≥ 1`);
    for (const list of [k.inputs, k.outputs]) {
      const seen = new Set<string>();
      for (const p of list) {
        if (!PORT_ID.test(p.id)) throw new Error(`kind '${k.id}': port id '${p.id}' must be lowerCamel`);
        if (seen.has(p.id)) throw new Error(`kind '${k.id}': port '${p.id}' is declared twice`);
        seen.add(p.id);
      }
    }
    if (k.outputs.length === 0) throw new Error(`kind '${k.id}' has no output`);
    const steps = k.migrations ?? [];
    steps.forEach((m, i) => {
      if (m.from !== i + 1) throw new Error(`kind '${k.id}': migration ${i} must upgrade from version ${i + 1}, not ${m.from}`);
    });
    if (steps.length !== k.version - 1) throw new Error(`kind '${k.id}' is at version ${k.version} but has ${steps.length} migrations (needs ${k.version - 1})`);
    this.byId.set(k.id, k);
  }

  /** The kind with this id, or undefined. */
  get(id: string): KindDef | undefined {
    return this.byId.get(id);
  }

  /** The kind with this id; throws naming the id when unknown. */
  require(id: string): KindDef {
    const k = this.byId.get(id);
    if (!k) throw new Error(`unknown node kind '${id}'`);
    return k;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Every kind, in registration order. */
  all(): readonly KindDef[] {
    return [...this.byId.values()];
  }

  /** The kinds of one palette category, by their `paletteOrder`. */
  byCategory(category: KindCategory): readonly KindDef[] {
    return this.all().filter((k) => k.category === category).sort((a, b) => a.paletteOrder - b.paletteOrder);
  }

  /** Palette sections in display order, each with its kinds. */
  palette(): readonly { id: KindCategory; label: string; kinds: readonly KindDef[] }[] {
    return CATEGORIES.map((c) => ({ ...c, kinds: this.byCategory(c.id) }));
  }
}

/** Fresh default params of a kind, in its declared order. */
export function defaultParams(kind: KindDef): Record<string, ParamValue> {
  if (kind.defaultParams) return kind.defaultParams();
  const out: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(kind.params)) {
    const d = spec.default;
    out[name] = Array.isArray(d) ? [...(d as readonly number[])] : (d as ParamValue);
  }
  return out;
}

/** The params in the kind's declared order (for stable files), with any extra keys dropped. */
export function orderParams(kind: KindDef, params: Params): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const name of Object.keys(kind.params)) {
    if (Object.prototype.hasOwnProperty.call(params, name)) out[name] = params[name]!;
  }
  return out;
}
