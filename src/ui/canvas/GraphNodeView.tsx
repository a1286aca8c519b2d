import { memo } from 'react';
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { registry } from '../../kinds';
import { useEditor, useEditorApi } from '../../store/context';
import { nodeMessage } from '../../store/results';
import { fmtShape } from '../../engine';
import type { FlowNode } from './adapter';
import { nodeSummary } from './node-status';
import { TensorPreview } from './TensorPreview';
import { FAR_ZOOM } from './view';


const REASON_SEPARATOR = '\u0000';

/** The one node component: renders any kind from the registry, reading its results from the store by id. */
export const GraphNodeView = memo(function GraphNodeView({ id, data, selected }: NodeProps<FlowNode>) {
  const node = data.node;
  const kind = registry.get(node.kind);
  const objective = useEditor((s) => s.results.objective?.node === id);
  // While a wire is dragged, why each input refuses it, as one string (the reasons joined, '' for a port that takes
  // it): a node re-renders only when its own answer changes, not on every drag start of a large graph.
  // A node with no refused input answers '' as when no wire is dragged.
  const refusals = useEditor((s) => {
    if (!s.connecting || !kind) return '';
    const reasons = kind.inputs.map((p) => s.connecting!.refusal(id, p.id) ?? '');
    return reasons.some((r) => r !== '') ? reasons.join(REASON_SEPARATOR) : '';
  });
  // Names are read only when a message needs them: subscribing to the node list would re-render every node on every edit.
  const api = useEditorApi();
  // Below this zoom the numbers cannot be read: show the node's outline only (its numbers reappear when zoomed in).
  // While an opened example waits to be arranged, nodes show everything, so the layout makes room for their numbers.
  const arranging = useEditor((s) => s.arrangePending);
  const far = useStore((s) => s.transform[2] < FAR_ZOOM) && !arranging;
  // Far away a node reads only a summary string of its result, so edits that change numbers alone do not re-render
  // it (in a fitted 200-node graph that is most of an edit's cost); close up it reads the result itself.
  const result = useEditor((s) => (far ? undefined : s.results.nodes.get(id)));
  const summary = useEditor((s) => nodeSummary(s.results.nodes.get(id), s.results.nodes));
  const missing = summary.startsWith('needs:') ? summary.slice(6) : null;
  // While an off-thread evaluation runs the results are from the previous document: an input wired since then is
  // not missing, its numbers are on the way.
  const wiredSince = useEditor((s) => missing !== null && s.evalStatus.state !== 'current'
    && s.doc.edges.some((e) => e.target.node === id && e.target.port === missing));
  if (!kind) return <div className="snode has-error">Unknown kind {node.kind}</div>;
  const describe = (b: string): string => api.getState().doc.nodes.find((n) => n.id === b)?.name ?? b;
  const needs = wiredSince ? null : missing;
  const waitingOnly = summary === 'waiting';
  const failed = summary === 'error' || summary === 'blocked';
  const message = !failed ? null : far ? 'error' : nodeMessage(result, describe);
  const blockedBy = (): string => (api.getState().results.nodes.get(id)?.blockedBy ?? []).map(describe).join(', ');
  const hint = wiredSince ? 'computing…' : needs ? `needs input ${kind.inputs.find((p) => p.id === needs)?.label ?? needs}`
    : waitingOnly ? (far ? 'waiting for input' : `waiting for input to ${blockedBy()}`) : null;
  const cls = ['snode', selected && 'selected', summary === 'error' && 'has-error', (summary === 'blocked' || waitingOnly) && 'blocked',
    hint && 'waiting', objective && 'objective'].filter(Boolean).join(' ');
  const title = node.name || kind.label;
  const many = kind.outputs.length > 1;
  const reasons = refusals.split(REASON_SEPARATOR);
  return (
    <div className={cls} data-testid={`node-${id}`}>
      <div className="snode-head">
        <span className="name" title={title}>{title}</span>
        <span className="kind" title={node.name ? kind.label : id}>{node.name ? kind.label : id}</span>
      </div>
      <div className="snode-body">
        <div className="snode-ports">
          <div>
            {kind.inputs.map((p, i) => {
              const reason = reasons[i] || undefined;
              return (
                <div className="snode-port" key={p.id} title={reason ?? p.description}>
                  <Handle type="target" position={Position.Left} id={p.id} className={reason ? 'dimmed' : undefined}
                    data-testid={`in-${id}-${p.id}`} aria-label={`input ${p.label} of ${title}`} style={{ left: -14 }} />
                  {p.label}
                </div>
              );
            })}
          </div>
          <div style={{ textAlign: 'right' }}>
            {kind.outputs.map((p) => (
              <div className="snode-port" key={p.id} title={p.description}>
                {p.label}
                <Handle type="source" position={Position.Right} id={p.id} data-testid={`out-${id}-${p.id}`}
                  aria-label={`output ${p.label} of ${title}`} style={{ right: -14 }} />
              </div>
            ))}
          </div>
        </div>
        {far ? <div className="snode-far" aria-hidden="true">zoom in for numbers</div> : kind.outputs.map((p) => {
          const out = result?.outputs[p.id];
          if (!out) return null;
          const suffix = many ? `-${p.id}` : '';
          return (
            <div key={p.id}>
              <div className="snode-meta" data-testid={`meta-${id}${suffix}`} title={`${fmtShape(out.shape)} ${out.dtype}`}>{many ? `${p.label}: ` : ''}{fmtShape(out.shape)} {out.dtype}{objective ? ' · objective' : ''}</div>
              <div className="snode-row"><span className="label value">val</span><TensorPreview t={out.value} kind="value" testId={`value-${id}${suffix}`} /></div>
              {out.grad && <div className="snode-row"><span className="label grad">grad</span><TensorPreview t={out.grad} kind="grad" testId={`grad-${id}${suffix}`} /></div>}
            </div>
          );
        })}
        {hint && <div className="snode-hint" data-testid={`hint-${id}`} title={hint}>{hint}</div>}
        {message && <div className="snode-error" role="alert" data-testid={`error-${id}`} title={message}>⚠ {message}</div>}
        {!far && result?.warnings.map((w) => <div key={w} className="snode-warning" data-testid={`warning-${id}`} title={w}>△ {w}</div>)}
      </div>
    </div>
  );
});
