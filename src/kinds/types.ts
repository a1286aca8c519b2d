import type { DType, Tensor } from '../engine';

/** Examples as a data kind gives them: `n` rows of `d` inputs and their targets (`y.length / n` per row), row-major. */
export interface KindDataSplit {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly n: number;
  readonly d: number;
}

/** A data kind's examples: the training split, and the held-out test split (null: none). */
export interface KindData {
  readonly train: KindDataSplit;
  readonly test: KindDataSplit | null;
}

/** A tensor shape: one non-negative integer per axis; `[]` is a 0-d scalar. */
export type Shape = readonly number[];

/** Where a kind sits in the palette. */
export type KindCategory = 'source' | 'activation' | 'math' | 'layer' | 'loss';

/** The palette's sections in display order, with their labels. */
export const CATEGORIES: readonly { id: KindCategory; label: string }[] = [
  { id: 'source', label: 'Sources' },
  { id: 'activation', label: 'Activations' },
  { id: 'math', label: 'Maths' },
  { id: 'layer', label: 'Layers' },
  { id: 'loss', label: 'Losses' },
];

/**
 * What travels along an edge. `tensor` is any tensor; `scalar` is a one-element tensor (a loss, a Sum). A `scalar`
 * output fits every input; a `tensor` output fits a `scalar` input only when its inferred shape holds one element.
 */
export type PortType = 'tensor' | 'scalar';

/** An input or output of a kind. Port ids are stable like kind ids: files refer to them. */
export interface PortSpec {
  readonly id: string;
  readonly label: string;
  readonly type: PortType;
  /** One line for the tooltip. */
  readonly description: string;
}

interface ParamSpecBase {
  readonly label: string;
  /** One line for the inspector's help text. */
  readonly description: string;
  /**
   * Set only through the kind's own editor (the CSV data node's import), never typed in: the inspector shows no
   * field for it. The file stores and checks it like any other param.
   */
  readonly hidden?: boolean;
}

/** A number field; `integer` numbers are whole. Bounds are inclusive. */
export interface NumberParamSpec extends ParamSpecBase {
  readonly type: 'number';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** A step for the editor's spinner. */
  readonly step?: number;
  /**
   * The number is a value (a Scalar's value), not a limit or a count: NaN and ±Infinity are allowed (written as
   * "NaN", "Infinity", "-Infinity" in files). Otherwise the number must be finite.
   */
  readonly value?: boolean;
}
export interface BooleanParamSpec extends ParamSpecBase {
  readonly type: 'boolean';
  readonly default: boolean;
}
export interface StringParamSpec extends ParamSpecBase {
  readonly type: 'string';
  readonly default: string;
  readonly maxLength: number;
}
/** One of a fixed list of strings (a dtype, a distribution, an init scheme). */
export interface ChoiceParamSpec extends ParamSpecBase {
  readonly type: 'choice';
  readonly default: string;
  readonly choices: readonly { readonly value: string; readonly label: string }[];
}
/** A shape: a list of dimensions. `allowInfer` admits one −1 (Reshape). */
export interface ShapeParamSpec extends ParamSpecBase {
  readonly type: 'shape';
  readonly default: readonly number[];
  readonly maxRank: number;
  readonly allowInfer?: boolean;
}
/** An axis (an integer, negative counts from the end) or `null` for every axis (Sum, Mean). */
export interface AxisParamSpec extends ParamSpecBase {
  readonly type: 'axis';
  readonly default: number | null;
  /** Whether `null` (all axes) is allowed. */
  readonly nullable: boolean;
}
/** A list of axes (Transpose's permutation); an empty list means "reverse the axes". */
export interface AxesParamSpec extends ParamSpecBase {
  readonly type: 'axes';
  readonly default: readonly number[];
  readonly maxLength: number;
}
/**
 * Tensor values stored flat in row-major order; `shapeParam` names the param holding their shape (the inspector
 * shows a grid of that shape). Values may be NaN or ±Infinity (in files: "NaN", "Infinity", "-Infinity").
 */
export interface TensorParamSpec extends ParamSpecBase {
  readonly type: 'tensor';
  readonly default: readonly number[];
  readonly shapeParam?: string;
  /** For params whose shape follows other params (Linear's W): the shape, given the params. */
  readonly shapeOf?: (params: Params) => Shape;
  /** Whether this is a trainable parameter whose gradient the evaluation reports (Linear's W and b). */
  readonly trainable?: boolean;
  /** Only finite numbers (data read from a file, which has no NaN): NaN and ±Infinity are refused. */
  readonly finite?: boolean;
}

/** A parameter declared as data: the inspector builds its editor from this, the file reader validates with it. */
export type ParamSpec =
  | NumberParamSpec
  | BooleanParamSpec
  | StringParamSpec
  | ChoiceParamSpec
  | ShapeParamSpec
  | AxisParamSpec
  | AxesParamSpec
  | TensorParamSpec;

/**
 * Any value a parameter holds in a document. Tensor values and value-numbers may be NaN or ±Infinity; a file writes
 * those as the strings "NaN", "Infinity", "-Infinity" (`encodeNonFinite`) and reading decodes them.
 */
export type ParamValue = number | boolean | string | null | readonly number[];

/** A node's parameters, by parameter name. */
export type Params = Readonly<Record<string, ParamValue>>;

/** One problem with a node's parameters: which parameter (if one) and a plain message. */
export interface ParamIssue {
  readonly param?: string;
  readonly message: string;
}

/** Shapes flowing into a node, by input port; undefined where not (yet) known. */
export type InputShapes = Readonly<Record<string, Shape | undefined>>;

/** Shapes a node produces, by output port; undefined where they cannot be known yet (an input is missing). */
export type OutputShapes = Readonly<Record<string, Shape | undefined>>;

/**
 * Thrown by a kind's `inferShapes` or `evaluate` for a problem it can name: the port concerned and a plain message
 * (the evaluator adds the node's name and the input shapes).
 */
export class KindError extends Error {
  readonly port: string | undefined;
  constructor(message: string, port?: string) {
    super(message);
    this.name = 'KindError';
    this.port = port;
  }
}

/** What `evaluate` receives besides the params. */
export interface EvalContext {
  /**
   * Leaf tensors for the trainable params (`TensorParamSpec.trainable`), made by the evaluator with
   * `requiresGrad: true`, so that their gradients can be reported.
   */
  readonly paramTensors: Readonly<Record<string, Tensor>>;
}

/** A step that upgrades one kind's params from `from` to `from + 1`. Steps are numbered and never edited. */
export interface ParamMigration {
  readonly from: number;
  readonly migrate: (params: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/** The scalar function of an elementwise activation, for plotting its curve and marking inputs on it. */
export interface ScalarFunction {
  readonly f: (x: number, params: Params) => number;
  /** The derivative f'(x). */
  readonly df: (x: number, params: Params) => number;
  /** A sensible x-range for the plot. */
  readonly domain: readonly [number, number];
}

/** LaTeX for the inspector: the forward formula and the local gradient. */
export interface KindFormulas {
  readonly forward: string;
  readonly gradient: string;
  /** Further formulas (e.g. the stable form Sigmoid uses). */
  readonly notes?: readonly string[];
}

/** One input of a test sample: its shape and its values (given, or drawn uniformly from `range`, default [-2, 2]). */
export interface SampleInput {
  readonly shape: Shape;
  readonly values?: readonly number[];
  readonly range?: readonly [number, number];
  /** The input gets no gradient check (labels, which the engine gives no gradient). */
  readonly noGrad?: boolean;
}

/** Inputs (and params over the defaults) on which the tests evaluate a kind and check its gradients. */
export interface KindSample {
  readonly inputs: Readonly<Record<string, SampleInput>>;
  readonly params?: Params;
}

/** A plain array with its shape, for reference values. */
export interface RefArray {
  readonly shape: Shape;
  readonly data: readonly number[];
}

/**
 * A forward case with its expected first output, computed by `expect` in plain JavaScript from the formula (never
 * through the engine), so that the engine and the kind are checked against an independent reference.
 */
export interface OracleCase {
  readonly inputs: Readonly<Record<string, RefArray>>;
  readonly params?: Params;
  readonly expect: (inputs: Readonly<Record<string, RefArray>>, params: Params) => RefArray;
}

/** What a kind brings for its tests (test/kinds/*.test.ts run them for every kind in the registry). */
export interface KindExamples {
  /** At least one: each is evaluated, its output shapes compared with inferShapes, its gradients finite-differenced. */
  readonly samples: readonly KindSample[];
  /** Reference forward values; or, where there can be none (a random source), the reason and where it is tested. */
  readonly oracle: readonly OracleCase[] | { readonly none: string };
}

/**
 * Forward element-operations of one node given its input and output shapes (unknown shapes are undefined; count them
 * as 0). Only the size of the work matters: it decides whether an evaluation runs in the background.
 */
export type KindCost = (inputs: InputShapes, outputs: OutputShapes) => number;

/**
 * A node kind: everything the palette, inspector, connection checks, evaluation, save/load, the cost estimate, the
 * tests and the kinds section of docs/file-format.md need to know. One file per kind in `src/kinds/`, collected by
 * `npm run generate:kinds` into kinds.generated.ts; nothing else knows about a particular kind.
 */
export interface KindDef {
  /** Stable lowerCamel id, written into files: never renamed. */
  readonly id: string;
  /** The version of this kind's params; bumped with a migration when they change. */
  readonly version: number;
  readonly label: string;
  readonly category: KindCategory;
  /** One paragraph for the inspector. */
  readonly description: string;
  readonly formulas: KindFormulas;
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
  /** Declared in display (and file) order. */
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Fresh default params; needed when defaults depend on each other (Linear's seeded W). */
  readonly defaultParams?: () => Record<string, ParamValue>;
  /** Checks between params (values fill the shape); single-param limits come from the specs. */
  readonly checkParams?: (params: Params) => readonly ParamIssue[];
  /**
   * A data kind (outputs `x` and `y`): every example its params describe, split into train and test. Training feeds
   * these batch by batch into its outputs; the canvas shows what `evaluate` gives (its first rows). Throws a
   * KindError when the data cannot be made.
   */
  readonly data?: (params: Params) => KindData;
  /** After an edit of `changed` params: the params made consistent again (Linear re-initialises W for new sizes). */
  readonly adjustParams?: (params: Params, changed: readonly string[]) => Record<string, ParamValue>;
  /** Output shapes from input shapes, without computing; throws KindError on a definite mismatch. */
  readonly inferShapes: (inputs: InputShapes, params: Params) => OutputShapes;
  /** Computes the outputs through the engine. Every input port is connected when this is called. */
  readonly evaluate: (inputs: Readonly<Record<string, Tensor>>, params: Params, ctx: EvalContext) => Record<string, Tensor>;
  /** Numbered steps upgrading params written by older versions of this kind. */
  readonly migrations?: readonly ParamMigration[];
  /** For elementwise activations. */
  readonly scalar?: ScalarFunction;
  /** Losses: when a document names no objective, its single loss node is the objective. */
  readonly isLoss?: boolean;
  /** Where the kind sits in its palette section: lower first (unique within the section). */
  readonly paletteOrder: number;
  /** The work of a forward pass, for the background-evaluation threshold (helpers in shared/cost.ts). */
  readonly cost: KindCost;
  /** Test samples and reference values: a new kind brings its own checks. */
  readonly examples: KindExamples;
}

export type { DType };
