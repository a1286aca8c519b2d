import { KindRegistry } from './registry';
import { CATEGORIES, type KindDef } from './types';
import { KIND_FILES } from './kinds.generated';

const section = (k: KindDef): number => CATEGORIES.findIndex((c) => c.id === k.category);

/**
 * Every kind in palette order: by section, then by each kind's `paletteOrder`. The list of kind files is generated
 * (`npm run generate:kinds`); a test fails when it is stale, and the registry refuses a kind listed twice.
 */
export const ALL_KINDS: readonly KindDef[] = [...KIND_FILES].sort((a, b) => section(a) - section(b) || a.paletteOrder - b.paletteOrder || (a.id < b.id ? -1 : 1));

/** The app's registry: palette, inspector, connection checks, evaluation, save/load and the cost estimate read it. */
export const registry = new KindRegistry(ALL_KINDS);
