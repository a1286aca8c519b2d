/**
 * One table-driven finite-difference gradient check (float64) for every differentiable op of the public API, with
 * broadcast shapes, several axes and the awkward cases (1-D matmul, repeated indices, negative steps). Each row runs
 * y = f(inputs) with a random upstream gradient and compares every input's .grad with central differences.
 * The table also covers nn.functional (the fused layer ops) and every loss class: meta-tests enumerate the engine's
 * exports, src/engine/nn/functional.ts and src/engine/nn/loss.ts, and fail on anything without a row (a row's name
 * starts with the function's or the class's name).
 */
import { describe, expect, it } from 'vitest';
import {
  abs, add, cat, clamp, cos, div, exp, leakyRelu, log, logSoftmax, logsumexp, matmul, max, maximum, mean, min, minimum,
  mul, neg, pow, relu, reshape, sigmoid, sin, softmax, sqrt, squeeze, stack, std, sub, sum, tanh, tensor, transpose,
  unsqueeze, variance, where, type Tensor,
} from '../../src/engine';
import * as engine from '../../src/engine';
import { nn } from '../../src/engine';
import * as functional from '../../src/engine/nn/functional';
import * as lossModule from '../../src/engine/nn/loss';
import { gradcheck, randAwayFromZero, randT } from './helpers/gradcheck';

interface Row {
  name: string;
  f: (...xs: Tensor[]) => Tensor;
  /** Fresh inputs (float64; requiresGrad on those to check). */
  inputs: () => Tensor[];
  /** The expected output shape (guards against a row that silently computes something else). */
  shape: readonly number[];
}

const T = randT;
/** Given values as a float64 tensor that requires grad. */
const V = (v: number[], shape?: number[]): Tensor => tensor(new Float64Array(v), { shape: shape ?? [v.length], requiresGrad: true });
const away = randAwayFromZero;
const pos = (shape: readonly number[], seed: number): Tensor => T(shape, seed, 0.3, 3);
/** A constant (no grad) float64 tensor. */
const C = (shape: readonly number[], seed: number): Tensor => T(shape, seed, -2, 2, false);
/** A tensor of distinct values (no ties for max), shuffled. */
function distinct(shape: readonly number[], seed: number): Tensor {
  const t = T(shape, seed);
  // Add a spread of well-separated offsets so the max of any lane is unique by a margin larger than the FD step.
  for (let i = 0; i < t.size; i++) t.data[i] = t.data[i]! + ((i * 7) % t.size) * 0.5;
  return t;
}

const rows: Row[] = [
  // add sub mul div: same shapes, broadcasting both ways, 0-d, JS numbers on either side.
  { name: 'add (2,3)+(2,3)', f: add, inputs: () => [T([2, 3], 1), T([2, 3], 2)], shape: [2, 3] },
  { name: 'add (3,1)+(1,4)', f: add, inputs: () => [T([3, 1], 3), T([1, 4], 4)], shape: [3, 4] },
  { name: 'add (2,3)+(3,)', f: add, inputs: () => [T([2, 3], 5), T([3], 6)], shape: [2, 3] },
  { name: 'add (4,1,3)+(2,3)', f: add, inputs: () => [T([4, 1, 3], 7), T([2, 3], 8)], shape: [4, 2, 3] },
  { name: 'add 0-d+(2,3)', f: add, inputs: () => [T([], 9), T([2, 3], 10)], shape: [2, 3] },
  { name: 'add (2,3)+(2,1)', f: add, inputs: () => [T([2, 3], 11), T([2, 1], 12)], shape: [2, 3] },
  { name: 'add (3,3)+(3,1) column', f: add, inputs: () => [T([3, 3], 13), T([3, 1], 14)], shape: [3, 3] },
  { name: 'add (3,1)+(3,3) column', f: add, inputs: () => [T([3, 1], 15), T([3, 3], 16)], shape: [3, 3] },
  { name: 'add (2,3,4)+(3,1)', f: add, inputs: () => [T([2, 3, 4], 17), T([3, 1], 18)], shape: [2, 3, 4] },
  { name: 'add (2,1,3)+(1,4,1) both sides broadcast', f: add, inputs: () => [T([2, 1, 3], 228), T([1, 4, 1], 229)], shape: [2, 4, 3] },
  { name: 'mul (4,1)*(2,1,3)', f: mul, inputs: () => [T([4, 1], 230), T([2, 1, 3], 231)], shape: [2, 4, 3] },
  { name: 'div (2,1,3)/(1,4,1)', f: div, inputs: () => [T([2, 1, 3], 232), away([1, 4, 1], 233)], shape: [2, 4, 3] },
  { name: 'add (2,3)+2.5', f: (a) => a.add(2.5), inputs: () => [T([2, 3], 19)], shape: [2, 3] },
  { name: 'add 2.5+(2,3)', f: (a) => add(2.5, a), inputs: () => [T([2, 3], 20)], shape: [2, 3] },
  { name: 'add (2,3)+const (3,)', f: add, inputs: () => [T([2, 3], 21), C([3], 22)], shape: [2, 3] },
  { name: 'sub (2,3)-(2,3)', f: sub, inputs: () => [T([2, 3], 23), T([2, 3], 24)], shape: [2, 3] },
  { name: 'sub (3,1)-(1,4)', f: sub, inputs: () => [T([3, 1], 25), T([1, 4], 26)], shape: [3, 4] },
  { name: 'sub (2,3)-(3,)', f: sub, inputs: () => [T([2, 3], 27), T([3], 28)], shape: [2, 3] },
  { name: 'sub (4,1,3)-(2,3)', f: sub, inputs: () => [T([4, 1, 3], 29), T([2, 3], 30)], shape: [4, 2, 3] },
  { name: 'sub 0-d-(2,3)', f: sub, inputs: () => [T([], 31), T([2, 3], 32)], shape: [2, 3] },
  { name: 'sub (2,3)-1.5', f: (a) => a.sub(1.5), inputs: () => [T([2, 3], 33)], shape: [2, 3] },
  { name: 'sub 1.5-(2,3)', f: (a) => sub(1.5, a), inputs: () => [T([2, 3], 34)], shape: [2, 3] },
  { name: 'mul (2,3)*(2,3)', f: mul, inputs: () => [T([2, 3], 35), T([2, 3], 36)], shape: [2, 3] },
  { name: 'mul (3,1)*(1,4)', f: mul, inputs: () => [T([3, 1], 37), T([1, 4], 38)], shape: [3, 4] },
  { name: 'mul (2,3)*(3,)', f: mul, inputs: () => [T([2, 3], 39), T([3], 40)], shape: [2, 3] },
  { name: 'mul (4,1,3)*(2,3)', f: mul, inputs: () => [T([4, 1, 3], 41), T([2, 3], 42)], shape: [4, 2, 3] },
  { name: 'mul 0-d*(2,3)', f: mul, inputs: () => [T([], 43), T([2, 3], 44)], shape: [2, 3] },
  { name: 'mul (3,3)*(3,1) column', f: mul, inputs: () => [T([3, 3], 45), T([3, 1], 46)], shape: [3, 3] },
  { name: 'mul (2,3)*-0.7', f: (a) => a.mul(-0.7), inputs: () => [T([2, 3], 47)], shape: [2, 3] },
  { name: 'mul 3*(2,3)', f: (a) => mul(3, a), inputs: () => [T([2, 3], 48)], shape: [2, 3] },
  { name: 'mul x*x (same tensor twice)', f: (a) => mul(a, a), inputs: () => [T([2, 3], 49)], shape: [2, 3] },
  { name: 'div (2,3)/(2,3)', f: div, inputs: () => [T([2, 3], 50), away([2, 3], 51)], shape: [2, 3] },
  { name: 'div (3,1)/(1,4)', f: div, inputs: () => [T([3, 1], 52), away([1, 4], 53)], shape: [3, 4] },
  { name: 'div (2,3)/(3,)', f: div, inputs: () => [T([2, 3], 54), away([3], 55)], shape: [2, 3] },
  { name: 'div (4,1,3)/(2,3)', f: div, inputs: () => [T([4, 1, 3], 56), away([2, 3], 57)], shape: [4, 2, 3] },
  { name: 'div 0-d/(2,3)', f: div, inputs: () => [T([], 58), away([2, 3], 59)], shape: [2, 3] },
  { name: 'div (2,3)/0-d', f: div, inputs: () => [T([2, 3], 60), away([], 61)], shape: [2, 3] },
  { name: 'div (3,3)/(3,1) column', f: div, inputs: () => [T([3, 3], 62), away([3, 1], 63)], shape: [3, 3] },
  { name: 'div (2,3)/4', f: (a) => a.div(4), inputs: () => [T([2, 3], 64)], shape: [2, 3] },
  { name: 'div 2/(2,3)', f: (a) => div(2, a), inputs: () => [away([2, 3], 65)], shape: [2, 3] },

  // Unary elementwise.
  { name: 'neg', f: neg, inputs: () => [T([2, 3], 70)], shape: [2, 3] },
  { name: 'pow 2', f: (a) => pow(a, 2), inputs: () => [T([2, 3], 71)], shape: [2, 3] },
  { name: 'pow 3', f: (a) => a.pow(3), inputs: () => [T([2, 3], 72)], shape: [2, 3] },
  { name: 'pow 0.5', f: (a) => a.pow(0.5), inputs: () => [pos([2, 3], 73)], shape: [2, 3] },
  { name: 'pow -1', f: (a) => a.pow(-1), inputs: () => [away([2, 3], 74)], shape: [2, 3] },
  { name: 'pow 0', f: (a) => a.pow(0), inputs: () => [T([2, 3], 75)], shape: [2, 3] },
  { name: 'pow 1/3', f: (a) => a.pow(1 / 3), inputs: () => [pos([2, 3], 76)], shape: [2, 3] },
  { name: 'pow -2.5', f: (a) => a.pow(-2.5), inputs: () => [pos([2, 3], 77)], shape: [2, 3] },
  { name: 'exp', f: exp, inputs: () => [T([2, 3], 78)], shape: [2, 3] },
  { name: 'log', f: log, inputs: () => [pos([2, 3], 79)], shape: [2, 3] },
  { name: 'sqrt', f: sqrt, inputs: () => [pos([2, 3], 80)], shape: [2, 3] },
  { name: 'sin', f: sin, inputs: () => [T([2, 3], 81, -4, 4)], shape: [2, 3] },
  { name: 'cos', f: cos, inputs: () => [T([2, 3], 82, -4, 4)], shape: [2, 3] },
  { name: 'abs', f: abs, inputs: () => [away([2, 3], 83)], shape: [2, 3] },
  { name: 'clamp (-0.5, 0.5)', f: (a) => clamp(a, -0.5, 0.5), inputs: () => [away([3, 4], 84, 0.05)], shape: [3, 4] },
  { name: 'clamp (min only)', f: (a) => a.clamp(0.1), inputs: () => [away([3, 4], 85, 0.3)], shape: [3, 4] },
  { name: 'clamp (max only)', f: (a) => a.clamp(null, -0.1), inputs: () => [away([3, 4], 86, 0.3)], shape: [3, 4] },
  { name: 'sigmoid', f: sigmoid, inputs: () => [T([2, 3], 87, -6, 6)], shape: [2, 3] },
  { name: 'tanh', f: tanh, inputs: () => [T([2, 3], 88, -3, 3)], shape: [2, 3] },
  { name: 'relu', f: relu, inputs: () => [away([2, 3], 89)], shape: [2, 3] },
  { name: 'leakyRelu default', f: (a) => leakyRelu(a), inputs: () => [away([2, 3], 90)], shape: [2, 3] },
  { name: 'leakyRelu 0.2', f: (a) => a.leakyRelu(0.2), inputs: () => [away([2, 3], 91)], shape: [2, 3] },

  // softmax / logSoftmax on several axes.
  { name: 'softmax (2,3) axis -1', f: (a) => softmax(a), inputs: () => [T([2, 3], 100)], shape: [2, 3] },
  { name: 'softmax (2,3) axis 0', f: (a) => a.softmax(0), inputs: () => [T([2, 3], 101)], shape: [2, 3] },
  { name: 'softmax (2,3,4) axis 1', f: (a) => a.softmax(1), inputs: () => [T([2, 3, 4], 102)], shape: [2, 3, 4] },
  { name: 'softmax (5,) axis 0', f: (a) => a.softmax(0), inputs: () => [T([5], 103)], shape: [5] },
  { name: 'logSoftmax (2,3) axis -1', f: (a) => logSoftmax(a), inputs: () => [T([2, 3], 104)], shape: [2, 3] },
  { name: 'logSoftmax (2,3) axis 0', f: (a) => a.logSoftmax(0), inputs: () => [T([2, 3], 105)], shape: [2, 3] },
  { name: 'logSoftmax (2,3,4) axis 1', f: (a) => a.logSoftmax(1), inputs: () => [T([2, 3, 4], 106)], shape: [2, 3, 4] },
  { name: 'logSoftmax (2,3,4) axis -3', f: (a) => a.logSoftmax(-3), inputs: () => [T([2, 3, 4], 107)], shape: [2, 3, 4] },

  // matmul in every arrangement.
  { name: 'matmul (3,)@(3,)', f: matmul, inputs: () => [T([3], 110), T([3], 111)], shape: [] },
  { name: 'matmul (3,)@(3,4)', f: matmul, inputs: () => [T([3], 112), T([3, 4], 113)], shape: [4] },
  { name: 'matmul (3,)@(3,3)', f: matmul, inputs: () => [T([3], 114), T([3, 3], 115)], shape: [3] },
  { name: 'matmul (2,3)@(3,)', f: matmul, inputs: () => [T([2, 3], 116), T([3], 117)], shape: [2] },
  { name: 'matmul (2,3)@(3,4)', f: matmul, inputs: () => [T([2, 3], 118), T([3, 4], 119)], shape: [2, 4] },
  { name: 'matmul (5,7)@(7,6) (k unrolled)', f: matmul, inputs: () => [T([5, 7], 120), T([7, 6], 121)], shape: [5, 6] },
  { name: 'matmul (2,2,3)@(2,3,4)', f: matmul, inputs: () => [T([2, 2, 3], 122), T([2, 3, 4], 123)], shape: [2, 2, 4] },
  { name: 'matmul (2,2,3)@(3,4)', f: matmul, inputs: () => [T([2, 2, 3], 124), T([3, 4], 125)], shape: [2, 2, 4] },
  { name: 'matmul (2,3)@(2,3,4)', f: matmul, inputs: () => [T([2, 3], 126), T([2, 3, 4], 127)], shape: [2, 2, 4] },
  { name: 'matmul (2,1,2,3)@(3,3,2) broadcast batch', f: matmul, inputs: () => [T([2, 1, 2, 3], 128), T([3, 3, 2], 129)], shape: [2, 3, 2, 2] },
  { name: 'matmul (1,2,3)@(2,3,4) batch 1 vs 2', f: matmul, inputs: () => [T([1, 2, 3], 130), T([2, 3, 4], 131)], shape: [2, 2, 4] },
  { name: 'matmul (3,)@(2,3,4)', f: matmul, inputs: () => [T([3], 132), T([2, 3, 4], 133)], shape: [2, 4] },
  { name: 'matmul (2,2,3)@(3,)', f: matmul, inputs: () => [T([2, 2, 3], 134), T([3], 135)], shape: [2, 2] },
  { name: 'matmul (2,3)@const (3,4)', f: matmul, inputs: () => [T([2, 3], 136), C([3, 4], 137)], shape: [2, 4] },

  // Reductions.
  { name: 'sum all', f: (a) => sum(a), inputs: () => [T([2, 3, 4], 140)], shape: [] },
  { name: 'sum axis 0', f: (a) => a.sum(0), inputs: () => [T([3, 4], 141)], shape: [4] },
  { name: 'sum axis 1', f: (a) => a.sum(1), inputs: () => [T([3, 4], 142)], shape: [3] },
  { name: 'sum axis 1 (3,3)', f: (a) => a.sum(1), inputs: () => [T([3, 3], 143)], shape: [3] },
  { name: 'sum axis 1 keepdims (3,3)', f: (a) => a.sum(1, true), inputs: () => [T([3, 3], 144)], shape: [3, 1] },
  { name: 'sum axis -1 keepdims', f: (a) => a.sum(-1, true), inputs: () => [T([2, 3, 4], 145)], shape: [2, 3, 1] },
  { name: 'sum axis [0,2]', f: (a) => a.sum([0, 2]), inputs: () => [T([2, 3, 4], 146)], shape: [3] },
  { name: 'sum axis [0,2] keepdims', f: (a) => a.sum([0, 2], true), inputs: () => [T([2, 3, 4], 147)], shape: [1, 3, 1] },
  { name: 'sum axis [1,2]', f: (a) => a.sum([1, 2]), inputs: () => [T([2, 3, 4], 148)], shape: [2] },
  { name: 'sum axis null keepdims', f: (a) => a.sum(null, true), inputs: () => [T([2, 3], 149)], shape: [1, 1] },
  { name: 'sum 0-d', f: (a) => a.sum(), inputs: () => [T([], 150)], shape: [] },
  { name: 'mean all', f: (a) => mean(a), inputs: () => [T([2, 3, 4], 151)], shape: [] },
  { name: 'mean axis 0', f: (a) => a.mean(0), inputs: () => [T([3, 4], 152)], shape: [4] },
  { name: 'mean axis 1 keepdims (4,4)', f: (a) => a.mean(1, true), inputs: () => [T([4, 4], 153)], shape: [4, 1] },
  { name: 'mean axis [0,2]', f: (a) => a.mean([0, 2]), inputs: () => [T([2, 3, 4], 154)], shape: [3] },
  { name: 'mean axis -2 keepdims', f: (a) => a.mean(-2, true), inputs: () => [T([2, 3, 4], 155)], shape: [2, 1, 4] },
  { name: 'max all', f: (a) => max(a), inputs: () => [distinct([3, 4], 156)], shape: [] },
  { name: 'max axis 0', f: (a) => a.max(0), inputs: () => [distinct([3, 4], 157)], shape: [4] },
  { name: 'max axis 1 keepdims', f: (a) => a.max(1, true), inputs: () => [distinct([3, 4], 158)], shape: [3, 1] },
  { name: 'max axis [0,2]', f: (a) => a.max([0, 2]), inputs: () => [distinct([2, 3, 4], 159)], shape: [3] },
  { name: 'max axis -1', f: (a) => a.max(-1), inputs: () => [distinct([2, 3, 4], 160)], shape: [2, 3] },

  // Movement.
  { name: 'reshape (2,3)->(3,2)', f: (a) => reshape(a, [3, 2]), inputs: () => [T([2, 3], 170)], shape: [3, 2] },
  { name: 'reshape with -1', f: (a) => a.reshape(-1, 2), inputs: () => [T([2, 3, 2], 171)], shape: [6, 2] },
  { name: 'reshape (-1,)', f: (a) => a.reshape([-1]), inputs: () => [T([2, 3], 172)], shape: [6] },
  { name: 'transpose 2-D', f: (a) => transpose(a), inputs: () => [T([2, 3], 173)], shape: [3, 2] },
  { name: 'transpose 3-D reversed', f: (a) => a.transpose(), inputs: () => [T([2, 3, 4], 174)], shape: [4, 3, 2] },
  { name: 'transpose 3-D axes [1,0,2]', f: (a) => a.transpose([1, 0, 2]), inputs: () => [T([2, 3, 4], 175)], shape: [3, 2, 4] },
  { name: 'transpose 3-D axes [2,0,1]', f: (a) => a.transpose([2, 0, 1]), inputs: () => [T([2, 3, 4], 176)], shape: [4, 2, 3] },
  { name: 'transpose negative axes [-1,-3,-2]', f: (a) => a.transpose([-1, -3, -2]), inputs: () => [T([2, 3, 4], 177)], shape: [4, 2, 3] },
  { name: 'T 2-D', f: (a) => a.T, inputs: () => [T([3, 4], 178)], shape: [4, 3] },
  { name: 'squeeze all', f: (a) => squeeze(a), inputs: () => [T([1, 3, 1, 2], 179)], shape: [3, 2] },
  { name: 'squeeze axis 2', f: (a) => a.squeeze(2), inputs: () => [T([1, 3, 1, 2], 180)], shape: [1, 3, 2] },
  { name: 'unsqueeze 0', f: (a) => unsqueeze(a, 0), inputs: () => [T([3, 2], 181)], shape: [1, 3, 2] },
  { name: 'unsqueeze -1', f: (a) => a.unsqueeze(-1), inputs: () => [T([3, 2], 182)], shape: [3, 2, 1] },
  { name: 'index int', f: (a) => a.index(1), inputs: () => [T([3, 4], 183)], shape: [4] },
  { name: 'index negative int pair', f: (a) => a.index([-1, 2]), inputs: () => [T([3, 4], 184)], shape: [] },
  { name: 'index slice', f: (a) => a.index([{ start: 1, stop: 3 }]), inputs: () => [T([4, 3], 185)], shape: [2, 3] },
  { name: 'index slice step 2 on axis 1', f: (a) => a.index([{}, { start: 0, stop: null, step: 2 }]), inputs: () => [T([3, 5], 186)], shape: [3, 3] },
  { name: 'index negative step', f: (a) => a.index([{ step: -1 }]), inputs: () => [T([4, 2], 187)], shape: [4, 2] },
  { name: 'index negative step -2 from -2', f: (a) => a.index([{}, { start: -2, step: -2 }]), inputs: () => [T([2, 6], 188)], shape: [2, 3] },
  { name: 'index int array with repeats', f: (a) => a.index([[0, 0, 2, -1, 0]]), inputs: () => [T([4, 3], 189)], shape: [5, 3] },
  { name: 'index int + int array on axis 1', f: (a) => a.index([1, [2, 2, 0]]), inputs: () => [T([3, 4], 190)], shape: [3] },
  { name: 'index slice + int array', f: (a) => a.index([{ start: 1 }, [3, 0, 3]]), inputs: () => [T([3, 4], 191)], shape: [2, 3] },
  { name: 'index int, slice, int array (array axis first, as NumPy)', f: (a) => a.index([1, { stop: 2 }, [3, 1, 0]]), inputs: () => [T([2, 3, 4], 234)], shape: [3, 2] },
  { name: 'index slice, int array, int (adjacent: in place)', f: (a) => a.index([{ stop: 1 }, [2, 0], 3]), inputs: () => [T([2, 3, 4], 235)], shape: [1, 2] },
  { name: 'cat axis 0', f: (a, b) => cat([a, b], 0), inputs: () => [T([2, 3], 192), T([1, 3], 193)], shape: [3, 3] },
  { name: 'cat axis 1 three inputs', f: (a, b, c) => cat([a, b, c], 1), inputs: () => [T([2, 1], 194), T([2, 3], 195), T([2, 2], 196)], shape: [2, 6] },
  { name: 'cat axis -1 3-D', f: (a, b) => cat([a, b], -1), inputs: () => [T([2, 2, 3], 197), T([2, 2, 1], 198)], shape: [2, 2, 4] },
  { name: 'cat with a constant', f: (a, b) => cat([a, b], 0), inputs: () => [T([2, 3], 199), C([2, 3], 200)], shape: [4, 3] },
  { name: 'cat same tensor twice', f: (a) => cat([a, a], 1), inputs: () => [T([2, 3], 201)], shape: [2, 6] },
  { name: 'stack axis 0', f: (a, b) => stack([a, b], 0), inputs: () => [T([2, 3], 202), T([2, 3], 203)], shape: [2, 2, 3] },
  { name: 'stack axis 1', f: (a, b, c) => stack([a, b, c], 1), inputs: () => [T([2, 3], 204), T([2, 3], 205), T([2, 3], 206)], shape: [2, 3, 3] },
  { name: 'stack axis -1', f: (a, b) => stack([a, b], -1), inputs: () => [T([2, 3], 207), T([2, 3], 208)], shape: [2, 3, 2] },
  {
    name: 'where same shapes',
    f: (a, b) => where(tensor(new Float64Array([1, 0, 1, 0, 0, 1]), { shape: [2, 3] }), a, b),
    inputs: () => [T([2, 3], 209), T([2, 3], 210)],
    shape: [2, 3],
  },
  {
    name: 'where broadcast cond (3,1), a (1,4), b (3,4)',
    f: (a, b) => where(tensor(new Float64Array([1, 0, 1]), { shape: [3, 1] }), a, b),
    inputs: () => [T([1, 4], 211), T([3, 4], 212)],
    shape: [3, 4],
  },
  {
    name: 'where with a number for b',
    f: (a) => where(tensor(new Float64Array([0, 1, 1, 0]), { shape: [4] }), a, -1),
    inputs: () => [T([2, 4], 213)],
    shape: [2, 4],
  },
  {
    name: 'where with a 0-d a',
    f: (a, b) => where(tensor(new Float64Array([0, 1, 1, 0]), { shape: [2, 2] }), a, b),
    inputs: () => [T([], 214), T([2, 2], 215)],
    shape: [2, 2],
  },

  // Large inputs where finite differences are still meaningful (the saturating cases are checked analytically below).
  { name: 'sin at ±100, ±1000', f: sin, inputs: () => [V([-1000, -100, 100, 1000])], shape: [4] },
  { name: 'cos at ±100, ±1000', f: cos, inputs: () => [V([-1000, -100, 100, 1000])], shape: [4] },
  // (±100 and ±1000 in separate rows: beside 1000³ the difference quotient for 100³ would lose digits.)
  { name: 'pow 3 at ±100', f: (a) => a.pow(3), inputs: () => [V([-100, 100])], shape: [2] },
  { name: 'pow 3 at ±1000', f: (a) => a.pow(3), inputs: () => [V([-1000, 1000])], shape: [2] },
  { name: 'exp at -100, 100', f: exp, inputs: () => [V([-100, 100])], shape: [2] },
  { name: 'log at 100, 1000', f: log, inputs: () => [V([100, 1000])], shape: [2] },
  { name: 'mul/div at ±1000', f: (a, b) => a.mul(b).div(b.add(3000)), inputs: () => [V([-1000, 1000]), V([1000, -100])], shape: [2] },
  { name: 'softmax with a ±10 spread', f: (a) => a.softmax(-1), inputs: () => [V([10, 0, -10, 3])], shape: [4] },
  { name: 'logSoftmax at ±100', f: (a) => a.logSoftmax(-1), inputs: () => [V([100, 99, -100])], shape: [3] },
  { name: 'sigmoid at ±10', f: sigmoid, inputs: () => [V([-10, 10])], shape: [2] },
  { name: 'matmul with entries ±100', f: matmul, inputs: () => [V([100, -100, 1, 2], [2, 2]), V([-100, 3, 100, 4], [2, 2])], shape: [2, 2] },

  // nn.functional: the fused layer ops (one graph node each, with a hand-written backward).
  { name: 'linear (4,3)·(3,5) + b (1,5)', f: (x, w, b) => nn.linear(x, w, b), inputs: () => [T([4, 3], 240), T([3, 5], 241), T([1, 5], 242)], shape: [4, 5] },
  { name: 'linear (2,3)·(3,4) + b (4,)', f: (x, w, b) => nn.linear(x, w, b), inputs: () => [T([2, 3], 243), T([3, 4], 244), T([4], 245)], shape: [2, 4] },
  { name: 'linear without bias', f: (x, w) => nn.linear(x, w, null), inputs: () => [T([3, 2], 246), T([2, 3], 247)], shape: [3, 3] },
  { name: 'linear 3-D input (through matmul)', f: (x, w, b) => nn.linear(x, w, b), inputs: () => [T([2, 2, 3], 248), T([3, 2], 249), T([1, 2], 250)], shape: [2, 2, 2] },
  { name: 'linear with a constant W', f: (x, w, b) => nn.linear(x, w, b), inputs: () => [T([4, 3], 251), C([3, 2], 252), T([1, 2], 253)], shape: [4, 2] },
  {
    name: 'batchNorm1d training (batch statistics)',
    f: (x, gamma, beta, rm, rv) => nn.batchNorm1d(x, { gamma, beta, runningMean: rm, runningVar: rv, training: true, momentum: 0.1, eps: 1e-5 }),
    inputs: () => [T([5, 3], 254), T([3], 255, 0.5, 2), T([3], 256), C([3], 257), T([3], 258, 0.5, 2, false)],
    shape: [5, 3],
  },
  {
    name: 'batchNorm1d evaluation (running statistics)',
    f: (x, gamma, beta, rm, rv) => nn.batchNorm1d(x, { gamma, beta, runningMean: rm, runningVar: rv, training: false, momentum: 0.1, eps: 1e-5 }),
    inputs: () => [T([4, 3], 259), T([1, 3], 260, 0.5, 2), T([1, 3], 261), C([1, 3], 262), T([1, 3], 263, 0.5, 2, false)],
    shape: [4, 3],
  },
  { name: 'embedding (2,2) indices with a repeat', f: (w) => nn.embedding([[0, 2], [2, 1]], w), inputs: () => [T([3, 4], 264)], shape: [2, 2, 4] },
  { name: 'embedding 1-D indices', f: (w) => nn.embedding(tensor([4, 0, 4]), w), inputs: () => [T([5, 2], 265)], shape: [3, 2] },
  {
    name: 'maskedScale (dropout mask 0 or 1/(1−p))',
    f: (x) => functional.maskedScale('dropout', x, new Float64Array([0, 2, 2, 0, 2, 2])),
    inputs: () => [T([2, 3], 266)],
    shape: [2, 3],
  },

  // Losses (0-d results); targets get a gradient where the formula has one.
  { name: 'MSELoss (4,1)', f: (p, y) => new nn.MSELoss().forward(p, y), inputs: () => [T([4, 1], 270), T([4, 1], 271)], shape: [] },
  { name: 'MSELoss (2,3) constant target', f: (p, y) => new nn.MSELoss().forward(p, y), inputs: () => [T([2, 3], 272), C([2, 3], 273)], shape: [] },
  { name: 'BCELoss (5,) soft targets', f: (p, y) => new nn.BCELoss().forward(p, y), inputs: () => [T([5], 274, 0.1, 0.9), T([5], 275, 0, 1)], shape: [] },
  {
    name: 'BCELoss (4,1) 0/1 targets',
    f: (p, y) => new nn.BCELoss().forward(p, y),
    inputs: () => [T([4, 1], 276, 0.05, 0.95), tensor(new Float64Array([0, 1, 1, 0]), { shape: [4, 1] })],
    shape: [],
  },
  { name: 'BCEWithLogitsLoss (6,)', f: (z, y) => new nn.BCEWithLogitsLoss().forward(z, y), inputs: () => [T([6], 277, -4, 4), T([6], 278, 0, 1)], shape: [] },
  { name: 'BCEWithLogitsLoss (3,2) constant target', f: (z, y) => new nn.BCEWithLogitsLoss().forward(z, y), inputs: () => [T([3, 2], 279, -4, 4), C([3, 2], 280)], shape: [] },
  { name: 'CrossEntropyLoss class indices', f: (z) => new nn.CrossEntropyLoss().forward(z, [0, 2, 1, 2]), inputs: () => [T([4, 3], 281)], shape: [] },
  { name: 'CrossEntropyLoss indices (N,1) with class weights', f: (z) => new nn.CrossEntropyLoss({ weight: [0.2, 1, 3] }).forward(z, [[1], [0], [2]]), inputs: () => [T([3, 3], 282)], shape: [] },
  {
    name: 'CrossEntropyLoss soft labels',
    f: (z, t) => new nn.CrossEntropyLoss({ oneHot: true }).forward(z, t),
    inputs: () => [T([2, 3], 283), tensor(new Float64Array([0.7, 0.2, 0.1, 0, 0.5, 0.5]), { shape: [2, 3] })],
    shape: [],
  },
  { name: 'L1Loss (4,2)', f: (p, y) => new nn.L1Loss().forward(p, y), inputs: () => [T([4, 2], 284), T([4, 2], 285)], shape: [] },
  { name: "L1Loss reduction 'sum'", f: (p, y) => new nn.L1Loss({ reduction: 'sum' }).forward(p, y), inputs: () => [T([5], 286), C([5], 287)], shape: [] },
  { name: 'SmoothL1Loss (6,) beta 0.5', f: (p, y) => new nn.SmoothL1Loss({ beta: 0.5 }).forward(p, y), inputs: () => [T([6], 288, -2, 2), T([6], 289, -2, 2)], shape: [] },
  { name: 'NLLLoss class indices', f: (z) => new nn.NLLLoss().forward(z.logSoftmax(1), [2, 0, 1]), inputs: () => [T([3, 3], 290)], shape: [] },
  { name: 'NLLLoss with class weights', f: (z) => new nn.NLLLoss({ weight: [0.5, 2, 1] }).forward(z, [1, 1, 0, 2]), inputs: () => [T([4, 3], 291)], shape: [] },
  {
    name: 'CrossEntropyLoss logits at ±100',
    f: (z) => new nn.CrossEntropyLoss().forward(z, [1, 0]),
    inputs: () => [V([100, -100, 99, -100, 100, 0], [2, 3])],
    shape: [],
  },

  // Compositions: shared subexpressions and pass-through ops whose gradients must not alias each other.
  { name: 'x*y + x/y - x', f: (a, b) => a.mul(b).add(a.div(b)).sub(a), inputs: () => [T([2, 3], 220), away([2, 3], 221)], shape: [2, 3] },
  { name: 'reshape then add to itself', f: (a) => a.reshape(6).add(a.reshape(6)), inputs: () => [T([2, 3], 222)], shape: [6] },
  { name: 'MLP layer tanh(x@W + b)', f: (x, w, b) => x.matmul(w).add(b).tanh(), inputs: () => [T([4, 3], 223), T([3, 5], 224), T([1, 5], 225)], shape: [4, 5] },
  { name: 'softmax of a sum', f: (a, b) => a.add(b).softmax(-1).mul(a), inputs: () => [T([3, 4], 226), T([4], 227)], shape: [3, 4] },

  // Statistics and comparisons (ops/statistics.ts, ops/compare.ts).
  { name: 'min all', f: (a) => min(a), inputs: () => [distinct([3, 4], 240)], shape: [] },
  { name: 'min axis 0', f: (a) => a.min(0), inputs: () => [distinct([3, 4], 241)], shape: [4] },
  { name: 'min axis 1 keepdims', f: (a) => a.min(1, true), inputs: () => [distinct([3, 4], 242)], shape: [3, 1] },
  { name: 'min axis [0,2]', f: (a) => a.min([0, 2]), inputs: () => [distinct([2, 3, 4], 243)], shape: [3] },
  { name: 'variance all', f: (a) => variance(a), inputs: () => [T([3, 4], 244)], shape: [] },
  { name: 'variance axis 1 keepdims', f: (a) => a.var(1, true), inputs: () => [T([3, 4], 245)], shape: [3, 1] },
  { name: 'variance axis [0,2] correction 0', f: (a) => a.var([0, 2], false, { correction: 0 }), inputs: () => [T([2, 3, 4], 246)], shape: [3] },
  { name: 'variance axis 0 correction 2', f: (a) => a.var(0, false, { correction: 2 }), inputs: () => [T([4, 3], 247)], shape: [3] },
  { name: 'std all', f: (a) => std(a), inputs: () => [T([3, 4], 248)], shape: [] },
  { name: 'std axis -1', f: (a) => a.std(-1), inputs: () => [T([2, 3, 4], 249)], shape: [2, 3] },
  { name: 'std axis 0 keepdims unbiased false', f: (a) => a.std(0, true, { unbiased: false }), inputs: () => [T([4, 3], 250)], shape: [1, 3] },
  { name: 'logsumexp all', f: (a) => logsumexp(a), inputs: () => [T([3, 4], 251)], shape: [] },
  { name: 'logsumexp axis 1', f: (a) => a.logsumexp(1), inputs: () => [T([3, 4], 252)], shape: [3] },
  { name: 'logsumexp axis [0,2] keepdims', f: (a) => a.logsumexp([0, 2], true), inputs: () => [T([2, 3, 4], 253)], shape: [1, 3, 1] },
  { name: 'logsumexp at ±100', f: (a) => a.logsumexp(-1), inputs: () => [V([100, 99, -100, 0], [2, 2])], shape: [2] },
  { name: 'maximum (2,3) (2,3)', f: maximum, inputs: () => [T([2, 3], 254), T([2, 3], 255)], shape: [2, 3] },
  { name: 'maximum (3,1) (1,4)', f: maximum, inputs: () => [T([3, 1], 256), T([1, 4], 257)], shape: [3, 4] },
  { name: 'maximum (2,3) with 0.3', f: (a) => a.maximum(0.3), inputs: () => [away([2, 3], 258, 0.1)], shape: [2, 3] },
  { name: 'minimum (2,3) (3,)', f: minimum, inputs: () => [T([2, 3], 259), T([3], 260)], shape: [2, 3] },
  { name: 'minimum 0-d (2,2)', f: minimum, inputs: () => [T([], 261), T([2, 2], 262)], shape: [2, 2] },
];

describe('the table covers the public API', () => {
  it('has a row for every differentiable function exported from src/engine/index.ts', () => {
    // Exports that are not differentiable ops: creation, randomness, grad mode, errors, printing, kernels, shape rules,
    // and scalar functions of plain numbers (stableSigmoid: the sigmoid rows check it inside the op).
    const notOps = new Set([
      'tensor', 'fromOp', 'zeros', 'ones', 'full', 'eye', 'arange', 'linspace', 'rand', 'randn', 'randint', 'manualSeed',
      'noGrad', 'isGradEnabled', 'setGradEnabled', 'formatArray', 'formatNumber', 'kernels', 'setKernels', 'argmax', 'argmin',
      'stableSigmoid', 'fmtShape', 'sizeOf', 'broadcastShapes', 'normAxis', 'matmulShapes', 'reshapeShape',
    ]);
    const ops = Object.entries(engine).filter(([name, v]) => typeof v === 'function' && !notOps.has(name) && !/^[A-Z]/.test(name)).map(([name]) => name);
    expect(ops.length).toBeGreaterThan(25);
    const missing = ops.filter((op) => !rows.some((r) => r.name.split(' ')[0] === op));
    expect(missing).toEqual([]);
  });
});

describe('the table covers nn.functional and the losses', () => {
  const covered = (name: string): boolean => rows.some((r) => r.name.split(' ')[0] === name);

  it('has a row for every function exported from src/engine/nn/functional.ts (and every function of nn)', () => {
    const fns = Object.entries(functional).filter(([, v]) => typeof v === 'function').map(([name]) => name);
    const nnFns = Object.entries(nn).filter(([name, v]) => typeof v === 'function' && /^[a-z]/.test(name)).map(([name]) => name);
    expect(fns.length).toBeGreaterThanOrEqual(4);
    expect(nnFns.length).toBeGreaterThanOrEqual(3);
    expect([...new Set([...fns, ...nnFns])].filter((name) => !covered(name))).toEqual([]);
  });

  it('has a row for every loss class (in src/engine/nn/loss.ts and in nn)', () => {
    const isLoss = (v: unknown): boolean => typeof v === 'function' && v.prototype instanceof nn.Loss;
    const losses = [...new Set([...Object.entries(lossModule), ...Object.entries(nn)].filter(([, v]) => isLoss(v)).map(([name]) => name))];
    expect(losses.length).toBeGreaterThanOrEqual(4);
    expect(losses.filter((name) => !covered(name))).toEqual([]);
  });
});

describe('finite-difference gradient check (float64, random upstream gradient)', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const inputs = row.inputs();
    const y = row.f(...inputs);
    expect(y.shape).toEqual(row.shape);
    const r = gradcheck(row.f, inputs);
    expect(r.worst, r.where).toBeLessThanOrEqual(1);
  });
});

/** Runs f on a float64 tensor of `xs`, backward with upstream `g` (ones by default); returns values and grads. */
function run(f: (x: Tensor) => Tensor, xs: number[], g?: number[], dtype: 'float32' | 'float64' = 'float64'): { y: number[]; grad: number[] } {
  const x = tensor(xs, { dtype, requiresGrad: true });
  const y = f(x);
  y.backward(tensor(g ?? Array.from(y.data, () => 1), { dtype, shape: y.shape }));
  return { y: Array.from(y.data), grad: Array.from(x.grad!.data) };
}

const E100 = 3.720075976020836e-44; // e^-100/(1+e^-100), correctly rounded (also e^-100 to double precision)

describe('extreme inputs (±100, ±1000, 0): analytic values where finite differences are meaningless', () => {
  it.each(['float64', 'float32'] as const)('sigmoid saturates to exactly 0/1 with gradient 0, no NaN (%s)', (dtype) => {
    const { y, grad } = run(sigmoid, [-1000, -100, 0, 100, 1000], undefined, dtype);
    const e = dtype === 'float64' ? E100 : Math.fround(E100);
    expect(y).toEqual([0, e, 0.5, 1, 1]);
    // σ'(x) = σ(x)(1−σ(x)): at −100 that is e^-100 to within rounding; at ±1000 and +100 it is exactly 0.
    expect(grad).toEqual([0, e, 0.25, 0, 0]);
  });

  it('tanh saturates to ±1 with gradient exactly 0', () => {
    const { y, grad } = run(tanh, [-1000, -100, 0, 100, 1000]);
    expect(y).toEqual([-1, -1, 0, 1, 1]);
    expect(grad).toEqual([0, 0, 1, 0, 0]);
  });

  it('relu and leakyRelu at ±1000 and 0 (gradient 0 at 0 for relu, the slope for leakyRelu)', () => {
    expect(run(relu, [-1000, 0, 1000])).toEqual({ y: [0, 0, 1000], grad: [0, 0, 1] });
    expect(run((x) => x.leakyRelu(0.1), [-1000, 0, 1000])).toEqual({ y: [-100, 0, 1000], grad: [0.1, 0.1, 1] });
  });

  it('abs at 0 has gradient 0 (the subgradient sign(0))', () => {
    expect(run(abs, [-1000, -0, 0, 1000])).toEqual({ y: [1000, 0, 0, 1000], grad: [-1, 0, 0, 1] });
  });

  it('exp overflows to Infinity and underflows to 0 with matching gradients', () => {
    const { y, grad } = run(exp, [-1000, 0, 100, 1000]);
    expect(y).toEqual([0, 1, 2.6881171418161356e43, Infinity]);
    expect(grad).toEqual([0, 1, 2.6881171418161356e43, Infinity]);
  });

  it('log, sqrt and pow at 0 follow IEEE: -inf/+inf, never an exception', () => {
    expect(run(log, [0, 1])).toEqual({ y: [-Infinity, 0], grad: [Infinity, 1] });
    expect(run(sqrt, [0, 4])).toEqual({ y: [0, 2], grad: [Infinity, 0.25] });
    expect(run((x) => x.pow(0.5), [0, 4])).toEqual({ y: [0, 2], grad: [Infinity, 0.25] });
    expect(run((x) => x.pow(-1), [0, 2])).toEqual({ y: [Infinity, 0.5], grad: [-Infinity, -0.25] });
    // d/dx x⁰ = 0 everywhere, also at 0 (Sorix's 0·0⁻¹ gives NaN there).
    expect(run((x) => x.pow(0), [0, -1000, 1000])).toEqual({ y: [1, 1, 1], grad: [0, 0, 0] });
    expect(run((x) => x.pow(2), [-1000, 0, 1000])).toEqual({ y: [1e6, 0, 1e6], grad: [-2000, 0, 2000] });
  });

  it('sqrt and pow(x, 0.5) agree at ±0 and elsewhere: the gradient at −0 is −∞ (PyTorch: 0.5/√−0 = 0.5/−0)', () => {
    const xs = [-0, 0, 0.25, 2, 1e-300, 1e300, Infinity, -1, NaN];
    for (const dtype of ['float64', 'float32'] as const) {
      const s = run(sqrt, xs, undefined, dtype);
      const p = run((x) => x.pow(0.5), xs, undefined, dtype);
      expect(p).toEqual(s);
      expect(s.y.slice(0, 2)).toEqual([-0, 0]);
      expect(s.grad.slice(0, 2)).toEqual([-Infinity, Infinity]);
    }
  });

  it('division by zero gives ±inf and nan as in NumPy', () => {
    const a = tensor(new Float64Array([1, -1, 0]), { requiresGrad: true });
    const b = tensor(new Float64Array([0, 0, 0]), { requiresGrad: true });
    const y = a.div(b);
    y.sum().backward();
    expect(Array.from(y.data)).toEqual([Infinity, -Infinity, NaN]);
    // ∂/∂a = 1/b = inf; ∂/∂b = −a/b² = −inf, +inf, and 0/0 → nan.
    expect(Array.from(a.grad!.data)).toEqual([Infinity, Infinity, Infinity]);
    expect(Array.from(b.grad!.data)).toEqual([-Infinity, Infinity, NaN]);
  });

  it('clamp at ±1000 passes 0 gradient outside the bounds', () => {
    expect(run((x) => x.clamp(-1, 1), [-1000, 0, 1000])).toEqual({ y: [-1, 0, 1], grad: [0, 1, 0] });
  });

  it('softmax with ±1000 entries is exact and finite', () => {
    const { y, grad } = run((x) => x.softmax(-1), [1000, 0, -1000], [0.3, -1.2, 2]);
    expect(y).toEqual([1, 0, 0]);
    // y·(g − Σ g·y): the winning entry gets 1·(0.3 − 0.3) = 0, the others 0 (the sign of a zero is immaterial).
    expect(grad.map((v) => v + 0)).toEqual([0, 0, 0]);
    expect(run((x) => x.softmax(-1), [1000, 1000]).y).toEqual([0.5, 0.5]);
    expect(run((x) => x.softmax(-1), [-1000, -1000, -1000, -1000]).y).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(run((x) => x.softmax(-1), [-1000, 1000, 1000, -1000]).y).toEqual([0, 0.5, 0.5, 0]);
  });

  it('logSoftmax stays finite where log(softmax) gives -inf', () => {
    const stable = run((x) => x.logSoftmax(-1), [1000, 0, -1000]);
    expect(stable.y).toEqual([0, -1000, -2000]);
    // g − softmax·Σg with g = 1: [1 − 3, 1 − 0, 1 − 0].
    expect(stable.grad).toEqual([-2, 1, 1]);
    const composite = run((x) => x.softmax(-1).log(), [1000, 0, -1000]);
    expect(composite.y).toEqual([0, -Infinity, -Infinity]);
    expect(composite.grad.every((v) => Number.isNaN(v))).toBe(true);
    expect(run((x) => x.logSoftmax(-1), [100, 100]).y).toEqual([-Math.LN2, -Math.LN2]);
  });

  it('float32 sigmoid/tanh/softmax at ±1000 never produce NaN', () => {
    for (const f of [sigmoid, tanh, (x: Tensor) => x.softmax(-1), (x: Tensor) => x.logSoftmax(-1)]) {
      const { y, grad } = run(f, [-1000, -100, 0, 100, 1000], undefined, 'float32');
      expect(y.some(Number.isNaN)).toBe(false);
      expect(grad.some(Number.isNaN)).toBe(false);
    }
  });
});

describe('NaN propagates: NaN in → NaN out (values and gradients), never silently replaced', () => {
  const unary: [string, (x: Tensor) => Tensor][] = [
    ['exp', exp], ['log', log], ['sqrt', sqrt], ['sin', sin], ['cos', cos], ['abs', abs],
    ['sigmoid', sigmoid], ['tanh', tanh], ['relu', relu], ['leakyRelu', (x) => x.leakyRelu()],
    ['clamp', (x) => x.clamp(-1, 1)], ['pow 2', (x) => x.pow(2)], ['pow 3', (x) => x.pow(3)], ['pow 0.5', (x) => x.pow(0.5)],
  ];
  it.each(unary)('%s', (_n, f) => {
    const { y, grad } = run(f, [NaN, 0.5]);
    expect(y[0]).toBeNaN();
    expect(y[1]).not.toBeNaN();
    expect(grad[0]).toBeNaN();
    expect(grad[1]).not.toBeNaN();
  });

  it('neg: NaN value; its gradient −g does not depend on x, so it stays finite', () => {
    expect(run(neg, [NaN, 0.5])).toEqual({ y: [NaN, -0.5], grad: [-1, -1] });
  });

  it('pow(x, 0) is the one exception, as in IEEE and NumPy: NaN⁰ = 1 (gradient 0)', () => {
    expect(run((x) => x.pow(0), [NaN])).toEqual({ y: [1], grad: [0] });
  });

  it('binary ops, reductions, softmax lanes and matmul rows', () => {
    const a = tensor(new Float64Array([NaN, 1, 2, 3]), { shape: [2, 2] });
    const b = tensor(new Float64Array([1, 1, 1, 1]), { shape: [2, 2] });
    for (const op of [add, sub, mul, div]) {
      const y = Array.from(op(a, b).data);
      expect(y[0]).toBeNaN();
      expect(y.slice(1).some(Number.isNaN)).toBe(false);
    }
    expect(a.sum().item()).toBeNaN();
    expect(a.mean().item()).toBeNaN();
    expect(a.max().item()).toBeNaN();
    expect(Array.from(a.max(1).data)).toEqual([NaN, 3]);
    expect(Array.from(a.max(0).data)).toEqual([NaN, 3]);
    expect(Array.from(a.sum(1).data)).toEqual([NaN, 5]);
    // Only the lane holding the NaN is NaN.
    const s = Array.from(a.softmax(-1).data);
    expect(s[0]).toBeNaN();
    expect(s[1]).toBeNaN();
    expect(s[2]! + s[3]!).toBeCloseTo(1, 15);
    const ls = Array.from(a.logSoftmax(-1).data);
    expect(ls[0]).toBeNaN();
    expect(ls[1]).toBeNaN();
    expect(Number.isFinite(ls[2]!)).toBe(true);
    const m = Array.from(a.matmul(b).data);
    expect(m[0]).toBeNaN();
    expect(m[1]).toBeNaN();
    expect(m.slice(2)).toEqual([5, 5]);
  });

  it('max along an axis passes the gradient to the NaN that won', () => {
    const x = tensor(new Float64Array([1, NaN, 5, 2]), { requiresGrad: true });
    const y = x.max();
    y.backward();
    expect(y.item()).toBeNaN();
    expect(Array.from(x.grad!.data)).toEqual([0, 1, 0, 0]);
  });
});

describe('float32: every row keeps float32 and agrees with float64 to float32 precision', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const in64 = row.inputs();
    const in32 = in64.map((t) => tensor(new Float32Array(t.data), { shape: t.shape, requiresGrad: t.requiresGrad }));
    // Compare against float64 on the same (float32-rounded) inputs.
    const ref = in32.map((t) => tensor(new Float64Array(t.data), { shape: t.shape, requiresGrad: t.requiresGrad }));
    const y32 = row.f(...in32);
    const y64 = row.f(...ref);
    expect(y32.dtype).toBe('float32');
    const G = Array.from(y64.data, (_, i) => ((i * 7919) % 13) / 13 - 0.4);
    y32.backward(tensor(new Float32Array(G), { shape: y32.shape }));
    y64.backward(tensor(new Float64Array(G), { shape: y64.shape }));
    const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string): void => {
      const bad: string[] = [];
      for (let i = 0; i < b.length; i++) {
        const x = a[i]!, e = b[i]!;
        // Beyond float32's range the float32 result is rightly ±Infinity (exp(100)).
        const ok = Number.isFinite(Math.fround(e)) ? Math.abs(x - e) <= 1e-4 + 1e-4 * Math.abs(e) : x === Math.fround(e);
        if (!ok) bad.push(`[${i}] ${x} vs ${e}`);
      }
      expect(bad, `${what}: ${bad.slice(0, 3).join('; ')}`).toEqual([]);
    };
    close(y32.data, y64.data, 'values');
    in32.forEach((t, k) => {
      if (!t.requiresGrad) return;
      expect(t.grad!.dtype).toBe('float32');
      close(t.grad!.data, ref[k]!.grad!.data, `grad ${k}`);
    });
  });
});
