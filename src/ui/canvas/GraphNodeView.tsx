import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { getKind } from '../../store/doc-api';
import { useEditor } from '../../store/context';
import { shapeString } from '../numbers';
import type { FlowNode } from './adapter';
import { TensorPreview } from './TensorPreview';

/** The one node component: renders any kind from the registry, reading its results from the store by id. */
export const GraphNodeView = memo(function GraphNodeView({ id, data, selected }: NodeProps<FlowNode>) {
  const node = data.node;
  const kind = getKind(node.kind);
  const result = useEditor((s) => s.results.get(id));
  const objective = useEditor((s) => s.doc.objective === id);
  const targets = useEditor((s) => s.connectTargets);
  if (!kind) return <div className="snode has-error">Unknown kind {node.kind}</div>;
  const cls = ['snode', selected && 'selected', result?.error && 'has-error', result?.blocked && 'blocked', objective && 'objective'].filter(Boolean).join(' ');
  const title = node.name || kind.label;
  return (
    <div className={cls} data-testid={`node-${id}`} aria-label={`${title}, ${kind.label} node`}>
      <div className="snode-head">
        <span className="name" title={title}>{title}</span>
        <span className="kind">{node.name ? kind.label : id}</span>
      </div>
      <div className="snode-body">
        <div className="snode-ports">
          <div>
            {kind.inputs.map((p) => {
              const reason = targets ? targets[`${id}:${p.name}`] : undefined;
              return (
                <div className="snode-port" key={p.name} title={reason ?? undefined}>
                  <Handle type="target" position={Position.Left} id={p.name} className={reason ? 'dimmed' : undefined}
                    data-testid={`in-${id}-${p.name}`} aria-label={`input ${p.label} of ${title}`} style={{ left: -14 }} />
                  {p.label}
                </div>
              );
            })}
          </div>
          <div style={{ textAlign: 'right' }}>
            {kind.outputs.map((p) => (
              <div className="snode-port" key={p.name}>
                {p.label}
                <Handle type="source" position={Position.Right} id={p.name} data-testid={`out-${id}-${p.name}`}
                  aria-label={`output ${p.label} of ${title}`} style={{ right: -14 }} />
              </div>
            ))}
          </div>
        </div>
        {result?.shape && (
          <div className="snode-meta" data-testid={`meta-${id}`}>{shapeString(result.shape)} {result.dtype}{objective ? ' · objective' : ''}</div>
        )}
        {result?.value && (
          <div className="snode-row"><span className="label value">val</span><TensorPreview t={result.value} kind="value" testId={`value-${id}`} /></div>
        )}
        {result?.grad && (
          <div className="snode-row"><span className="label grad">grad</span><TensorPreview t={result.grad} kind="grad" testId={`grad-${id}`} /></div>
        )}
        {result?.error && <div className="snode-error" role="alert" data-testid={`error-${id}`}>⚠ {result.error}</div>}
      </div>
    </div>
  );
});
