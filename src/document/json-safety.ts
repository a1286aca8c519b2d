import { LIMITS } from './limits';
import type { Problem } from './types';

/** `$.graph.nodes[2].params.shape`: a JSON path as users read it. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let s = '$';
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k)) s += `.${k}`;
    else s += `[${JSON.stringify(String(k).slice(0, 60))}]`;
  }
  return s;
}

/**
 * The deepest nesting of arrays and objects in a JSON text, found without parsing (strings are skipped), so that a
 * file nested a million levels deep is refused before any recursive code sees it.
 */
export function nestingDepth(text: string): number {
  let depth = 0, max = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) { if (++depth > max) max = depth; }
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/** Keys that could reach an object's prototype if some later code copied them: refused anywhere in a file. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A path kept as a linked list while walking, turned into a string only when a problem needs it. */
interface PathLink { readonly up: PathLink | null; readonly key: PropertyKey }

function pathOf(link: PathLink | null): string {
  const keys: PropertyKey[] = [];
  for (let l = link; l; l = l.up) keys.push(l.key);
  return jsonPath(keys.reverse());
}

/**
 * Walks parsed JSON without recursion and reports what no valid file holds: keys that touch prototypes, numbers out
 * of range (1e999 parses as Infinity), over-long strings and lists. Stops after `LIMITS.maxProblems`.
 */
export function scanJson(root: unknown): Problem[] {
  const problems: Problem[] = [];
  const stack: { v: unknown; at: PathLink | null }[] = [{ v: root, at: null }];
  const infinite = (at: PathLink | null): void => { problems.push({ path: pathOf(at), message: 'is a number too large to represent (it reads as Infinity)' }); };
  let visited = 0;
  while (stack.length > 0 && problems.length < LIMITS.maxProblems) {
    const { v, at } = stack.pop()!;
    if (++visited > 4_000_000) { problems.push({ path: '$', message: 'the file holds too many values to read' }); break; }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) infinite(at);
    } else if (typeof v === 'string') {
      if (v.length > LIMITS.maxDescription) problems.push({ path: pathOf(at), message: `is a string of ${v.length} characters; at most ${LIMITS.maxDescription}` });
    } else if (Array.isArray(v)) {
      if (v.length > 1_000_000) { problems.push({ path: pathOf(at), message: `is a list of ${v.length} entries; at most 1000000` }); continue; }
      // Lists of numbers (tensor values) are the bulk of a file: check them in place.
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        if (typeof item === 'number') {
          if (!Number.isFinite(item)) infinite({ up: at, key: i });
        } else if ((item !== null && typeof item === 'object') || typeof item === 'string') stack.push({ v: item, at: { up: at, key: i } });
      }
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length > 10_000) { problems.push({ path: pathOf(at), message: `is an object with ${keys.length} keys; at most 10000` }); continue; }
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        if (FORBIDDEN_KEYS.has(k)) { problems.push({ path: pathOf({ up: at, key: k }), message: `the key '${k}' is not allowed` }); continue; }
        if (k.length > LIMITS.maxId * 4) { problems.push({ path: pathOf(at), message: `has a key of ${k.length} characters` }); continue; }
        stack.push({ v: (v as Record<string, unknown>)[k], at: { up: at, key: k } });
      }
    }
  }
  return problems;
}

/** Plain objects only, read safely: own properties, never the prototype chain. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}
