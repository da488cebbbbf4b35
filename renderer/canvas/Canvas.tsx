// The graph canvas (React Flow, controlled): nodes and edges are derived from the project; every user change comes
// back as a store commit (a whole drag as one undo step). Connections are checked while dragging.
import {
  Background, BackgroundVariant, MiniMap, ReactFlow, useReactFlow, useStore, type Connection, type Edge, type EdgeChange,
  type FinalConnectionState, type IsValidConnection, type NodeChange, type OnReconnect,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { Model } from '../../shared/project.js';
import { useEditor, useEditorInstance, useValidation, useValue } from '../app/context.js';
import { useResolvedTheme } from '../theme/theme.js';
import { checkConnection, connect } from '../store/connections.js';
import { getModel, moveNodes, removeElements, type XY } from '../store/graph.js';
import type { Selection } from '../store/store.js';
import { trainingLock } from '../store/training-lock.js';
import { categoryColor } from './categories.js';
import { FlowDeriver, problemsByNode, type Dimensions, type LayerFlowEdge } from './derive.js';
import { LayerNode, zoomedOut, type LayerFlowNode } from './LayerNode.js';
import { QuickAdd, type QuickAddRequest } from './QuickAdd.js';

export const LAYER_MIME = 'application/x-layerloom-kind';

const nodeTypes = { layer: LayerNode };
const EMPTY_MODEL: Model = { nodes: [], edges: [] };
const FIT_OPTIONS = { padding: 0.12, maxZoom: 1.1 };
const MINIMAP_STYLE = { width: 168, height: 112 };

function toggled(list: readonly string[], changes: { id: string; selected: boolean }[]): readonly string[] {
  if (changes.length === 0) return list;
  const set = new Set(list);
  for (const c of changes) {
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
}

export function Canvas() {
  const editor = useEditorInstance();
  const { store } = editor;
  const project = useEditor((s) => s.project);
  const modelName = useEditor((s) => s.activeModel);
  const selection = useEditor((s) => s.selection);
  const documentId = useEditor((s) => s.documentId);
  const validation = useValidation();
  const ui = useValue(editor.ui);
  const locked = useValue(trainingLock).locked;
  const theme = useResolvedTheme();
  const flow = useReactFlow<LayerFlowNode, LayerFlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const pointer = useRef<XY | null>(null);
  const measured = useRef(new Map<string, Dimensions>());
  const [measureVersion, setMeasureVersion] = useState(0);
  const dragSession = useRef(0);
  const dragActive = useRef(false);
  const deriver = useRef(new FlowDeriver());

  const model = project ? getModel(project, modelName) : EMPTY_MODEL;
  // Fit the view when a document or model is shown, not when the first layer lands on an empty canvas (the view
  // would jump away from where the user is placing layers).
  // (decided once per document and model)
  const fitOnMount = useMemo(() => model.nodes.length > 0, [documentId, modelName]);
  const justDragged = useRef(false);
  const report = validation?.result.models[modelName];
  const diagnostics = validation?.result.diagnostics;
  const problems = useMemo(() => problemsByNode(diagnostics ?? [], modelName), [diagnostics, modelName]);

  // measureVersion stands for the measured map (a ref).
  const nodes = useMemo(() => deriver.current.nodes(model, selection, report, problems, measured.current), [model, selection, report, problems, measureVersion]);
  const edges = useMemo(() => deriver.current.edges(model, selection, report, problems), [model, selection, report, problems]);

  const onNodesChange = useCallback((changes: NodeChange<LayerFlowNode>[]) => {
    let dims = false;
    const positions = new Map<string, XY>();
    const select: { id: string; selected: boolean }[] = [];
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) {
        const prev = measured.current.get(c.id);
        if (!prev || prev.width !== c.dimensions.width || prev.height !== c.dimensions.height) {
          measured.current.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
          dims = true;
        }
      } else if (c.type === 'position' && c.position) {
        positions.set(c.id, { x: c.position.x, y: c.position.y });
      } else if (c.type === 'select') {
        select.push({ id: c.id, selected: c.selected });
      }
    }
    if (dims) setMeasureVersion((v) => v + 1);
    if (positions.size) {
      store.commitModel((m) => moveNodes(m, positions), { coalesce: dragActive.current ? `drag:${dragSession.current}` : 'nudge', positionsOnly: true });
    }
    if (select.length) {
      const sel = store.getState().selection;
      store.setSelection({ nodes: toggled(sel.nodes, select), edges: sel.edges });
    }
  }, [store]);

  const onEdgesChange = useCallback((changes: EdgeChange<LayerFlowEdge>[]) => {
    const select: { id: string; selected: boolean }[] = [];
    for (const c of changes) if (c.type === 'select') select.push({ id: c.id, selected: c.selected });
    if (select.length) {
      const sel = store.getState().selection;
      store.setSelection({ nodes: sel.nodes, edges: toggled(sel.edges, select) });
    }
  }, [store]);

  const onNodeDragStart = useCallback(() => {
    dragSession.current++;
    dragActive.current = true;
    store.breakCoalescing();
  }, [store]);
  const onNodeDragStop = useCallback(() => {
    dragActive.current = false;
    justDragged.current = true;
    store.breakCoalescing();
  }, [store]);

  // A plain click on one layer of a multi-selection selects just that layer (as in drawing tools); a drag keeps
  // the whole selection.
  const onNodeClick = useCallback((e: React.MouseEvent, node: LayerFlowNode) => {
    if (justDragged.current) {
      justDragged.current = false;
      return;
    }
    if (e.shiftKey || e.ctrlKey || e.metaKey) return;
    const sel = store.getState().selection;
    if (sel.nodes.length > 1 || sel.edges.length > 0) store.setSelection({ nodes: [node.id], edges: [] });
  }, [store]);
  const onPaneMouseDown = useCallback(() => {
    justDragged.current = false;
  }, []);

  const isValidConnection: IsValidConnection<LayerFlowEdge> = useCallback((c: Connection | Edge) => {
    const s = store.getState();
    if (!s.project) return false;
    return checkConnection(getModel(s.project, s.activeModel), c).ok;
  }, [store]);

  const onConnect = useCallback((c: Connection) => {
    editor.connect(c);
  }, [editor]);

  // A wire dropped on empty canvas offers the layers that could go there.
  const [quickAdd, setQuickAdd] = useState<(QuickAddRequest & { at: XY; node: string; port?: string }) | null>(null);
  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid || state.toNode || !state.fromNode || !state.fromHandle) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    const rect = wrapper.current?.getBoundingClientRect();
    if (!point || !rect) return;
    const from = state.fromHandle.type === 'source' ? 'output' : 'input';
    setQuickAdd({
      left: Math.min(point.clientX - rect.left, rect.width - 240), top: Math.min(point.clientY - rect.top, rect.height - 300),
      from, at: flow.screenToFlowPosition({ x: point.clientX, y: point.clientY }), node: state.fromNode.id,
      port: state.fromHandle.id ?? undefined,
    });
  }, [flow]);
  const closeQuickAdd = useCallback(() => setQuickAdd(null), []);
  const pickQuickAdd = useCallback((kind: string) => {
    if (!quickAdd) return;
    editor.addConnected(kind, quickAdd.at, { node: quickAdd.node, side: quickAdd.from, port: quickAdd.port });
    setQuickAdd(null);
  }, [editor, quickAdd]);

  const onReconnect: OnReconnect<LayerFlowEdge> = useCallback((old, c) => {
    store.commitModel((m) => {
      const without = removeElements(m, [], [old.id]);
      const r = connect(without, c);
      if (!r.edge) editor.notices.error(`Not connected: ${r.reason}`);
      return r.edge ? r.model : m;
    });
  }, [store, editor]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(LAYER_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((e: DragEvent) => {
    const kind = e.dataTransfer.getData(LAYER_MIME);
    if (!kind) return;
    e.preventDefault();
    editor.addLayer(kind, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  }, [editor, flow]);

  // Client coordinates only: converting on every move would force a layout per mouse move.
  const onMouseMove = useCallback((e: React.MouseEvent) => {
    pointer.current = { x: e.clientX, y: e.clientY };
  }, []);
  const onMouseLeave = useCallback(() => {
    pointer.current = null;
  }, []);

  // Lend the viewport to the editor's commands while mounted.
  useEffect(() => {
    editor.canvas = {
      viewportCentre: () => {
        const r = wrapper.current?.getBoundingClientRect();
        if (!r) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      },
      pointer: () => (pointer.current ? flow.screenToFlowPosition(pointer.current) : null),
      reveal: (id) => {
        const n = flow.getInternalNode(id);
        if (!n) return;
        const w = n.measured.width ?? 200;
        const h = n.measured.height ?? 76;
        void flow.setCenter(n.internals.positionAbsolute.x + w / 2, n.internals.positionAbsolute.y + h / 2, {
          zoom: Math.max(flow.getZoom(), 0.9), duration: 250,
        });
      },
      fitView: () => void flow.fitView({ ...FIT_OPTIONS, duration: 200 }),
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      nodeSizes: () => new Map(measured.current),
    };
    return () => {
      editor.canvas = null;
    };
  }, [editor, flow]);

  // Forget sizes of nodes that are gone (ids may be reused by later nodes of another kind).
  useEffect(() => {
    const ids = new Set(model.nodes.map((n) => n.id));
    for (const id of measured.current.keys()) if (!ids.has(id)) measured.current.delete(id);
  }, [model.nodes]);

  const minimapColor = useCallback((n: LayerFlowNode) => categoryColor(n.data.category), []);
  const big = model.nodes.length > 150;
  const lod = useStore(zoomedOut);

  return (
    <div className={`ll-canvas${lod ? ' ll-canvas--lod' : ''}`} ref={wrapper} onMouseMove={onMouseMove} onMouseLeave={onMouseLeave}>
      <ReactFlow<LayerFlowNode, LayerFlowEdge>
        key={`${documentId}:${modelName}`}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onMouseDownCapture={onPaneMouseDown}
        onSelectionDragStart={onNodeDragStart}
        onSelectionDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onReconnect={onReconnect}
        isValidConnection={isValidConnection}
        nodesConnectable={!locked}
        edgesReconnectable={!locked}
        onDragOver={onDragOver}
        onDrop={onDrop}
        colorMode={theme}
        fitView={fitOnMount}
        fitViewOptions={FIT_OPTIONS}
        minZoom={0.05}
        maxZoom={2.5}
        snapToGrid={ui.snapToGrid}
        snapGrid={[16, 16]}
        selectionOnDrag
        panOnDrag={[1, 2]}
        panActivationKeyCode="Space"
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        onlyRenderVisibleElements={big}
        elevateNodesOnSelect
        connectionRadius={28}
        defaultEdgeOptions={{ type: 'default' }}
        proOptions={{ hideAttribution: true }}
        aria-label="Model graph"
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} />
        {ui.minimap && <MiniMap<LayerFlowNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} ariaLabel="Minimap" style={MINIMAP_STYLE} />}
      </ReactFlow>
      {quickAdd && <QuickAdd request={quickAdd} onPick={pickQuickAdd} onClose={closeQuickAdd} />}
      {model.nodes.length === 0 && (
        <div className="ll-canvas__empty" aria-hidden="true">
          <p className="ll-canvas__empty-title">This model is empty</p>
          <p>Drag layers here from the palette, or click one to add it. Start with an <strong>Input</strong>.</p>
        </div>
      )}
    </div>
  );
}

export type { Selection };
