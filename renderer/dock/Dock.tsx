// The side dock: tabs Inspector, Dataset, Training, Export. The last three are separate panels (see
// panels/registry.ts) that receive DockPanelProps; a panel stays mounted once opened so a running job keeps its state.
import { Suspense, useCallback, useRef, useState, type KeyboardEvent } from 'react';
import type { Project } from '../../shared/project.js';
import { useEditor, useEditorInstance, useValidation, useValue } from '../app/context.js';
import type { DockTab } from '../app/editor.js';
import { ErrorBoundary } from '../app/ErrorBoundary.js';
import { Inspector } from '../inspector/Inspector.js';
import { panelFor } from '../panels/registry.js';
import type { DockPanelProps, ProjectChangeOptions } from '../panels/types.js';

const TABS: { id: DockTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'dataset', label: 'Dataset' },
  { id: 'training', label: 'Training' },
  { id: 'export', label: 'Export' },
];

export function Dock() {
  const editor = useEditorInstance();
  const ui = useValue(editor.ui);
  const [visited, setVisited] = useState<ReadonlySet<DockTab>>(() => new Set([ui.dock]));
  if (!visited.has(ui.dock)) setVisited(new Set([...visited, ui.dock]));
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const select = (tab: DockTab) => editor.ui.set((u) => ({ ...u, dock: tab }));
  const onKey = (e: KeyboardEvent, i: number) => {
    const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : -1;
    if (next < 0) return;
    e.preventDefault();
    select(TABS[next]!.id);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="ll-dock">
      <div role="tablist" aria-label="Side panels" className="ll-tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => { tabRefs.current[i] = el; }}
            type="button"
            role="tab"
            id={`ll-dock-tab-${t.id}`}
            aria-selected={ui.dock === t.id}
            aria-controls={`ll-dock-panel-${t.id}`}
            tabIndex={ui.dock === t.id ? 0 : -1}
            className="ll-tab"
            onClick={() => select(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`ll-dock-panel-${t.id}`}
          aria-labelledby={`ll-dock-tab-${t.id}`}
          hidden={ui.dock !== t.id}
          className="ll-dock__panel"
        >
          {visited.has(t.id) && (
            <ErrorBoundary name={`${t.label} panel`}>
              {t.id === 'inspector' ? <Inspector /> : <DockPanel name={t.id} active={ui.dock === t.id} />}
            </ErrorBoundary>
          )}
        </div>
      ))}
    </div>
  );
}

function DockPanel({ name, active }: { name: string; active: boolean }) {
  const editor = useEditorInstance();
  const project = useEditor((s) => s.project);
  const path = useEditor((s) => s.path);
  const activeModel = useEditor((s) => s.activeModel);
  const validation = useValidation();
  const onProjectChange = useCallback((next: Project | ((current: Project) => Project), options?: ProjectChangeOptions) => {
    editor.store.commit((p) => (typeof next === 'function' ? next(p) : next), { coalesce: options?.coalesce });
  }, [editor]);
  const Panel = panelFor(name);
  if (!project) return null;
  if (!Panel) {
    return <p className="ll-muted ll-pad">Coming soon</p>;
  }
  const props: DockPanelProps = {
    project, host: editor.host, projectPath: path ?? undefined, onProjectChange, activeModel,
    validation: validation?.result ?? null, active,
  };
  return (
    <Suspense fallback={<p className="ll-muted ll-pad">Loading…</p>}>
      <Panel {...props} />
    </Suspense>
  );
}
