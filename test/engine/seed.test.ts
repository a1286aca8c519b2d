import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/engine';

// The seed page's printout, character for character.
describe('the seed example', () => {
  it('prints as the seed page does in float32 (the default for literal data)', () => {
    const x = tensor([-100, 0, 100], { requiresGrad: true });
    const y = x.sigmoid();
    y.sum().backward();
    expect(x.dtype).toBe('float32');
    expect(y.format()).toBe('[3.8e-44 5.0e-01 1.0e+00]');
    expect(x.grad!.toString()).toBe('tensor([3.8e-44, 2.5e-01, 0.0e+00])');
    expect(x.format()).toBe('[-100.    0.  100.]');
  });

  it('keeps float64 exact: sigmoid(-100) = 3.7200759760208356e-44', () => {
    const x = tensor(new Float64Array([-100, 0, 100]), { requiresGrad: true });
    const y = x.sigmoid();
    y.sum().backward();
    // e^-100/(1+e^-100) = 3.72007597602083596…e-44: the stable form gives the correctly rounded double,
    // 3.720075976020836e-44; Sorix's Tensor.sigmoid (1/(1+e^100)) lands one ulp below, 3.7200759760208356e-44.
    expect(y.data[0]).toBe(Math.exp(-100));
    expect(Math.abs(y.data[0]! - 3.7200759760208356e-44) / 3.72e-44).toBeLessThan(1e-15);
    expect(Array.from(y.data).slice(1)).toEqual([0.5, 1]);
    expect(x.grad!.data[0]).toBe(y.data[0]);
    expect(Array.from(x.grad!.data).slice(1)).toEqual([0.25, 0]);
    expect(y.format()).toBe('[3.72007598e-44 5.00000000e-01 1.00000000e+00]');
    expect(x.grad!.toString()).toBe('tensor([3.72007598e-44, 2.50000000e-01, 0.00000000e+00], dtype=float64)');
  });
});
