/** Every error the engine throws on bad input: the message names the op and the shapes involved. */
export class EngineError extends Error {
  readonly op: string;
  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.name = 'EngineError';
    this.op = op;
  }
}

/** Shape mismatches: broadcasting, matmul inner sizes, reshape sizes, concatenation. */
export class ShapeError extends EngineError {
  constructor(op: string, message: string) {
    super(op, message);
    this.name = 'ShapeError';
  }
}

/** Backward-pass misuse: a freed graph, an implicit gradient for a non-scalar, a tensor that needs no grad. */
export class AutogradError extends EngineError {
  constructor(op: string, message: string) {
    super(op, message);
    this.name = 'AutogradError';
  }
}

/** An argument out of its domain: an axis, an index, a probability. */
export class ArgumentError extends EngineError {
  constructor(op: string, message: string) {
    super(op, message);
    this.name = 'ArgumentError';
  }
}

/**
 * A shape as NumPy writes it in its messages: `(3,)`, `(2,3)`, `()` for a 0-d tensor. The one shape format of the
 * app: engine and kind errors, the canvas, the inspector and the CLI all print shapes with it.
 */
export function fmtShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}
