import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/kinds';
import { DOC_END, DOC_FILE, DOC_START, INDEX_FILE, indexSource, kindFiles, kindSection, kindsMarkdown, withKindsSection } from './generate';

const STALE = 'stale: run `npm run generate:kinds` and commit the result';

describe('what is generated from the kind files is current', () => {
  it(`src/kinds/kinds.generated.ts lists every kind file (${STALE})`, () => {
    expect(readFileSync(INDEX_FILE, 'utf8')).toBe(indexSource(kindFiles()));
  });

  it(`docs/file-format.md's kinds section is the one generated from the registry (${STALE})`, () => {
    const doc = readFileSync(DOC_FILE, 'utf8');
    expect(doc).toBe(withKindsSection(doc, kindsMarkdown(registry)));
  });

  it('a kind’s section names it, says what it does, and lists its ports and every param', () => {
    for (const kind of registry.all()) {
      const section = kindSection(kind);
      expect(section.startsWith(`#### \`${kind.id}\` — ${kind.label}\n\n${kind.description}\n`), kind.id).toBe(true);
      for (const p of Object.keys(kind.params)) expect(section, `${kind.id}.${p}`).toContain(`| \`${p}\` |`);
      for (const p of [...kind.inputs, ...kind.outputs]) expect(section, `${kind.id} port ${p.id}`).toContain(`\`${p.id}\``);
    }
    const linear = kindSection(registry.require('linear'));
    expect(linear).toContain('| `inFeatures` | integer | `2` | ≥ 1, ≤ 4096 |');
    expect(kindSection(registry.require('sum'))).toContain('| `axis` | integer or null | `null` | null: every axis; negative counts from the end |');
  });

  it('refuses a doc whose markers are missing instead of writing it half', () => {
    expect(() => withKindsSection('# no markers', 'x')).toThrow(/no kinds section/);
    expect(withKindsSection(`a\n${DOC_START}\nold\n${DOC_END}\nb`, 'NEW')).toBe('a\nNEW\nb');
  });
});
