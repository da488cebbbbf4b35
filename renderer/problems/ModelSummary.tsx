// A model summary like Keras' model.summary(): layers in data-flow order with output shape, parameter count and
// inputs, then the totals. Clicking a row selects the layer.
import { memo, useMemo } from 'react';
import { getLayer } from '../../shared/layers/registry.js';
import { useEditor, useEditorInstance, useValidation } from '../app/context.js';
import { fullCount, fullShape } from '../canvas/format.js';
import { getModel, incomingByTarget, portIndex } from '../store/graph.js';

function ModelSummaryView() {
  const editor = useEditorInstance();
  const project = useEditor((s) => s.project);
  const modelName = useEditor((s) => s.activeModel);
  const validation = useValidation();
  const model = project ? getModel(project, modelName) : null;
  const report = validation?.result.models[modelName];

  const rows = useMemo(() => {
    if (!model) return [];
    const byId = new Map(model.nodes.map((n) => [n.id, n]));
    const ordered = report ? report.order.filter((id) => byId.has(id)) : [];
    const seen = new Set(ordered);
    const rest = model.nodes.filter((n) => !seen.has(n.id)).map((n) => n.id);
    const incoming = incomingByTarget(model);
    return [...ordered, ...rest].map((id) => {
      const n = byId.get(id)!;
      const ins = [...(incoming.get(id) ?? [])].sort((a, b) => portIndex(a.targetPort) - portIndex(b.targetPort));
      const count = report?.nodeParams[id];
      return {
        id, name: n.label || n.id, kind: getLayer(n.kind)?.title ?? n.kind,
        shape: report?.shapes[id], params: count ? count.trainable + count.nonTrainable : null,
        from: ins.map((e) => byId.get(e.source)?.label || e.source),
      };
    });
  }, [model, report]);

  if (!model) return null;
  const total = report?.total ?? 0;
  const trainable = report?.trainable ?? 0;
  return (
    <div className="ll-summary">
      <table className="ll-table">
        <caption className="ll-visually-hidden">Model summary: {modelName}</caption>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Kind</th>
            <th scope="col">Output shape</th>
            <th scope="col" className="ll-num">Param #</th>
            <th scope="col">Connected to</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} onClick={() => editor.reveal(modelName, r.id)} className="ll-table__row">
              <th scope="row">
                <button type="button" className="ll-link-button" onClick={(e) => { e.stopPropagation(); editor.reveal(modelName, r.id); }}>{r.name}</button>
              </th>
              <td>{r.kind}</td>
              <td className="ll-mono">{r.shape ? fullShape(r.shape) : '?'}</td>
              <td className="ll-num ll-mono">{r.params === null ? '?' : fullCount(r.params)}</td>
              <td className="ll-muted">{r.from.join(', ')}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><th scope="row" colSpan={3}>Total params</th><td className="ll-num ll-mono">{fullCount(total)}</td><td /></tr>
          <tr><th scope="row" colSpan={3}>Trainable params</th><td className="ll-num ll-mono">{fullCount(trainable)}</td><td /></tr>
          <tr><th scope="row" colSpan={3}>Non-trainable params</th><td className="ll-num ll-mono">{fullCount(total - trainable)}</td><td /></tr>
        </tfoot>
      </table>
    </div>
  );
}

export const ModelSummary = memo(ModelSummaryView);
