/** What a data set asks of a model: two or more classes, or a number per row. */
export type Task = 'binary' | 'multiclass' | 'regression';

/**
 * How `y` holds the target: `'index'` — one column, the class index 0..classes−1; `'oneHot'` — `classes` columns,
 * 1 at the class and 0 elsewhere; `'value'` — one column, the number to predict (regression).
 */
export type TargetEncoding = 'index' | 'oneHot' | 'value';

/** A table of examples in row-major Float64Arrays: row i is x[i·d … i·d+d−1] with target y[i·t … i·t+t−1]. */
export interface Dataset {
  name: string;
  task: Task;
  /** The d input columns, in order. */
  featureNames: string[];
  /** The column the target came from (for generated sets 'label'). */
  targetName: string;
  /** For classification: the class of index i is classNames[i]. */
  classNames?: string[];
  /** For classification: classNames.length. */
  classes?: number;
  encoding: TargetEncoding;
  /** Rows. */
  n: number;
  /** Features per row. */
  d: number;
  /** Target columns per row: 1, or `classes` when one-hot. */
  t: number;
  /** n×d, row-major. */
  x: Float64Array;
  /** n×t, row-major. */
  y: Float64Array;
}

/** Per-feature mean and standard deviation, from the training rows only, to apply to any later input as (x−mean)/std. */
export interface Standardization {
  mean: number[];
  /** Population standard deviation; a constant feature gets 1 so that it maps to 0 rather than to NaN. */
  std: number[];
}

export interface DatasetSplit {
  train: Dataset;
  test: Dataset;
  /** Present when the recipe asked for standardisation; already applied to train and test. */
  standardization?: Standardization;
}
