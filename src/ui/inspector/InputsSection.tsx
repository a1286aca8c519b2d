import { useState } from 'react';
import { canConnect, type GraphDocument, type PortRef } from '../../document';
import { registry, type KindDef } from '../../kinds';
import { useEditor, useEditorApi } from '../../store/context';

interface Choice { value: string; label: string; refused: string | null }

/** Every output in the document as a source for `target`, with the reason when it cannot be one. */
function sourcesFor(doc: GraphDocument, target: PortRef): Choice[] {
  const out: Choice[] = [];
  for (const n of doc.nodes) {
    for (const p of registry.get(n.kind)?.outputs ?? []) {
      const c = canConnect(doc, { node: n.id, port: p.id }, target);
      out.push({ value: `${n.id}\u0000${p.id}`, label: `${n.name ?? n.id}.${p.label}`, refused: c.ok ? null : c.reason });
    }
  }
  return out;
}

/**
 * Wiring without a mouse: each input of the selected node with a list of the outputs it can take (those it cannot
 * are listed, disabled, with the reason). Keyboard users and a teacher at a projector can build a graph from here.
 */
export function InputsSection({ id, kind }: { id: string; kind: KindDef }) {
  const doc = useEditor((s) => s.doc);
  const api = useEditorApi();
  const [choices, setChoices] = useState<Record<string, Choice[]>>({});
  if (kind.inputs.length === 0) return null;
  return (
    <>
      <h3>Inputs</h3>
      {kind.inputs.map((p) => {
        const edge = doc.edges.find((e) => e.target.node === id && e.target.port === p.id);
        const current = edge ? `${edge.source.node}\u0000${edge.source.port}` : '';
        const target = { node: id, port: p.id };
        const list = choices[p.id];
        return (
          <div className="field" key={p.id}>
            <label htmlFor={`input-${id}-${p.id}`} title={p.description}>{p.label}</label>
            <select id={`input-${id}-${p.id}`} value={current} data-testid={`input-source-${p.id}`}
              onFocus={() => setChoices((c) => ({ ...c, [p.id]: sourcesFor(api.getState().doc, target) }))}
              onChange={(e) => {
                if (!e.target.value) { api.getState().disconnectInput(target); return; }
                const [node, port] = e.target.value.split('\u0000');
                api.getState().connect({ node: node!, port: port! }, target);
              }}>
              <option value="">— not connected —</option>
              {(list ?? (edge ? [{ value: current, label: `${doc.nodes.find((n) => n.id === edge.source.node)?.name ?? edge.source.node}.${edge.source.port}`, refused: null }] : []))
                .map((c) => <option key={c.value} value={c.value} disabled={c.refused !== null && c.value !== current}>{c.label}{c.refused && c.value !== current ? ` (${c.refused})` : ''}</option>)}
            </select>
          </div>
        );
      })}
    </>
  );
}
