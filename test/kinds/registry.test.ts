import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_KINDS, CATEGORIES, KindRegistry, registry, type KindDef } from '../../src/kinds';
import { sigmoidKind } from '../../src/kinds/sigmoid';
import { camel } from './generate';

const kindsDir = new URL('../../src/kinds/', import.meta.url);
const isKind = (v: unknown): v is KindDef => typeof v === 'object' && v !== null && 'inferShapes' in v && 'evaluate' in v;

describe('the kind registry', () => {
  it('holds exactly the kinds the files of src/kinds export, each file named after its kind id', async () => {
    // Every module of the folder (helpers and infrastructure included), so that a kind not found by the generator's
    // naming rule still shows up here.
    const files = readdirSync(kindsDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.generated.ts'));
    const found: KindDef[] = [];
    for (const f of files) {
      const kinds = Object.values((await import(new URL(f, kindsDir).href)) as Record<string, unknown>).filter(isKind);
      if (kinds.length === 0) continue;
      expect(kinds, `${f} exports one kind`).toHaveLength(1);
      expect(kinds[0]!.id, `${f} holds the kind of the same name`).toBe(camel(f));
      found.push(kinds[0]!);
    }
    expect(new Set(ALL_KINDS)).toEqual(new Set(found));
    expect(ALL_KINDS).toHaveLength(found.length);
  });

  it('puts every kind in its palette section once, in paletteOrder, with no two kinds of a section at the same place', () => {
    const palette = registry.palette();
    expect(palette.map((c) => c.id)).toEqual(CATEGORIES.map((c) => c.id));
    expect(palette.flatMap((c) => c.kinds)).toEqual([...ALL_KINDS]);
    for (const c of palette) {
      const orders = c.kinds.map((k) => k.paletteOrder);
      expect(orders.every(Number.isFinite), c.id).toBe(true);
      expect(orders, c.id).toEqual([...new Set(orders)].sort((a, b) => a - b));
      for (const k of c.kinds) expect(k.category).toBe(c.id);
    }
  });

  it('refuses a duplicate, a malformed id, duplicate ports and a version without its migrations', () => {
    expect(() => new KindRegistry([sigmoidKind, sigmoidKind])).toThrow(/'sigmoid' is registered twice/);
    expect(() => new KindRegistry([{ ...sigmoidKind, id: 'Sigmoid-2' }])).toThrow(/lowerCamel/);
    expect(() => new KindRegistry([{ ...sigmoidKind, id: 'two', inputs: [sigmoidKind.inputs[0]!, sigmoidKind.inputs[0]!] }])).toThrow(/declared twice/);
    expect(() => new KindRegistry([{ ...sigmoidKind, id: 'v2', version: 2 }])).toThrow(/needs 1/);
    expect(() => registry.require('nope')).toThrow(/unknown node kind 'nope'/);
  });

  it('gives the Sigmoid the seed page’s two formulas', () => {
    expect(sigmoidKind.formulas.forward).toBe('\\sigma(x) = \\frac{1}{1 + e^{-x}}');
    expect(sigmoidKind.formulas.gradient).toBe('\\frac{d\\sigma(x)}{dx} = y(1 - y)');
  });
});
