// The bottom panel: the problems list and the model summary.
import { useEditorInstance, useValidation, useValue } from './context.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { Icon } from './Icon.js';
import { ModelSummary } from '../problems/ModelSummary.js';
import { countProblems, ProblemsList } from '../problems/ProblemsList.js';
import type { BottomTab } from './editor.js';

export function BottomPanel() {
  const editor = useEditorInstance();
  const ui = useValue(editor.ui);
  const validation = useValidation();
  const { errors, warnings } = countProblems(validation?.result.diagnostics);
  const select = (bottom: BottomTab) => editor.ui.set((u) => ({ ...u, bottom, bottomOpen: true }));
  return (
    <section className={`ll-bottom${ui.bottomOpen ? '' : ' ll-bottom--closed'}`} aria-label="Problems and summary">
      <div className="ll-bottom__bar">
        <div role="tablist" aria-label="Bottom panels" className="ll-tabs">
          <button type="button" role="tab" className="ll-tab" aria-selected={ui.bottom === 'problems'} aria-controls="ll-bottom-problems" onClick={() => select('problems')}>
            Problems
            <span className={`ll-count${errors ? ' ll-count--error' : warnings ? ' ll-count--warning' : ''}`}>{errors + warnings}</span>
          </button>
          <button type="button" role="tab" className="ll-tab" aria-selected={ui.bottom === 'summary'} aria-controls="ll-bottom-summary" onClick={() => select('summary')}>
            Model summary
          </button>
        </div>
        <button
          type="button"
          className="ll-icon-button"
          aria-label={ui.bottomOpen ? 'Collapse bottom panel' : 'Expand bottom panel'}
          aria-expanded={ui.bottomOpen}
          onClick={() => editor.ui.set((u) => ({ ...u, bottomOpen: !u.bottomOpen }))}
        >
          <Icon name={ui.bottomOpen ? 'chevronDown' : 'chevronUp'} />
        </button>
      </div>
      {ui.bottomOpen && (
        <div className="ll-bottom__body" role="tabpanel" id={ui.bottom === 'problems' ? 'll-bottom-problems' : 'll-bottom-summary'}>
          <ErrorBoundary name={ui.bottom === 'problems' ? 'problems list' : 'model summary'}>
            {ui.bottom === 'problems' ? <ProblemsList /> : <ModelSummary />}
          </ErrorBoundary>
        </div>
      )}
    </section>
  );
}
