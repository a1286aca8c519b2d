import type { KindInfo } from '../../store/doc-api';

/** Kinds grouped by category (registry order), keeping those whose label, id, category or text match every word. */
export function filterKinds<K extends KindInfo>(kinds: readonly K[], query: string): [string, K[]][] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, K[]>();
  for (const k of kinds) {
    const hay = `${k.label} ${k.id} ${k.category} ${k.description}`.toLowerCase();
    if (!words.every((w) => hay.includes(w))) continue;
    groups.set(k.category, [...(groups.get(k.category) ?? []), k]);
  }
  // Label matches first within a category, so "sum" puts Sum above kinds that merely mention sums.
  const first = words[0];
  for (const list of groups.values()) if (first) list.sort((a, b) => Number(!a.label.toLowerCase().includes(first)) - Number(!b.label.toLowerCase().includes(first)));
  return [...groups.entries()];
}
