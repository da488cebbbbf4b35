// The inspector: a form generated from the selected layer's param specs (with inline validation), its label, its
// inputs (one select per port: an accessible way to wire layers), and what validation inferred for it. With
// nothing selected it edits the project's name and description; with several layers, offers bulk actions.
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { getLayer, type RegisteredLayer } from '../../shared/layers/registry.js';
import type { GraphNode, Model, Project } from '../../shared/project.js';
import type { ModelReport } from '../../shared/validate.js';
import { useEditor, useEditorInstance, useValidation, useValue } from '../app/context.js';
import { categoryColor } from '../canvas/categories.js';
import { fullCount, fullShape } from '../canvas/format.js';
import { downstreamOf } from '../store/connections.js';
import { trainingLock } from '../store/training-lock.js';
import {
  compactPorts, edgeIds, getModel, incomingByTarget, nextEdgeId, removeElements, removeParam, setLabel, setParam,
  visibleInputPorts,
} from '../store/graph.js';
import { ParamField } from './ParamField.js';
import { sameValue } from './param-input.js';
import { PRETRAINED_KIND, SECTION_PARAMS } from './pretrained.js';
import { PretrainedSection } from './PretrainedSection.js';

export function Inspector() {
  const project = useEditor((s) => s.project);
  const modelName = useEditor((s) => s.activeModel);
  const selection = useEditor((s) => s.selection);
  if (!project) return null;
  const model = getModel(project, modelName);
  if (selection.nodes.length === 1) {
    const node = model.nodes.find((n) => n.id === selection.nodes[0]);
    if (node) return <NodeInspector key={node.id} node={node} model={model} modelName={modelName} />;
  }
  if (selection.nodes.length > 1) return <MultiInspector count={selection.nodes.length} edges={selection.edges.length} />;
  if (selection.edges.length > 0) return <EdgeInspector model={model} edgeIds={selection.edges} modelName={modelName} />;
  return <ProjectInspector project={project} />;
}

const NodeInspector = memo(function NodeInspector({ node, model, modelName }: { node: GraphNode; model: Model; modelName: string }) {
  const editor = useEditorInstance();
  const validation = useValidation();
  const def = getLayer(node.kind);
  const { locked, reason: lockReason } = useValue(trainingLock);
  const report = validation?.result.models[modelName];
  const problems = useMemo(
    () => validation?.result.diagnostics.filter((d) => d.model === modelName && d.node === node.id) ?? [],
    [validation, modelName, node.id],
  );

  const onCommit = useCallback((name: string, value: unknown) => {
    editor.store.commitModel((m) => setParam(m, node.id, name, value), { coalesce: `param:${modelName}:${node.id}:${name}` });
  }, [editor, node.id, modelName]);

  // A PretrainedModel's base (path, cut, and the summary read from the file) has a section of its own.
  const pretrained = node.kind === PRETRAINED_KIND && def !== undefined;
  const sectionProblems = useMemo(() => (pretrained ? problems.filter((p) => p.field && SECTION_PARAMS.has(p.field)) : []), [pretrained, problems]);
  const params = def ? Object.entries(def.params).filter(([name]) => !pretrained || !SECTION_PARAMS.has(name)) : [];

  const onReset = useCallback((name: string) => {
    const d = getLayer(node.kind);
    if (!d) return;
    editor.store.commitModel((m) => setParam(m, node.id, name, structuredClone(d.defaults[name])));
  }, [editor, node.id, node.kind]);

  return (
    <div className="ll-inspector" aria-label={`Layer ${node.label || node.id}`} role="region">
      <header className="ll-inspector__head" style={{ ['--cat' as string]: categoryColor(def?.category) }}>
        <span className="ll-inspector__chip">{def?.category ?? 'Unknown'}</span>
        <h2 className="ll-inspector__title">{def?.title ?? node.kind}</h2>
        <p className="ll-inspector__doc">{def?.doc ?? `'${node.kind}' is not a layer kind this version knows. The node is kept as it is: replace it with a layer from the palette.`}</p>
      </header>

      <LabelField node={node} modelName={modelName} />

      {problems.length > 0 && (
        <ul className="ll-inspector__problems" aria-label="Problems with this layer">
          {problems.map((p, i) => (
            <li key={i} className={`ll-problem ll-problem--${p.severity}`}>{p.message}</li>
          ))}
        </ul>
      )}

      {pretrained && <PretrainedSection node={node} modelName={modelName} locked={locked} lockReason={lockReason} problems={sectionProblems} />}

      {params.length > 0 && (
        <fieldset className="ll-inspector__section ll-inspector__params" aria-labelledby="ll-params-h" disabled={locked} title={locked ? lockReason : undefined}>
          <h3 id="ll-params-h">Parameters</h3>
          {params.map(([name, spec]) => {
            const value = name in node.params ? node.params[name] : spec.default;
            const problem = problems.find((p) => p.field === name)?.message;
            return (
              <ParamField
                key={name}
                name={name}
                spec={spec}
                value={value}
                isDefault={sameValue(value, spec.default)}
                problem={problem}
                onCommit={onCommit}
                onReset={onReset}
              />
            );
          })}
        </fieldset>
      )}

      <ExtraParams node={node} def={def} />
      <Connections node={node} model={model} modelName={modelName} />
      <Inferred node={node} report={report} />
    </div>
  );
});

function LabelField({ node, modelName }: { node: GraphNode; modelName: string }) {
  const editor = useEditorInstance();
  const id = useId();
  const [text, setText] = useState(node.label ?? '');
  const committed = useRef(node.label ?? '');
  useEffect(() => {
    const v = node.label ?? '';
    if (v !== committed.current) setText(v);
    committed.current = v;
  }, [node.label]);
  return (
    <div className="ll-field">
      <label htmlFor={id} className="ll-field__label">Label</label>
      <div className="ll-field__control">
        <input
          id={id}
          type="text"
          value={text}
          placeholder={node.id}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-doc`}
          onChange={(e) => {
            setText(e.target.value);
            committed.current = e.target.value.trim() === '' ? '' : e.target.value;
            editor.store.commitModel((m) => setLabel(m, node.id, e.target.value), { coalesce: `label:${modelName}:${node.id}` });
          }}
        />
      </div>
      <p id={`${id}-doc`} className="ll-field__doc">Display name; id <code>{node.id}</code>.</p>
    </div>
  );
}

function ExtraParams({ node, def }: { node: GraphNode; def: RegisteredLayer | undefined }) {
  const editor = useEditorInstance();
  const extra = Object.keys(node.params).filter((k) => !def || !(k in def.params));
  if (extra.length === 0) return null;
  return (
    <section className="ll-inspector__section" aria-labelledby="ll-extra-h">
      <h3 id="ll-extra-h">{def ? 'Unknown parameters' : 'Parameters (read only)'}</h3>
      <dl className="ll-kv">
        {extra.map((k) => (
          <div key={k} className="ll-kv__row">
            <dt>{k}</dt>
            <dd>
              <code>{JSON.stringify(node.params[k])}</code>
              {def && (
                <button type="button" className="ll-link-button" aria-label={`Remove parameter ${k}`} onClick={() => editor.store.commitModel((m) => removeParam(m, node.id, k))}>
                  Remove
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** One select per input port: which layer feeds it. Only choices that keep the graph acyclic are offered. */
function Connections({ node, model, modelName }: { node: GraphNode; model: Model; modelName: string }) {
  const editor = useEditorInstance();
  const def = getLayer(node.kind);
  const incoming = useMemo(() => incomingByTarget(model).get(node.id) ?? [], [model.edges, node.id]);
  // Which layers could feed this one: those with an output that it does not itself feed (no cycle). Recomputed when
  // edges or the list of layers change, not when layers merely move.
  const signature = model.nodes.map((n) => `${n.id}\u0000${n.kind}\u0000${n.label ?? ''}`).join('\u0001');
  const candidates = useMemo(() => {
    const downstream = downstreamOf(model, node.id);
    return model.nodes.filter((n) => {
      if (n.id === node.id || downstream.has(n.id)) return false;
      const d = getLayer(n.kind);
      return !d || d.ports.output;
    });
  }, [model.edges, signature, node.id]);
  if (!def || def.ports.inputs === 'none') return null;
  const ports = visibleInputPorts(node, incoming);

  const setSource = (port: string, source: string) => {
    editor.store.commitModel((m) => {
      const existing = m.edges.filter((e) => e.target === node.id && e.targetPort === port).map((e) => e.id);
      let next = removeElements(m, [], existing);
      if (source) {
        // removeElements may renumber variadic ports; connect to the first free one at or after this port.
        const used = new Set(next.edges.filter((e) => e.target === node.id).map((e) => e.targetPort));
        let target = port;
        if (used.has(target) && def.ports.inputs === 'many') for (let i = 0; used.has(target); i++) target = `in${i}`;
        next = { ...next, edges: [...next.edges, { id: nextEdgeId(edgeIds(next)), source, sourcePort: 'out', target: node.id, targetPort: target }] };
        next = compactPorts(next, new Set([node.id]));
      }
      return next;
    });
  };

  return (
    <section className="ll-inspector__section" aria-labelledby="ll-conn-h">
      <h3 id="ll-conn-h">Inputs</h3>
      {ports.map((port) => {
        const edge = incoming.find((e) => e.targetPort === port);
        const label = ports.length > 1 ? `Input ${port}` : 'Input';
        return (
          <div className="ll-field" key={port}>
            <label className="ll-field__label" htmlFor={`ll-port-${modelName}-${node.id}-${port}`}>{label}</label>
            <div className="ll-field__control">
              <select id={`ll-port-${modelName}-${node.id}-${port}`} value={edge?.source ?? ''} onChange={(e) => setSource(port, e.target.value)}>
                <option value="">— not connected —</option>
                {edge && !candidates.some((c) => c.id === edge.source) && <option value={edge.source}>{edge.source}</option>}
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>{c.label ? `${c.label} (${c.id})` : c.id} · {getLayer(c.kind)?.title ?? c.kind}</option>
                ))}
              </select>
            </div>
          </div>
        );
      })}
    </section>
  );
}

function Inferred({ node, report }: { node: GraphNode; report: ModelReport | undefined }) {
  const inputs = report?.inputShapes[node.id];
  const out = report?.shapes[node.id];
  const count = report?.nodeParams[node.id];
  return (
    <section className="ll-inspector__section" aria-labelledby="ll-inferred-h">
      <h3 id="ll-inferred-h">Shapes and parameters</h3>
      <dl className="ll-kv">
        <div className="ll-kv__row">
          <dt>Input shape{inputs && inputs.length > 1 ? 's' : ''}</dt>
          <dd>{inputs?.length ? inputs.map((s) => fullShape(s)).join(', ') : node.kind === 'Input' ? 'none (source)' : '—'}</dd>
        </div>
        <div className="ll-kv__row">
          <dt>Output shape</dt>
          <dd data-testid="inspector-output-shape">{out ? fullShape(out) : '— (fix the problems above)'}</dd>
        </div>
        <div className="ll-kv__row">
          <dt>Parameters</dt>
          <dd>
            {count ? (
              <>
                {fullCount(count.trainable + count.nonTrainable)}
                {count.nonTrainable > 0 && <span className="ll-muted"> ({fullCount(count.trainable)} trainable, {fullCount(count.nonTrainable)} not)</span>}
              </>
            ) : '—'}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function MultiInspector({ count, edges }: { count: number; edges: number }) {
  const editor = useEditorInstance();
  return (
    <div className="ll-inspector" role="region" aria-label="Selection">
      <h2 className="ll-inspector__title">{count} layers selected</h2>
      <p className="ll-muted">{edges ? `and ${edges} connection${edges > 1 ? 's' : ''}. ` : ''}Drag any of them to move them together.</p>
      <div className="ll-button-row">
        <button type="button" className="ll-button" onClick={() => editor.duplicate()}>Duplicate</button>
        <button type="button" className="ll-button ll-button--danger" onClick={() => editor.deleteSelection()}>Delete</button>
      </div>
    </div>
  );
}

function EdgeInspector({ model, edgeIds: ids, modelName }: { model: Model; edgeIds: readonly string[]; modelName: string }) {
  const editor = useEditorInstance();
  const validation = useValidation();
  const edges = model.edges.filter((e) => ids.includes(e.id));
  const shapes = validation?.result.models[modelName]?.shapes;
  return (
    <div className="ll-inspector" role="region" aria-label="Connection">
      <h2 className="ll-inspector__title">{edges.length === 1 ? 'Connection' : `${edges.length} connections`}</h2>
      <ul className="ll-plain-list">
        {edges.map((e) => (
          <li key={e.id}>
            <code>{e.source}</code> → <code>{e.target}</code>{e.targetPort !== 'in' ? ` (${e.targetPort})` : ''}
            <span className="ll-muted"> · {shapes?.[e.source] ? fullShape(shapes[e.source]) : 'shape unknown'}</span>
          </li>
        ))}
      </ul>
      <div className="ll-button-row">
        <button type="button" className="ll-button ll-button--danger" onClick={() => editor.deleteSelection()}>
          Delete {edges.length === 1 ? 'connection' : 'connections'}
        </button>
      </div>
    </div>
  );
}

function ProjectInspector({ project }: { project: Project }) {
  const editor = useEditorInstance();
  const validation = useValidation();
  const nameId = useId();
  const descId = useId();
  return (
    <div className="ll-inspector" role="region" aria-label="Project">
      <h2 className="ll-inspector__title">Project</h2>
      <div className="ll-field">
        <label htmlFor={nameId} className="ll-field__label">Project name</label>
        <div className="ll-field__control">
          <input id={nameId} type="text" value={project.name} maxLength={500} onChange={(e) => {
            const name = e.target.value;
            editor.store.commit((p) => ({ ...p, name }), { coalesce: 'project:name' });
          }} />
        </div>
      </div>
      <div className="ll-field">
        <label htmlFor={descId} className="ll-field__label">Description</label>
        <div className="ll-field__control">
          <textarea id={descId} rows={3} value={project.description} onChange={(e) => {
            const description = e.target.value;
            editor.store.commit((p) => ({ ...p, description }), { coalesce: 'project:description' });
          }} />
        </div>
      </div>
      <section className="ll-inspector__section" aria-labelledby="ll-models-h">
        <h3 id="ll-models-h">Models</h3>
        <dl className="ll-kv">
          {Object.entries(project.models).map(([name, m]) => {
            const r = validation?.result.models[name];
            return (
              <div className="ll-kv__row" key={name}>
                <dt>{name}</dt>
                <dd>{m.nodes.length} layers{r ? ` · ${fullCount(r.total)} params` : ''}</dd>
              </div>
            );
          })}
        </dl>
      </section>
      <p className="ll-muted ll-inspector__hint">Select a layer on the canvas to edit its parameters.</p>
    </div>
  );
}
