import type { KindDef, ParamIssue, ParamSpec, ParamValue, Params } from './types';

/** Limits that keep a document's params small enough to edit and evaluate. */
export const PARAM_LIMITS = {
  /** Elements of one tensor param (values, W). */
  maxTensorElements: 1_000_000,
  /** Rank of a shape. */
  maxRank: 8,
  /**
   * Largest dimension of a shape. The dimensions together are bounded too: their product, with each 0 counted as 1,
   * is at most `maxTensorElements`, so a shape with no values cannot stand for 10^12 nested empty lists.
   */
  maxDimension: 1_000_000,
} as const;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * How NaN and ±Infinity are written in a file (JSON has no such numbers): the strings "NaN", "Infinity" and
 * "-Infinity", the convention of the Sorix reference cases. Only where a value is meant (tensor values, a Scalar's
 * value), never for a limit, a count or a shape.
 */
export const NON_FINITE_STRINGS = ['NaN', 'Infinity', '-Infinity'] as const;
export type NonFiniteString = (typeof NON_FINITE_STRINGS)[number];

/** The number a file's "NaN" / "Infinity" / "-Infinity" stands for; any other input is returned unchanged. */
export function decodeNonFinite(v: unknown): unknown {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v;
}

/** A number as a file holds it: finite numbers as they are, NaN and ±Infinity as their strings. */
export function encodeNonFinite(v: number): number | NonFiniteString {
  if (Number.isFinite(v)) return v;
  return v !== v ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

/** Whether a param of this spec holds values (which may be NaN or ±Infinity) rather than a limit or a count. */
export function allowsNonFinite(spec: ParamSpec): boolean {
  return (spec.type === 'tensor' && spec.finite !== true) || (spec.type === 'number' && spec.value === true);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'string') return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** Checks one value against its spec; returns a plain message, or null when the value is fine. */
export function checkParamValue(spec: ParamSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'number': {
      if (spec.value && typeof value === 'number' && !Number.isFinite(value)) return null;
      if (!isFiniteNumber(value)) return `must be a ${spec.value ? '' : 'finite '}number, not ${describe(value)}`;
      if (spec.integer && !Number.isInteger(value)) return `must be a whole number, not ${value}`;
      if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}, not ${value}`;
      if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}, not ${value}`;
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false, not ${describe(value)}`;
    case 'string':
      if (typeof value !== 'string') return `must be text, not ${describe(value)}`;
      return value.length > spec.maxLength ? `is too long (${value.length} characters; at most ${spec.maxLength})` : null;
    case 'choice':
      if (typeof value === 'string' && spec.choices.some((c) => c.value === value)) return null;
      return `must be one of ${spec.choices.map((c) => `'${c.value}'`).join(', ')}, not ${describe(value)}`;
    case 'shape': {
      if (!Array.isArray(value)) return `must be a list of dimensions, not ${describe(value)}`;
      const max = Math.min(spec.maxRank, PARAM_LIMITS.maxRank);
      if (value.length > max) return `has ${value.length} dimensions; at most ${max}`;
      let inferred = 0;
      let size = 1;
      // The dimensions multiplied with each 0 counted as 1: a shape such as (1000000, 1000000, 0) has no values but
      // would still be written out as 10^12 nested empty lists, so it is bounded like the element count.
      let listed = 1;
      for (const d of value as unknown[]) {
        if (spec.allowInfer && d === -1) { inferred++; continue; }
        if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) return `dimensions must be whole numbers ≥ 0${spec.allowInfer ? ' (or one −1)' : ''}, not ${describe(d)}`;
        if (d > PARAM_LIMITS.maxDimension) return `dimension ${d} is larger than ${PARAM_LIMITS.maxDimension}`;
        size *= d;
        listed *= Math.max(d, 1);
      }
      if (inferred > 1) return 'only one dimension can be −1';
      if (size > PARAM_LIMITS.maxTensorElements) return `describes ${size} elements; at most ${PARAM_LIMITS.maxTensorElements}`;
      if (listed > PARAM_LIMITS.maxTensorElements) {
        return `has dimensions that multiply to ${listed} with each 0 counted as 1; at most ${PARAM_LIMITS.maxTensorElements} (a shape with a 0 has no values but is still listed as nested empty lists)`;
      }
      return null;
    }
    case 'axis':
      if (value === null) return spec.nullable ? null : 'must be an axis (a whole number), not null';
      if (!isFiniteNumber(value) || !Number.isInteger(value)) return `must be an axis (a whole number)${spec.nullable ? ' or null for every axis' : ''}, not ${describe(value)}`;
      return Math.abs(value) > PARAM_LIMITS.maxRank ? `axis ${value} is out of range` : null;
    case 'axes': {
      if (!Array.isArray(value)) return `must be a list of axes, not ${describe(value)}`;
      if (value.length > spec.maxLength) return `has ${value.length} axes; at most ${spec.maxLength}`;
      for (const a of value as unknown[]) if (!isFiniteNumber(a) || !Number.isInteger(a) || Math.abs(a) > PARAM_LIMITS.maxRank) return `axes must be whole numbers, not ${describe(a)}`;
      return null;
    }
    case 'tensor': {
      if (!Array.isArray(value)) return `must be a flat list of numbers, not ${describe(value)}`;
      if (value.length > PARAM_LIMITS.maxTensorElements) return `has ${value.length} values; at most ${PARAM_LIMITS.maxTensorElements}`;
      // NaN and ±Infinity are values a lesson needs (how they propagate); anything not a number is refused.
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v !== 'number') return `value ${i} must be a number${spec.finite ? '' : ' (or NaN, Infinity, -Infinity)'}, not ${describe(v)}`;
        if (spec.finite && !Number.isFinite(v)) return `value ${i} is ${v}; only finite numbers are allowed`;
      }
      return null;
    }
  }
}

/**
 * Every problem with a node's params: missing or unknown params, values outside their spec, and the kind's own
 * cross-checks (run only when each value is fine on its own).
 */
export function validateParams(kind: KindDef, params: Readonly<Record<string, unknown>>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  for (const [name, spec] of Object.entries(kind.params)) {
    if (!Object.prototype.hasOwnProperty.call(params, name)) {
      issues.push({ param: name, message: `${spec.label} (${name}) is missing` });
      continue;
    }
    const msg = checkParamValue(spec, params[name]);
    if (msg) issues.push({ param: name, message: `${spec.label} ${msg}` });
  }
  for (const name of Object.keys(params)) {
    if (!Object.prototype.hasOwnProperty.call(kind.params, name)) {
      issues.push({ param: name, message: `${kind.label} has no parameter '${name}' (it has ${Object.keys(kind.params).map((n) => `'${n}'`).join(', ') || 'none'})` });
    }
  }
  if (issues.length === 0 && kind.checkParams) issues.push(...kind.checkParams(params as Params));
  return issues;
}

/** A param value read as a number (the spec guarantees the type once validated). */
export const num = (p: Params, name: string): number => p[name] as number;
export const bool = (p: Params, name: string): boolean => p[name] as boolean;
export const str = (p: Params, name: string): string => p[name] as string;
export const list = (p: Params, name: string): readonly number[] => p[name] as readonly number[];
export const axisOf = (p: Params, name: string): number | null => p[name] as number | null;

export type { ParamValue };
