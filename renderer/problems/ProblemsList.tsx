// The problems list: every diagnostic of the project, errors first. Clicking one that concerns a layer selects it
// and scrolls the canvas to it (switching model tabs if needed).
import { memo, useMemo } from 'react';
import type { Diagnostic } from '../../shared/validate.js';
import { useEditor, useEditorInstance, useValidation } from '../app/context.js';

export function countProblems(diagnostics: readonly Diagnostic[] | undefined): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics ?? []) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

function ProblemsListView() {
  const editor = useEditorInstance();
  const validation = useValidation();
  const project = useEditor((s) => s.project);
  const multi = project ? Object.keys(project.models).length > 1 : false;
  const sorted = useMemo(() => {
    const list = [...(validation?.result.diagnostics ?? [])];
    list.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    return list;
  }, [validation]);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const [model, m] of Object.entries(project?.models ?? {})) for (const n of m.nodes) map.set(`${model}\u0000${n.id}`, n.label || n.id);
    return map;
  }, [project?.models]);

  if (!validation) return <p className="ll-muted ll-pad">Checking the model…</p>;
  if (sorted.length === 0) {
    return <p className="ll-problems__none ll-pad" role="status">No problems: every layer has a shape.</p>;
  }
  const labelOf = (d: Diagnostic) => {
    const name = d.node ? names.get(`${d.model}\u0000${d.node}`) : undefined;
    const where = name ?? d.field ?? (d.edge ? `edge ${d.edge}` : '');
    return [multi ? d.model : '', where].filter(Boolean).join(' › ');
  };
  return (
    <ul className="ll-problems" aria-label="Problems">
      {sorted.map((d, i) => {
        const target = d.node;
        // Dataset and training problems open the panel where they are fixed.
        const panel = !target && d.field ? (d.field.startsWith('dataset') ? 'dataset' : d.field.startsWith('training') ? 'training' : null) : null;
        const content = (
          <>
            <span className={`ll-sev ll-sev--${d.severity}`} aria-label={d.severity === 'error' ? 'Error' : 'Warning'} role="img">
              {d.severity === 'error' ? '✕' : '!'}
            </span>
            <span className="ll-problems__message">{d.message}</span>
            <span className="ll-problems__where">{labelOf(d)}</span>
            <span className="ll-problems__code">{d.code}</span>
          </>
        );
        return (
          <li key={`${d.model}:${d.node ?? ''}:${d.edge ?? ''}:${d.code}:${i}`}>
            {target ? (
              <button type="button" className="ll-problems__item" onClick={() => editor.reveal(d.model, target)}>{content}</button>
            ) : panel ? (
              <button type="button" className="ll-problems__item" onClick={() => editor.ui.set((u) => ({ ...u, dock: panel }))}>{content}</button>
            ) : (
              <div className="ll-problems__item ll-problems__item--static">{content}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export const ProblemsList = memo(ProblemsListView);
