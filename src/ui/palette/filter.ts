import type { KindDef } from '../../kinds';

/** Palette sections keeping the kinds whose label, id, section or text match every word; empty sections dropped. */
export function filterPalette(sections: readonly { label: string; kinds: readonly KindDef[] }[], query: string): [string, KindDef[]][] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: [string, KindDef[]][] = [];
  for (const sec of sections) {
    const kinds = sec.kinds.filter((k) => {
      const hay = `${k.label} ${k.id} ${sec.label} ${k.description}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
    // Label matches first, so "sum" puts Sum above kinds whose text merely mentions sums.
    const first = words[0];
    if (first) kinds.sort((a, b) => Number(!a.label.toLowerCase().includes(first)) - Number(!b.label.toLowerCase().includes(first)));
    if (kinds.length) out.push([sec.label, kinds]);
  }
  return out;
}
