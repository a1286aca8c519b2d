import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useEditor } from '../../store/context';
import { gradColor, type FlowEdge } from './adapter';

/** A wire labelled with the shape it carries; optionally coloured and thickened by the gradient flowing back. */
export const ShapeEdge = memo(function ShapeEdge(props: EdgeProps<FlowEdge>) {
  const colored = useEditor((s) => s.gradColors);
  const [path, lx, ly] = getBezierPath(props);
  const norm = props.data?.gradNorm ?? null;
  const stroke = props.selected ? 'var(--accent)' : colored ? gradColor(norm) : 'var(--muted)';
  const width = colored && norm ? 1.5 + Math.min(4, Math.max(0, Math.log10(norm) + 3)) : 1.5;
  return (
    <>
      <BaseEdge id={props.id} path={path} style={{ stroke, strokeWidth: props.selected ? width + 1 : width }} />
      <EdgeLabelRenderer>
        <div
          className="edge-label mono nodrag nopan"
          data-testid={`edge-label-${props.id}`}
          style={{ position: 'absolute', transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)`, pointerEvents: 'none' }}
          title={norm !== null ? `gradient norm ${norm.toExponential(2)}` : undefined}
        >
          {props.data?.shape}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
