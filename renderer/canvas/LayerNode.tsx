// The one node component: every layer kind renders through it, driven by the catalogue (title, category colour,
// ports) and by validation (output shape, parameter count, problems). Memoised; the canvas hands it a new data
// object only when something it shows changed.
import { Handle, Position, useStore, useUpdateNodeInternals, type Node, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { memo, useEffect, useId, useRef } from 'react';
import { categoryColor } from './categories.js';
import { fullCount, shortCount } from './format.js';

export interface NodeProblem {
  severity: 'error' | 'warning';
  message: string;
}

export interface LayerNodeData extends Record<string, unknown> {
  kind: string;
  /** Display name: the label, or the id. */
  name: string;
  title: string;
  category: string | null;
  inputs: readonly string[];
  output: boolean;
  /** Compact output shape (`8×8×16`), null while unknown. */
  shape: string | null;
  fullShape: string | null;
  params: number | null;
  problems: readonly NodeProblem[];
}

export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

/** Below this zoom, nodes draw a simplified face (the kind in large type): text too small to read costs paint time. */
export const LOD_ZOOM = 0.38;
export const zoomedOut = (s: ReactFlowState) => s.transform[2] < LOD_ZOOM;

function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const updateNodeInternals = useUpdateNodeInternals();
  const lod = useStore(zoomedOut);
  // A merge node grows a port as its inputs fill: re-measure its handles then (not on mount: React Flow measures
  // new nodes itself, and an early single-node update would resolve the initial fit-view on that node alone).
  const ports = `${data.inputs.length}:${data.output}`;
  const measuredPorts = useRef(ports);
  useEffect(() => {
    if (measuredPorts.current === ports) return;
    measuredPorts.current = ports;
    updateNodeInternals(id);
  }, [id, ports, updateNodeInternals]);

  const errors = data.problems.filter((p) => p.severity === 'error').length;
  const warnings = data.problems.length - errors;
  const many = data.inputs.length > 1;
  return (
    <div
      className={`ll-node${errors ? ' ll-node--error' : warnings ? ' ll-node--warning' : ''}${selected ? ' ll-node--selected' : ''}${data.category ? '' : ' ll-node--unknown'}${lod ? ' ll-node--lod' : ''}`}
      style={{ ['--cat' as string]: categoryColor(data.category) }}
      data-kind={data.kind}
    >
      {data.inputs.map((port, i) => (
        <Handle
          key={port}
          id={port}
          type="target"
          position={Position.Top}
          className="ll-handle ll-handle--in"
          style={{ left: `${((i + 1) / (data.inputs.length + 1)) * 100}%` }}
          aria-label={`Input ${port} of ${data.name}`}
          title={many ? `Input ${port}` : 'Input'}
        >
          {many && !lod && <span className="ll-port-name">{port}</span>}
        </Handle>
      ))}
      {lod ? (
        <div className="ll-node__lod">
          {data.title}
          {data.problems.length > 0 && <span className={`ll-lod-badge ${errors ? 'll-badge--error' : 'll-badge--warning'}`} aria-hidden="true">!</span>}
        </div>
      ) : (
        <NodeFace data={data} errors={errors} />
      )}
      {data.output && (
        <Handle
          id="out"
          type="source"
          position={Position.Bottom}
          className="ll-handle ll-handle--out"
          aria-label={`Output of ${data.name}`}
          title="Output"
        />
      )}
    </div>
  );
}

/** The full face: kind, parameter count, problem badge (with the messages on hover/focus), name, output shape. */
function NodeFace({ data, errors }: { data: LayerNodeData; errors: number }) {
  const tooltipId = useId();
  return (
    <>
      <div className="ll-node__head">
        <span className="ll-node__kind">{data.title}</span>
        {data.params !== null && data.params > 0 && (
          <span className="ll-node__params" title={`${fullCount(data.params)} parameters`}>
            {shortCount(data.params)} params
          </span>
        )}
        {data.problems.length > 0 && (
          <span className="ll-badge-wrap">
            <button
              type="button"
              className={`ll-badge ${errors ? 'll-badge--error' : 'll-badge--warning'}`}
              aria-label={`${data.problems.length} problem${data.problems.length > 1 ? 's' : ''} on ${data.name}`}
              aria-describedby={tooltipId}
            >
              {errors ? '!' : '?'}
            </button>
            <span role="tooltip" id={tooltipId} className="ll-tooltip">
              {data.problems.map((p, i) => (
                <span key={i} className={`ll-tooltip__item ll-tooltip__item--${p.severity}`}>{p.message}</span>
              ))}
            </span>
          </span>
        )}
      </div>
      <div className="ll-node__name">{data.name}</div>
      <div className="ll-node__shape" title={data.fullShape ?? 'Output shape unknown'}>
        {data.output ? (data.shape ?? '?') : data.shape ? `→ ${data.shape}` : '?'}
      </div>
    </>
  );
}

export const LayerNode = memo(LayerNodeView);
