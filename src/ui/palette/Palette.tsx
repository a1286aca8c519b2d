import { useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { registry } from '../../kinds';
import { useEditorApi } from '../../store/context';
import { KIND_MIME } from '../canvas/Canvas';
import { filterPalette } from './filter';

/**
 * Every kind from the registry by category, with a search box (Enter adds the first match); drag onto the canvas or
 * click to add at the centre. Folded, it is a narrow strip with one button that opens it.
 */
export function Palette({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const api = useEditorApi();
  const flow = useReactFlow();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => filterPalette(registry.palette(), query), [query]);

  const addAtCentre = (kind: string): void => {
    const el = document.querySelector('.canvas');
    const r = el?.getBoundingClientRect();
    const p = flow.screenToFlowPosition(r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : { x: 300, y: 200 });
    // Nudge each new node so repeated clicks do not stack exactly.
    const n = api.getState().doc.nodes.length % 6;
    api.getState().addNode(kind, { x: Math.round(p.x / 10) * 10 - 80 + n * 30, y: Math.round(p.y / 10) * 10 - 40 + n * 30 });
  };
  const onDragStart = (e: DragEvent, kind: string): void => {
    e.dataTransfer.setData(KIND_MIME, kind);
    e.dataTransfer.effectAllowed = 'copy';
  };

  const onSearchKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Enter') return;
    const first = groups[0]?.[1][0];
    if (!first) return;
    e.preventDefault();
    addAtCentre(first.id);
  };

  if (!open) {
    return (
      <nav className="palette folded" aria-label="Node palette">
        <button className="palette-toggle" onClick={onToggle} aria-expanded={false} aria-label="Show the node palette"
          title="Show the node palette" data-testid="palette-toggle">»</button>
      </nav>
    );
  }
  return (
    <nav className="palette" aria-label="Node palette">
      <div className="palette-top">
        <input type="search" placeholder="Search nodes…" aria-label="Search nodes (Enter adds the first match)" value={query}
          onChange={(e) => setQuery(e.target.value)} onKeyDown={onSearchKey} data-testid="palette-search" />
        <button className="palette-toggle" onClick={onToggle} aria-expanded={true} aria-label="Hide the node palette"
          title="Hide the node palette" data-testid="palette-toggle">«</button>
      </div>
      {groups.length === 0 && <p className="muted">No node matches “{query}”.</p>}
      {groups.map(([category, kinds]) => (
        <section key={category} aria-label={category}>
          <h3>{category}</h3>
          {kinds.map((k) => (
            <button key={k.id} className="palette-item" draggable onDragStart={(e) => onDragStart(e, k.id)}
              onClick={() => addAtCentre(k.id)} title={k.description} data-testid={`palette-${k.id}`}
              aria-label={`Add ${k.label} node`}>
              {k.label}
            </button>
          ))}
        </section>
      ))}
    </nav>
  );
}
