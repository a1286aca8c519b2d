import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_KINDS, KindRegistry, registry, type KindDef } from '../../src/kinds';
import { sigmoidKind } from '../../src/kinds/sigmoid';

const INFRASTRUCTURE = new Set(['types.ts', 'registry.ts', 'params.ts', 'all.ts', 'index.ts']);
const kindsDir = new URL('../../src/kinds/', import.meta.url);
const camel = (file: string): string => file.replace(/\.ts$/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

describe('the kind registry', () => {
  it('lists every kind file in src/kinds exactly once, each file named after its kind id', async () => {
    const files = readdirSync(kindsDir).filter((f) => f.endsWith('.ts') && !INFRASTRUCTURE.has(f));
    const found: KindDef[] = [];
    for (const f of files) {
      const mod = (await import(new URL(f, kindsDir).href)) as Record<string, unknown>;
      const kinds = Object.values(mod).filter((v): v is KindDef => typeof v === 'object' && v !== null && 'inferShapes' in v && 'evaluate' in v);
      expect(kinds, `${f} exports one kind`).toHaveLength(1);
      expect(kinds[0]!.id, `${f} holds the kind of the same name`).toBe(camel(f));
      expect(ALL_KINDS, `${f} is listed in all.ts`).toContain(kinds[0]);
      found.push(kinds[0]!);
    }
    expect(ALL_KINDS.length).toBe(found.length);
  });

  it('holds the kinds of issue 3', () => {
    expect(registry.all().map((k) => k.id).sort()).toEqual([
      'add', 'bceLoss', 'bceWithLogitsLoss', 'crossEntropyLoss', 'div', 'exp', 'leakyRelu', 'linear', 'linspace', 'log',
      'logSoftmax', 'matmul', 'mean', 'mseLoss', 'mul', 'pow', 'randomTensor', 'range', 'relu', 'reshape', 'scalar',
      'sigmoid', 'softmax', 'sub', 'sum', 'tanh', 'tensor', 'transpose',
    ]);
    expect(registry.palette().map((c) => [c.id, c.kinds.length])).toEqual([['source', 5], ['activation', 6], ['math', 12], ['layer', 1], ['loss', 4]]);
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
