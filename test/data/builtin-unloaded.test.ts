import { expect, it } from 'vitest';
import { makeDataset } from '../../src/data';

// In a file of its own: the built-in tables stay loaded for the rest of a test file once any test loads them.
it('makeDataset says so when a built-in set has not been loaded', () => {
  expect(() => makeDataset({ source: 'builtin', name: 'digits', seed: 0, testFraction: 0.5 })).toThrow(
    "the built-in data set 'digits' is not loaded yet (await loadBuiltin('digits') first)",
  );
});
