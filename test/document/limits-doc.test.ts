import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/document';
import { PARAM_LIMITS } from '../../src/kinds';

const doc = readFileSync(new URL('../../docs/file-format.md', import.meta.url), 'utf8');
const section = doc.slice(doc.indexOf('### Limits'), doc.indexOf('\n### ', doc.indexOf('### Limits') + 1));
const n = (x: number): string => x.toLocaleString('en-US');

describe('the Limits section of docs/file-format.md', () => {
  it('states the bounds the reader and the evaluator enforce, with the numbers of limits.ts', () => {
    expect(section.length).toBeGreaterThan(500);
    for (const v of [LIMITS.maxTotalTensorElements, LIMITS.maxComputedElements, LIMITS.maxGraphElements, LIMITS.maxNodes, LIMITS.maxEdges,
      LIMITS.maxFileChars, LIMITS.maxDepth, LIMITS.maxTitle, LIMITS.maxDescription, LIMITS.maxName, LIMITS.maxId, LIMITS.maxString,
      LIMITS.maxCoordinate, PARAM_LIMITS.maxDimension, PARAM_LIMITS.maxTensorElements, PARAM_LIMITS.maxRank]) {
      expect(section, String(v)).toContain(n(v));
    }
  });
});
