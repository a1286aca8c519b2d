import { readFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { APP_VERSION, fileJsonSchema } from '../../src/document';

const read = (p: string): string => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');

describe('the documentation stays in step with the code', () => {
  it('docs/sorix-graph.schema.json is the schema generated from the zod schema (regenerate: npx sorix-studio schema > docs/sorix-graph.schema.json)', () => {
    expect(JSON.parse(read('docs/sorix-graph.schema.json'))).toEqual(fileJsonSchema());
  });

  it('an independent validator (ajv, a pinned devDependency) accepts the examples against the committed schema and refuses broken files', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(read('docs/sorix-graph.schema.json')) as object);
    for (const f of readdirSync(new URL('../../assets/examples/', import.meta.url))) {
      expect(validate(JSON.parse(read(`assets/examples/${f}`))), `${f}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    const seed = JSON.parse(read('assets/examples/seed.sorix.json'));
    expect(validate({ ...seed, graph: { ...seed.graph, extra: 1 } })).toBe(false);
    expect(validate({ ...seed, version: 3 })).toBe(false);
    expect(validate({ ...seed, training: { feeds: { x: 'x' } } })).toBe(false);
    expect(validate({ ...seed, training: { feeds: { x: 'x', y: 'x' }, optimizer: { name: 'sgd', lr: 0.1, betas: [0.9, 0.99] } } })).toBe(false);
    expect(validate({ ...seed, training: { feeds: { x: 'x', y: 'x' }, optimizer: { name: 'adam', lr: 0.1, betas: [0.9, 0.99] } } })).toBe(true);
    expect(validate({ ...seed, graph: { ...seed.graph, edges: [{ id: 'e', source: 'x.out', target: 'sum.x' }] } })).toBe(false);
  });

  it('files record the app version of package.json', () => {
    expect(APP_VERSION).toBe(JSON.parse(read('package.json')).version);
  });
});
