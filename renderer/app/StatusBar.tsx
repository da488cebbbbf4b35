// The status bar: validation state, model size, and the editor's messages (read out to screen readers).
import { useEditor, useEditorInstance, useNotices, useValidation } from './context.js';
import { fullCount } from '../canvas/format.js';
import { countProblems } from '../problems/ProblemsList.js';
import { getModel } from '../store/graph.js';

export function StatusBar() {
  const editor = useEditorInstance();
  const project = useEditor((s) => s.project);
  const modelName = useEditor((s) => s.activeModel);
  const validation = useValidation();
  const { errors, warnings } = countProblems(validation?.result.diagnostics);
  const model = project ? getModel(project, modelName) : null;
  const report = validation?.result.models[modelName];
  return (
    <footer className="ll-status">
      <button
        type="button"
        className={`ll-status__problems${errors ? ' ll-status__problems--error' : ''}`}
        onClick={() => editor.ui.set((u) => ({ ...u, bottom: 'problems', bottomOpen: true }))}
      >
        {!validation ? 'Checking…' : errors + warnings === 0 ? '✓ No problems' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`}
      </button>
      {model && <span>{model.nodes.length} layers</span>}
      {report && <span>{fullCount(report.total)} params</span>}
      {validation && <span className="ll-muted" title="Time the last validation took">validated in {validation.ms.toFixed(1)} ms</span>}
    </footer>
  );
}

export function Toasts() {
  const editor = useEditorInstance();
  const notices = useNotices();
  return (
    <div className="ll-toasts">
      <div role="status" aria-live="polite" className="ll-toasts__col">
        {notices.filter((n) => n.kind === 'info').map((n) => (
          <div key={n.id} className="ll-toast">
            <span>{n.text}</span>
            <button type="button" className="ll-toast__close" aria-label="Dismiss" onClick={() => editor.notices.dismiss(n.id)}>×</button>
          </div>
        ))}
      </div>
      <div role="alert" className="ll-toasts__col">
        {notices.filter((n) => n.kind === 'error').map((n) => (
          <div key={n.id} className="ll-toast ll-toast--error">
            <span>{n.text}</span>
            <button type="button" className="ll-toast__close" aria-label="Dismiss" onClick={() => editor.notices.dismiss(n.id)}>×</button>
          </div>
        ))}
      </div>
    </div>
  );
}
